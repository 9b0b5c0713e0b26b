/**
 * Text PostgreSQL can store. A `text` value cannot hold U+0000 (PostgreSQL refuses it: SQLSTATE
 * 22021), and a lone UTF-16 surrogate has no UTF-8 form at all (the driver would quietly turn it
 * into U+FFFD). Both can reach the bot: a user can type U+0000 in a name or a message, and a
 * forged update can carry anything JSON can escape. Intake removes them from every string of an
 * update before anything is written, so a name, a title or a text never makes a handler fail for
 * good; nothing else about the text changes.
 */

/** U+0000, or a surrogate not paired with its other half (well-formed pairs are kept). */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this must find
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` without U+0000 and without lone surrogates.
 *
 * @example storableText('Nu\u0000ll') // 'Null'
 * @example storableText('a\uD83Cb') // 'ab' (half an emoji)
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '');
}

/** Thrown by {@link withStorableText} for a value nested deeper than Telegram ever nests an update. */
export class TooDeepError extends Error {
  override readonly name = 'TooDeepError';
  readonly code = 'TOO_DEEP';
  constructor(maxDepth: number) {
    super(`the value is nested deeper than ${maxDepth} levels`);
  }
}

/**
 * The JSON value `value` with {@link storableText} applied to every string value in it (keys are
 * left alone: no handler stores one). Only the objects and arrays on the way to a string that
 * changed are copied: the usual update comes back as the same object.
 *
 * @param maxDepth deepest nesting walked; deeper values throw {@link TooDeepError} (a bound on the
 *   walk for what a forged update may hold; Telegram's updates nest a few levels)
 */
export function withStorableText<T>(value: T, maxDepth = 32): T {
  return clean(value, 0, maxDepth) as T;
}

function clean(value: unknown, depth: number, maxDepth: number): unknown {
  if (typeof value === 'string') return storableText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxDepth) throw new TooDeepError(maxDepth);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const cleaned = clean(item, depth + 1, maxDepth);
      if (cleaned !== item) (copy ??= [...value])[i] = cleaned;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const cleaned = clean(item, depth + 1, maxDepth);
    if (cleaned === item) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    // defineProperty, not assignment: a forged "__proto__" key must stay a plain field.
    Object.defineProperty(copy, key, { value: cleaned, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? value;
}
