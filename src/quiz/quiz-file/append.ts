/**
 * Appends items one by one. `target.push(...items)` passes every item as an argument, and a
 * file can make a list long enough (a JSON object with 100,000 fields, each unknown) to overflow
 * the stack that way.
 */
export function append<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
