/** Fields of JSON parameters, read like td's JsonObject (a number is accepted where a string is expected). */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type Fail = (what: string) => Error;

export function optionalStringField(object: Record<string, unknown>, field: string, fail: Fail): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw fail(`Field "${field}" must be of type String`);
}

export function requiredStringField(object: Record<string, unknown>, field: string, fail: Fail): string {
  const value = optionalStringField(object, field, fail);
  if (value === undefined) throw fail(`Can't find field "${field}"`);
  return value;
}
