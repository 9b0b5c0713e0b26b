/**
 * Building blocks of a zod schema over environment variables (src/config.ts is the one user):
 * `fromEnv(NAME, parser)` ties a setting to its variable, the parsers take the raw string (or
 * undefined when unset) and give the value or its default, and {@link inputFrom} builds the
 * schema's input from the environment. Messages omit the variable's name: the caller prefixes it.
 */
import { z } from 'zod';

/** Which environment variable feeds which schema (zod's registry: metadata kept beside the schema). */
const envNames = z.registry<{ variable: string }>();

/**
 * Ties `schema` to the environment variable `variable` and returns it.
 * @example fromEnv('DB_POOL_SIZE', wholeNumber(1, 500, 30)) // "40" -> 40, unset -> 30, "abc" -> "must be a whole number from 1 to 500, got \"abc\""
 */
export function fromEnv<S extends z.ZodType>(variable: string, schema: S): S {
  envNames.add(schema, { variable });
  return schema;
}

/** The value as read: a string, or undefined when unset (empty strings are made unset before parsing). */
const unset = z.string().optional();

/** Parses a set value with `parse` (undefined = invalid, reported with `problem(value)`); unset stays undefined. */
export function variable<T>(parse: (v: string) => T | undefined, problem: (v: string) => string) {
  return unset.transform((v, ctx): T | undefined => {
    if (v === undefined) return undefined;
    const out = parse(v);
    if (out !== undefined) return out;
    ctx.addIssue({ code: 'custom', message: problem(v) });
    return z.NEVER;
  });
}

/** `schema`, refused with `message` when unset. */
export function required<T>(schema: z.ZodType<T | undefined, string | undefined>, message: string) {
  return schema.transform((v, ctx): T => {
    if (v !== undefined) return v;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

export const quote = (v: string) => JSON.stringify(v);

export function parseWhole(v: string, min: number, max: number): number | undefined {
  const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

export function wholeNumber(min: number, max: number, fallback: number) {
  return variable(
    (v) => parseWhole(v, min, max),
    (v) => `must be a whole number from ${min} to ${max}, got ${quote(v)}`,
  ).transform((n) => n ?? fallback);
}

export function oneOf<const T extends readonly string[]>(values: T, fallback: T[number]) {
  return variable(
    (v) => values.find((x): x is T[number] => x === v),
    (v) => `must be one of ${values.join(', ')}, got ${quote(v)}`,
  ).transform((v) => v ?? fallback);
}

export function text(fallback: string) {
  return unset.transform((v) => v ?? fallback);
}

/** How a URL is shown in a message: with any password replaced by `***`, or not at all if it does not parse. */
function showUrl(v: string, redact: boolean): string {
  if (!redact) return quote(v);
  if (!URL.canParse(v)) return 'a value that is not a URL';
  const u = new URL(v);
  if (!u.password && !u.searchParams.has('password')) return quote(v);
  if (u.password) u.password = '***';
  if (u.searchParams.has('password')) u.searchParams.set('password', '***');
  return quote(u.href);
}

export function url(protocols: string[], kind: string, example: string, redact = false) {
  return variable(
    (v) => (URL.canParse(v) && protocols.includes(new URL(v).protocol) ? v : undefined),
    (v) => `must be ${kind} (e.g. ${example}), got ${showUrl(v, redact)}`,
  );
}

/** A secret: the message gives the rule and the length of the value, never the value. */
export function secret(pattern: RegExp, rule: string) {
  return variable(
    (v) => (pattern.test(v) ? v : undefined),
    (v) => `must ${rule}, got a value of ${v.length} characters`,
  );
}

/** The environment as given: `process.env` or a plain record (tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The schema's input built from `env`: every `fromEnv` leaf gets its variable (empty = unset),
 * and `variables` learns which variable sits at which path (for messages).
 */
export function inputFrom(schema: z.ZodType, env: Env, path: string[], variables: Map<string, string>): unknown {
  const variable = envNames.get(schema)?.variable;
  if (variable !== undefined) {
    variables.set(path.join('.'), variable);
    return env[variable] === '' ? undefined : env[variable];
  }
  if (schema instanceof z.ZodObject) {
    return Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => [
        key,
        inputFrom(field, env, [...path, key], variables),
      ]),
    );
  }
  // Every option of a union reads the same environment: one input with the keys of all of them.
  if (schema instanceof z.ZodUnion)
    return Object.assign({}, ...schema.options.map((option) => inputFrom(option as z.ZodType, env, path, variables)));
  if (schema instanceof z.ZodPipe) return inputFrom(schema.in as z.ZodType, env, path, variables);
  throw new Error(`config schema: the setting at ${path.join('.') || 'the root'} names no environment variable (wrap it in fromEnv)`);
}
