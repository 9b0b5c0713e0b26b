/**
 * A limit over all chats held where Telegram counts it: on arrival. Telegram allows about
 * `slots` messages within any second as they *arrive* there; spacing sends evenly at the bot
 * (the old 1000/30 ms gate) does not bound that, because sends spaced at the bot arrive
 * bunched whenever the machine or the network delays some of them (measured: 3 global 429s
 * from a strict stand-in in one of three storms).
 *
 * So a send takes one of `slots` slots before it goes out and gives it back `windowMs` after
 * its answer (or its failure) came back. Then any window of `windowMs` of arrivals holds at
 * most `slots` sends, whatever the load. Proof: take any set S of sends that arrived within one
 * window (less than `windowMs` apart) and let X be the one that took its slot last, at time t.
 * Any other Y in S arrived after arrival(X) - windowMs, which is at or after t - windowMs (X
 * took its slot before it went out). Y's answer came back after Y arrived, so after
 * t - windowMs, and Y gave its slot back `windowMs` after that: after t. Y took its slot no
 * later than t, so at t every send of S held a slot of its own: |S| <= slots. This needs the
 * bot's clock and Telegram's to run at the same rate, not to agree.
 *
 * The cost is throughput: at most slots / (windowMs + round trip) sends a second, 30 / 1.05 s
 * = 28.6/s with 50 ms answers, instead of a nominal 30/s that a loaded machine cannot keep.
 *
 * Slots are counted by Bottleneck (`maxConcurrent: slots`; its job holds the slot), in process
 * or, with a Redis connection, in Redis for every instance at once. Bottleneck only counts: it
 * has no minTime, reservoir or timer that decides when a slot frees, so the injected Clock alone
 * drives the limit and a ManualClock drives it in tests (Bottleneck still takes a few event-loop
 * turns per grant).
 *
 * Shared, a slot is a Bottleneck job with an expiration (`expirationMs`), because a SIGKILLed
 * instance never gives its slots back: Redis frees them once their expiration passed, at the
 * next script any instance runs for the limiter (a grant, a release, or at worst a heartbeat,
 * every {@link SHARED_HEARTBEAT_MS}). A live call that outlives its slot's expiration goes on
 * and is answered once; only Redis no longer counts its slot ({@link SharedSlotExpiredError}).
 *
 * Slots are handed out no faster than one per windowMs / slots (`paceMs`, 33 ms for 30), on
 * the clock: else a burst of bulk messages takes every slot at the start of a window, and a
 * question that comes a moment later waits for the next window (bench:queue, 300 chats:
 * question p95 561 ms during a broadcast without pacing, 34 ms with it). Pacing costs no
 * throughput once slots bind: each is held a window and a round trip, longer than
 * slots * paceMs.
 *
 * Who gets a slot is decided here, at the moment it is handed out: the waiting call served
 * first by {@link DueOrder}. Bottleneck's jobs are anonymous tickets that pick their call when
 * they are due, so a question that arrives after a hundred bulk messages takes the next slot.
 */
import Bottleneck from 'bottleneck';
import { sleep, type Clock } from '../lib/clock.js';
import { DueHeap, type DueOrder } from './due-order.js';

/** A slot of the limit, held by one call from before its send until it is released. */
export interface ArrivalSlot {
  /**
   * Gives the slot back. `sent`: the request went out and its answer (or failure) came back
   * just now, so the slot stays taken `windowMs` longer; not sent: it is free at once. Only the
   * first release counts.
   */
  release(sent: boolean): void;
}

/** Slots shared with other instances through Redis. */
export interface SharedSlots {
  connection: Bottleneck.IORedisConnection;
  /** The limiter's name in Redis: instances of one bot use the same. */
  id: string;
  /**
   * A slot not given back within this long is freed by Redis (a crashed instance's). Must exceed
   * two windows: up to one of pacing before the call gets the slot, one after its answer.
   */
  expirationMs: number;
}

/**
 * A shared slot's expiration passed while its call still held it (the call outlived
 * `expirationMs`: Telegram or the network is that slow). Redis freed the slot for the other
 * instances; the call itself goes on untouched and is answered once, never sent again. Reported
 * through `onError`: the instances may send one message more than the limit in that window.
 */
export class SharedSlotExpiredError extends Error {
  override readonly name = 'SharedSlotExpiredError';
  readonly code = 'SHARED_SLOT_EXPIRED';
  constructor(
    readonly expirationMs: number,
    options?: { cause: unknown },
  ) {
    super(
      `a shared global slot expired after ${expirationMs} ms while its call still held it: the call goes on, ` +
        'but the instances may send one message more than the limit in this window (sharedSlotExpiryMs, queue-settings.ts)',
      options,
    );
  }
}

export interface ArrivalLimiterOptions {
  /** Sends that may arrive within any `windowMs`. */
  slots: number;
  /** The window Telegram counts over [1000]. */
  windowMs?: number;
  /** Least time between two slots handed out [windowMs / slots, rounded down to whole ms]. */
  paceMs?: number;
  clock: Clock;
  /** Count the slots in Redis, with every instance [in-process]. */
  shared?: SharedSlots;
  /** Errors of the limiter itself (Redis), reported once each. */
  onError?: (error: unknown) => void;
}

interface Waiter {
  readonly order: DueOrder;
  readonly grant: (slot: ArrivalSlot) => void;
  readonly refuse: (error: unknown) => void;
}

/** Redis keys of an idle shared limiter expire after this long. */
const SHARED_IDLE_TTL_MS = 60_000;

/**
 * How often each instance runs Bottleneck's heartbeat script for a shared limiter [Bottleneck:
 * 5000]. Any of its scripts frees the slots whose expiration passed and tells the waiting
 * instances, so under load a dead instance's slots come back as they expire; the heartbeat bounds
 * the delay when nothing else runs (every slot was the dead instance's). One small script a second.
 */
export const SHARED_HEARTBEAT_MS = 1_000;

/** Bottleneck rejects a job whose expiration passed while it ran with this. */
const isExpiry = (error: unknown): boolean => error instanceof Bottleneck.BottleneckError && error.message.includes('timed out');

export class ArrivalLimiter {
  readonly #limiter: Bottleneck;
  readonly #slots: number;
  readonly #windowMs: number;
  readonly #paceMs: number;
  readonly #clock: Clock;
  readonly #shared: SharedSlots | undefined;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #waiters = new DueHeap<Waiter>();
  /** Holds in progress: aborting one ends it early (shutdown). */
  readonly #holds = new Set<{ responded: boolean; end: AbortController }>();
  /** Bottleneck jobs not yet bound to a call (queued, or waiting for their paced moment). */
  #tickets = 0;
  /** Earliest moment the next slot may be handed out. */
  #nextGrantAt = -Infinity;
  #stopped = false;

  constructor(options: ArrivalLimiterOptions) {
    if (!Number.isInteger(options.slots) || options.slots < 1) {
      throw new RangeError(`arrival limiter: slots must be a whole number >= 1, got ${options.slots}`);
    }
    const windowMs = options.windowMs ?? 1000;
    if (!(windowMs >= 0)) throw new RangeError(`arrival limiter: windowMs must be >= 0, got ${windowMs}`);
    this.#slots = options.slots;
    this.#windowMs = windowMs;
    // Rounded down: the slots bound the rate, pacing only spreads it (and stays on whole ms).
    this.#paceMs = options.paceMs ?? Math.floor(windowMs / options.slots);
    if (!(this.#paceMs >= 0)) throw new RangeError(`arrival limiter: paceMs must be >= 0, got ${options.paceMs}`);
    const { shared } = options;
    if (shared && !(shared.expirationMs > 2 * windowMs)) {
      throw new RangeError(`arrival limiter: shared.expirationMs must exceed two windows (${2 * windowMs} ms), got ${shared.expirationMs}`);
    }
    this.#clock = options.clock;
    this.#shared = shared;
    this.#onError = options.onError;
    // heartbeatInterval is a datastore option that Bottleneck's typings leave out.
    const limiterOptions: Bottleneck.ConstructorOptions & { heartbeatInterval?: number } = {
      maxConcurrent: options.slots,
      ...(shared
        ? {
            datastore: 'ioredis',
            connection: shared.connection,
            id: shared.id,
            timeout: SHARED_IDLE_TTL_MS,
            heartbeatInterval: SHARED_HEARTBEAT_MS,
          }
        : {}),
    };
    this.#limiter = new Bottleneck(limiterOptions);
    this.#limiter.on('error', (error: unknown) => this.#onError?.(error));
  }

  /** Calls waiting for a slot. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** Slots this instance holds (in flight, or in the window after their answer). */
  get held(): number {
    return this.#holds.size;
  }

  /**
   * Resolves with a slot when one is free and no call served before `order` waits; rejects
   * when the limiter cannot count (Redis unreachable) or the wait was cancelled.
   */
  acquire(order: DueOrder): Promise<ArrivalSlot> {
    if (this.#stopped) return Promise.reject(new Error('arrival limiter is stopped'));
    return new Promise((grant, refuse) => {
      this.#waiters.push({ order, grant, refuse });
      this.#fillTickets();
    });
  }

  /** Rejects every waiting acquire with `reason` (shutdown); slots already held are kept. */
  cancelWaiting(reason: unknown): void {
    for (const waiter of this.#waiters.removeWhere(() => true)) waiter.refuse(reason);
  }

  /**
   * Stops the limiter. In process, holds end at once (nothing sends through it any more). Shared,
   * holds whose answer came back serve out their window first, since other instances count on
   * them; holds still waiting for an answer end now (that call outlived the shutdown).
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.cancelWaiting(new Error('arrival limiter is stopped'));
    for (const hold of this.#holds) if (!this.#shared || !hold.responded) hold.end.abort();
    await this.#limiter.stop({ dropWaitingJobs: true });
  }

  /**
   * Keeps one Bottleneck job queued per waiting call, at most `slots` of them: enough to take
   * every slot that frees, few enough that a shared limiter does not flood Redis.
   */
  #fillTickets(): void {
    while (!this.#stopped && this.#tickets < Math.min(this.#waiters.size, this.#slots)) {
      this.#tickets++;
      let started = false;
      const ticket = async (): Promise<void> => {
        started = true;
        await this.#serveNext();
      };
      const shared = this.#shared;
      this.#limiter.schedule(shared ? { expiration: shared.expirationMs } : {}, ticket).catch((error: unknown) => {
        if (this.#stopped) return;
        if (started) {
          // The slot expired while held. Not a crash and not a second send: the hold and its
          // call go on (#serveNext), only Redis stopped counting the slot.
          return this.#onError?.(shared && isExpiry(error) ? new SharedSlotExpiredError(shared.expirationMs, { cause: error }) : error);
        }
        // The limiter could not give a slot (Redis unreachable): the first waiter learns it
        // (the queue retries it later); the others keep their tickets.
        this.#tickets--;
        this.#waiters.pop()?.refuse(error);
      });
    }
  }

  /**
   * A slot is ours: at its paced moment, hand it to the call served first then, and hold it
   * until that call releases it, plus the window.
   */
  async #serveNext(): Promise<void> {
    const hold = { responded: false, end: new AbortController() };
    this.#holds.add(hold);
    try {
      const now = this.#clock.now();
      const grantAt = Math.max(now, this.#nextGrantAt);
      this.#nextGrantAt = grantAt + this.#paceMs;
      // A timer of 0 ms would wait for a ManualClock's next advance: no timer when due now.
      if (grantAt > now) await sleep(this.#clock, grantAt - now, hold.end.signal);
      this.#tickets--;
      const waiter = this.#waiters.pop();
      this.#fillTickets();
      if (!waiter) return; // the call left meanwhile: the slot frees at once
      const freeAt = await new Promise<number>((resolve) => {
        hold.end.signal.addEventListener('abort', () => resolve(0), { once: true });
        let released = false;
        waiter.grant({
          release: (sent) => {
            if (released) return;
            released = true;
            hold.responded = true;
            resolve(sent ? this.#clock.now() + this.#windowMs : 0);
          },
        });
      });
      const waitMs = freeAt - this.#clock.now();
      if (waitMs > 0) await sleep(this.#clock, waitMs, hold.end.signal);
    } finally {
      this.#holds.delete(hold);
    }
  }
}
