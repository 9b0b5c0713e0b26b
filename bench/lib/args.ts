/** Command-line values of the benchmark scripts, checked with messages that say what was expected. */

export function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

export function listOf<T extends string>(name: string, value: string, allowed: readonly T[]): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new RangeError(`--${name}: unknown ${unknown.join(', ') || '(empty list)'}; choose from ${allowed.join(', ')}`);
  }
  return items as T[];
}

/** `--bot-env NAME=value` as [NAME, value]; throws with an example when it is not that shape. */
export function envPair(pair: string): [string, string] {
  const match = /^([A-Z][A-Z0-9_]*)=(.*)$/s.exec(pair);
  if (!match) throw new RangeError(`--bot-env expects NAME=value (e.g. DB_POOL_SIZE=30), got "${pair}"`);
  return [match[1] as string, match[2] as string];
}
