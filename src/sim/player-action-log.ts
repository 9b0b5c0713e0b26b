/**
 * Compact records of what the virtual players did: choices as bit masks of option ids, and a
 * column-wise log of every vote, revote and retract.
 */

/** Choices are kept as bit masks; Telegram allows 12 options, far below this. */
export const MAX_OPTIONS = 32;

/**
 * The vote log, one typed array per field (about 20 bytes a vote): a benchmark of thousands
 * of players over a long quiz keeps millions of votes without an object each.
 */
export class ActionLog {
  length = 0;
  #users = new Float64Array(1024);
  #at = new Float64Array(1024);
  #polls = new Uint32Array(1024);
  #masks = new Uint32Array(1024);
  #kinds = new Uint8Array(1024);

  add(userId: number, poll: number, kind: number, mask: number, at: number): void {
    if (this.length === this.#users.length) this.#grow();
    const i = this.length++;
    this.#users[i] = userId;
    this.#polls[i] = poll;
    this.#kinds[i] = kind;
    this.#masks[i] = mask;
    this.#at[i] = at;
  }

  user(i: number): number {
    return this.#users[i] as number;
  }

  poll(i: number): number {
    return this.#polls[i] as number;
  }

  kind(i: number): number {
    return this.#kinds[i] as number;
  }

  mask(i: number): number {
    return this.#masks[i] as number;
  }

  at(i: number): number {
    return this.#at[i] as number;
  }

  #grow(): void {
    const size = this.#users.length * 2;
    const grown = <A extends Float64Array | Uint32Array | Uint8Array>(old: A, fresh: A): A => {
      fresh.set(old);
      return fresh;
    };
    this.#users = grown(this.#users, new Float64Array(size));
    this.#at = grown(this.#at, new Float64Array(size));
    this.#polls = grown(this.#polls, new Uint32Array(size));
    this.#masks = grown(this.#masks, new Uint32Array(size));
    this.#kinds = grown(this.#kinds, new Uint8Array(size));
  }
}

export function maskOf(ids: readonly number[]): number {
  let mask = 0;
  for (const id of ids) mask = (mask | bit(id)) >>> 0;
  return mask;
}

/** The mask of one option, unsigned (option 31 included). */
export function bit(id: number): number {
  return (1 << id) >>> 0;
}

export function idsOf(mask: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < MAX_OPTIONS; i++) if (((mask >>> i) & 1) === 1) ids.push(i);
  return ids;
}
