/**
 * The bot's pending updates, oldest first, as Telegram's per-bot update queue (TQueue) keeps
 * them: ids increase by one per update, an update stays until it is confirmed or dropped.
 *
 * Built for throughput: an array with a head index (no `Array.shift` on large arrays), O(1)
 * lookup by update_id, confirmation in O(confirmed), and each object payload serialized once.
 */
import type { UpdateType } from './update-types.js';

/** One queued update. `handOuts` counts how often it went to the bot (more than once = redelivered). */
export interface QueuedUpdate {
  readonly id: number;
  readonly type: UpdateType;
  /** The chat (or, for poll_answer, the user) whose updates a webhook gets one at a time. */
  readonly key: string;
  /** The whole update as JSON, built at add time; undefined for a lazy payload. */
  readonly json: string | undefined;
  /** Builds the payload at hand-out time, so state updates carry the latest state. */
  readonly lazy: (() => object) | undefined;
  handOuts: number;
}

/** Compaction runs once this many removed slots sit in front of the head (and they are half the array). */
const COMPACT_AFTER = 4_096;

/** See the module comment. */
export class UpdateQueue {
  /** Slots by update_id - #base; undefined once removed (webhooks confirm out of order). */
  #slots: (QueuedUpdate | undefined)[] = [];
  #base: number;
  #head = 0;
  #size = 0;
  #nextId: number;

  /** @param firstId update_id of the first update added */
  constructor(firstId: number) {
    if (!Number.isSafeInteger(firstId) || firstId < 1) {
      throw new RangeError(`UpdateQueue expects a first update_id that is a positive integer, got ${firstId}`);
    }
    this.#base = firstId;
    this.#nextId = firstId;
  }

  /** The id the next update gets (Telegram's queue "tail"). */
  get nextId(): number {
    return this.#nextId;
  }

  /** The oldest pending update's id, or {@link nextId} when none is pending (Telegram's "head"). */
  get headId(): number {
    this.#skipRemoved();
    return this.#head < this.#slots.length ? this.#base + this.#head : this.#nextId;
  }

  /** Updates pending (not confirmed, not dropped). */
  get size(): number {
    return this.#size;
  }

  /**
   * Queues an update. An object payload is serialized now, once; a function is kept and called
   * at each hand-out. Throws a TypeError when the payload does not serialize to a JSON object.
   */
  push(type: UpdateType, key: string, payload: object | (() => object)): QueuedUpdate {
    const id = this.#nextId;
    const lazy = typeof payload === 'function' ? (payload as () => object) : undefined;
    const json = lazy ? undefined : withUpdateId(id, payload);
    const entry: QueuedUpdate = { id, type, key, json, lazy, handOuts: 0 };
    this.#slots.push(entry);
    this.#nextId++;
    this.#size++;
    return entry;
  }

  /** The pending update with this id. */
  get(id: number): QueuedUpdate | undefined {
    return this.#slots[id - this.#base];
  }

  /** The oldest pending update with an id above `id`. */
  nextAfter(id: number): QueuedUpdate | undefined {
    for (let i = Math.max(this.#head, id + 1 - this.#base); i < this.#slots.length; i++) {
      const entry = this.#slots[i];
      if (entry) return entry;
    }
    return undefined;
  }

  /** Up to `limit` pending updates with id >= `fromId`, oldest first, stopping before `maxChars` of JSON. */
  take(fromId: number, limit: number, maxChars: number): { entries: QueuedUpdate[]; json: string[] } {
    const entries: QueuedUpdate[] = [];
    const json: string[] = [];
    let left = maxChars;
    for (let i = Math.max(this.#head, fromId - this.#base); i < this.#slots.length && entries.length < limit; i++) {
      const entry = this.#slots[i];
      if (!entry) continue;
      const text = this.serialize(entry);
      // Telegram counts 50 characters of overhead per update against a 4 MiB answer.
      left -= 50 + text.length;
      if (left <= 0) break;
      entries.push(entry);
      json.push(text);
    }
    return { entries, json };
  }

  /** The update's JSON as the bot receives it; a lazy payload is built now. */
  serialize(entry: QueuedUpdate): string {
    return entry.json ?? withUpdateId(entry.id, (entry.lazy as () => object)());
  }

  /** Removes one update (a webhook delivered it). Returns whether it was pending. */
  remove(id: number): boolean {
    const index = id - this.#base;
    if (index < this.#head || !this.#slots[index]) return false;
    this.#slots[index] = undefined;
    this.#size--;
    this.#skipRemoved();
    return true;
  }

  /** Removes every update with an id below `id` (getUpdates' offset confirms them); returns how many. */
  removeBefore(id: number): number {
    const end = Math.min(id - this.#base, this.#slots.length);
    let removed = 0;
    for (; this.#head < end; this.#head++) {
      if (this.#slots[this.#head]) {
        this.#slots[this.#head] = undefined;
        removed++;
      }
    }
    this.#size -= removed;
    this.#skipRemoved();
    return removed;
  }

  /** Forgets all but the newest `count` pending updates (a negative getUpdates offset); returns how many went. */
  keepLast(count: number): number {
    if (count >= this.#size) return 0;
    if (count <= 0) return this.clear();
    let kept = 0;
    let i = this.#slots.length - 1;
    for (; i >= this.#head; i--) {
      if (this.#slots[i] && ++kept === count) break;
    }
    return this.removeBefore(this.#base + i);
  }

  /** Drops every pending update (drop_pending_updates); returns how many. */
  clear(): number {
    const dropped = this.#size;
    this.#base += this.#slots.length;
    this.#slots = [];
    this.#head = 0;
    this.#size = 0;
    return dropped;
  }

  #skipRemoved(): void {
    while (this.#head < this.#slots.length && !this.#slots[this.#head]) this.#head++;
    if (this.#head === this.#slots.length) {
      this.#base += this.#head;
      this.#slots = [];
      this.#head = 0;
    } else if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#slots.length) {
      this.#slots = this.#slots.slice(this.#head);
      this.#base += this.#head;
      this.#head = 0;
    }
  }
}

/** `{"update_id":N,...payload}` without parsing the payload's JSON again. */
function withUpdateId(id: number, payload: object): string {
  const json = JSON.stringify(payload);
  if (typeof json !== 'string' || json[0] !== '{') {
    throw new TypeError(`An update payload must be a JSON object such as { message: {...} }, got ${json}`);
  }
  return json === '{}' ? `{"update_id":${id}}` : `{"update_id":${id},${json.slice(1)}`;
}
