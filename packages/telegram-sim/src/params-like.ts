/**
 * The request parameters the update hub reads. Structural, so that the HTTP layer's parser
 * (src/params.ts) fits it without the hub depending on that module.
 */
export interface ParamsLike {
  optionalInt(name: string): number | undefined;
  optionalString(name: string): string | undefined;
  optionalBool(name: string): boolean | undefined;
  optionalJson<T>(name: string): T | undefined;
}

/** Telegram's `get_integer_arg`: a value out of range is clamped into it, never refused. */
export function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
