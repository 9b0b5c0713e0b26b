/**
 * A map that holds at most `limit` entries and forgets the oldest first: the one bounded cache
 * of quiz-agent (quizzes, polls, remembered profiles). A Map iterates in insertion order, so
 * "oldest" is its first key and eviction is O(1); writing (or {@link BoundedCache.use}) an entry
 * makes it the newest, which gives least-recently-used eviction.
 *
 * @example
 * const quizzes = new BoundedCache<number, Quiz>(500);
 * quizzes.set(7, quiz);
 * quizzes.use(7); // read and keep it from eviction
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly limit: number;

  constructor(limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`BoundedCache needs a whole limit of at least 1, got ${limit}`);
    this.limit = limit;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** The values, oldest first. */
  values(): IterableIterator<V> {
    return this.#entries.values();
  }

  /** The entry's value, leaving its age as it is. */
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** The entry's value, which becomes the newest (least recently used goes first). */
  use(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** Stores `value` as the newest entry; beyond `limit`, the oldest is forgotten. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
