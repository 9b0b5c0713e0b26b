/**
 * Encodes values as one PostgreSQL array literal (`{1,NULL,"a \"b\""}`), to be sent as a single
 * text parameter and cast in SQL (`$1::bigint[]`). The bulk statements pass whole columns this
 * way: one parameter per column whatever the batch size, and no reliance on the driver
 * guessing array types.
 */
export function toArrayLiteral(values: readonly (string | number | boolean | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const value = values[i];
    if (value === null || value === undefined) out += 'NULL';
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`cannot encode ${value} in a PostgreSQL array`);
      out += String(value);
    } else if (typeof value === 'boolean') out += value ? 't' : 'f';
    else out += `"${value.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}
