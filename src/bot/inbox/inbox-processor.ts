/**
 * The handling side of durable intake: takes accepted updates from the inbox table and runs the
 * bot's handlers on them, never inside an acknowledgement. Each lane (a chat) is handled one
 * update at a time in update order, lanes independently, up to `concurrency` at once; any
 * instance may handle any lane (claims with SKIP LOCKED, held as renewable leases). A failing
 * handler is retried with capped backoff a bounded number of times and then parked as a dead
 * letter (kept, logged once, counted); the user whose message failed is told (one update's
 * handling and its failures: update-handling.ts). Nothing here can stop the bot from starting
 * or make the webhook answer 500.
 */
import type { Bot } from 'grammy';
import type { Logger } from 'pino';
import { createBackoff, type Backoff } from '../../lib/backoff.js';
import { sleep, systemClock, type Clock } from '../../lib/clock.js';
import { createOutageLog, type OutageBoard } from '../../lib/outage-log.js';
import { CLAIM_LEASE_MS, claimRenewalMs } from '../../store/claim-lease.js';
import type { Database } from '../../store/database.js';
import { claimInboxHeads, countInbox, purgeHandledInbox, renewInboxClaims } from '../../store/queries/inbox.js';
import type { InboxRow } from '../../store/schema/inbox.js';
import type { BotContext } from '../context.js';
import { describeError } from '../../lib/describe-error.js';
import { createHandledMarker, type HandledMarker } from './handled-marker.js';
import { createUpdateHandling, type UpdateHandling } from './update-handling.js';

/** Options of {@link createInboxProcessor}. */
export interface InboxProcessorOptions {
  db: Database;
  bot: Bot<BotContext>;
  logger: Logger;
  /** This instance's name in claims (unique per process). */
  instanceId: string;
  clock?: Clock;
  outages?: OutageBoard;
  /** Updates handled at once (each of a different lane) [200]. */
  concurrency?: number;
  /** Attempts before an update is parked [5]. */
  maxAttempts?: number;
  /** Backoff between attempts [1 s doubling to 30 s, jittered]. */
  backoff?: Backoff;
  /** How long a claim holds unless renewed [CLAIM_LEASE_MS, 3,000 ms: src/store/claim-lease.ts]. */
  leaseMs?: number;
  /** Longest sleep between two looks for updates accepted by other instances [1,000 ms]. */
  idleCheckMs?: number;
  /** Handled rows are kept this long to recognise redeliveries [24 h: Telegram keeps updates a day]. */
  keepHandledMs?: number;
}

/** Inbox figures for /monitoring/stats. */
export interface InboxStats {
  /** Updates being handled by this instance now. */
  in_flight: number;
  handled: number;
  /** Failed attempts that were scheduled for another try. */
  retried: number;
  /** Updates parked as dead letters by this instance. */
  dead_letters: number;
  /** Updates whose handler met a chat that blocked the bot: done, not failed. */
  unreachable: number;
}

export interface InboxProcessor {
  start(): void;
  /** Something was accepted: look for work now. */
  poke(): void;
  /** Stops claiming, waits up to `deadlineMs` for the handlers running, marks them; unfinished ones are handled again later. */
  stop(deadlineMs: number): Promise<{ unfinished: number }>;
  stats(): InboxStats;
  /** Open (waiting or being handled) and parked updates, all instances. */
  counts(): Promise<{ open: number; dead: number }>;
  /** Calls `listener` for every update parked, with its type (for the dead-letter counter). */
  onParked(listener: (kind: string) => void): void;
  /** An update was parked as it was accepted (an answer that can never be saved): counted like the others. */
  noteParked(kind: string): void;
}

const PURGE_EVERY_MS = 60 * 60_000;

export function createInboxProcessor(options: InboxProcessorOptions): InboxProcessor {
  return new InboxProcessorImpl(options);
}

class InboxProcessorImpl implements InboxProcessor {
  readonly #options: InboxProcessorOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #concurrency: number;
  readonly #claimBackoff = createBackoff({ initialMs: 200, maxMs: 10_000 });
  readonly #leaseMs: number;
  readonly #idleCheckMs: number;
  readonly #outage;
  readonly #handled: HandledMarker;
  readonly #handling: UpdateHandling;
  /** Update ids being handled here -> their handling. */
  readonly #active = new Map<number, Promise<void>>();
  readonly #parkedListeners = new Set<(kind: string) => void>();
  readonly #stats: InboxStats = { in_flight: 0, handled: 0, retried: 0, dead_letters: 0, unreachable: 0 };
  #running = false;
  #loop: Promise<void> | undefined;
  #wake = new AbortController();
  #pokedWhileClaiming = false;
  #renewTimer: { cancel(): void } | undefined;
  /** Renewal goes on from start() until stop() is done (not merely until the loop stops). */
  #renewing = false;
  #purgeTimer: { cancel(): void } | undefined;

  constructor(options: InboxProcessorOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger.child({ component: 'inbox' });
    this.#concurrency = options.concurrency ?? 200;
    this.#leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
    this.#idleCheckMs = options.idleCheckMs ?? 1_000;
    this.#outage = createOutageLog({
      part: 'inbox',
      logger: this.#logger,
      clock: this.#clock,
      ...(options.outages ? { board: options.outages } : {}),
    });
    this.#handled = createHandledMarker({
      db: options.db,
      clock: this.#clock,
      logger: this.#logger,
      ...(options.outages ? { outages: options.outages } : {}),
    });
    this.#handling = createUpdateHandling({
      db: options.db,
      bot: options.bot,
      clock: this.#clock,
      logger: this.#logger,
      outage: this.#outage,
      handledMarker: this.#handled,
      maxAttempts: options.maxAttempts ?? 5,
      backoff: options.backoff ?? createBackoff({ initialMs: 1_000, maxMs: 30_000 }),
      events: {
        handled: () => this.#stats.handled++,
        unreachable: () => this.#stats.unreachable++,
        retried: () => this.#stats.retried++,
        parked: (kind) => this.noteParked(kind),
      },
    });
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#schedule();
    this.#renewing = true;
    this.#scheduleRenewal();
    this.#schedulePurge(0);
  }

  poke(): void {
    this.#pokedWhileClaiming = true;
    this.#wake.abort();
  }

  async stop(deadlineMs: number): Promise<{ unfinished: number }> {
    this.#running = false;
    this.poke();
    await this.#loop;
    const deadline = this.#clock.now() + deadlineMs;
    while (this.#active.size > 0 && this.#clock.now() < deadline) {
      await Promise.race([Promise.all(this.#active.values()), sleep(this.#clock, deadline - this.#clock.now())]);
    }
    this.#purgeTimer?.cancel();
    const { unsaved } = await this.#handled.close(Math.max(0, deadline - this.#clock.now()));
    // Only now: a handler still running, or a mark still being saved, keeps its claim till here.
    this.#renewing = false;
    this.#renewTimer?.cancel();
    return { unfinished: this.#active.size + unsaved };
  }

  stats(): InboxStats {
    return { ...this.#stats, in_flight: this.#active.size };
  }

  counts(): Promise<{ open: number; dead: number }> {
    return countInbox(this.#options.db);
  }

  onParked(listener: (kind: string) => void): void {
    this.#parkedListeners.add(listener);
  }

  noteParked(kind: string): void {
    this.#stats.dead_letters++;
    for (const listener of this.#parkedListeners) listener(kind);
  }

  async #schedule(): Promise<void> {
    let failures = 0;
    while (this.#running) {
      this.#wake = new AbortController();
      const free = this.#concurrency - this.#active.size;
      if (free <= 0) {
        await sleep(this.#clock, this.#idleCheckMs, this.#wake.signal);
        continue;
      }
      this.#pokedWhileClaiming = false;
      let claimed: InboxRow[];
      try {
        claimed = await claimInboxHeads(this.#options.db, {
          by: this.#options.instanceId,
          now: new Date(this.#clock.now()),
          leaseMs: this.#leaseMs,
          limit: free,
          handling: [...this.#active.keys()],
        });
        this.#outage.success();
        failures = 0;
      } catch (error) {
        this.#outage.failure(error);
        await sleep(this.#clock, this.#claimBackoff.delayMs(++failures), this.#wake.signal);
        continue;
      }
      for (const row of claimed) this.#start(row);
      // More may be waiting (a full claim, or work that arrived while claiming): look again at
      // once, after the handlers just started had a turn; otherwise sleep until poked.
      if (claimed.length === free || this.#pokedWhileClaiming) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      await sleep(this.#clock, this.#idleCheckMs, this.#wake.signal);
    }
  }

  #start(row: InboxRow): void {
    const handling = this.#handling.handle(row).finally(() => {
      this.#active.delete(row.updateId);
      // Its lane's next update may be handled now.
      this.poke();
    });
    this.#active.set(row.updateId, handling);
  }

  /**
   * Keeps the claims of long handlers (a reply waiting for its chat's turn) from lapsing: one
   * statement per renewal period for every update being handled here (at most `concurrency`),
   * also while a stop waits for the handlers, so that none is handled a second time elsewhere.
   */
  #scheduleRenewal(): void {
    this.#renewTimer = this.#clock.setTimeout(() => {
      const ids = [...this.#active.keys()];
      renewInboxClaims(this.#options.db, {
        by: this.#options.instanceId,
        updateIds: ids,
        until: new Date(this.#clock.now() + this.#leaseMs),
      })
        .catch((error: unknown) => this.#outage.failure(error))
        .finally(() => {
          if (this.#renewing) this.#scheduleRenewal();
        });
    }, claimRenewalMs(this.#leaseMs));
  }

  /** Forgets handled updates older than a day (Telegram redelivers none that old). */
  #schedulePurge(delayMs: number): void {
    this.#purgeTimer = this.#clock.setTimeout(() => {
      const before = new Date(this.#clock.now() - (this.#options.keepHandledMs ?? 24 * 60 * 60_000));
      void (async () => {
        for (let i = 0; i < 100; i++) if ((await purgeHandledInbox(this.#options.db, { before, limit: 1_000 })) < 1_000) break;
      })()
        .catch((error: unknown) =>
          this.#logger.warn({ error: describeError(error) }, 'Could not purge handled inbox rows: trying again in an hour'),
        )
        .finally(() => {
          if (this.#running) this.#schedulePurge(PURGE_EVERY_MS);
        });
    }, delayMs);
  }
}
