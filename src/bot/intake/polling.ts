/**
 * Long polling with durable acceptance. @grammyjs/runner fetches and feeds updates to a
 * concurrent sink, but its own fetcher confirms an offset as soon as it asks for the next batch,
 * before the previous one is done: a crash then loses updates Telegram already forgot.
 * quiz-agent gives the runner its own update supplier instead, which asks Telegram only for the
 * offset below which every update is *accepted* (committed: a poll answer by the AnswerWriter,
 * anything else into the inbox; see acceptor.ts) and drops the updates that come back because
 * they are still being accepted. Acceptance takes milliseconds whatever a handler does (handlers
 * run later, from the inbox), so the offset follows the updates closely and a slow reply never
 * holds answers back at Telegram.
 *
 * Before the runner starts, the backlog that piled up while the bot was down is accepted
 * completely; only then does the caller start the run engine, so a run that finished during the
 * downtime is scored with the answers Telegram kept for it.
 */
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { createBackoff } from '../../lib/backoff.js';
import { sleep, systemClock, type Clock } from '../../lib/clock.js';
import { createOutageLog, type OutageBoard } from '../../lib/outage-log.js';
import type { BotContext } from '../context.js';
import { ALLOWED_UPDATES } from '../create-bot.js';
import type { Acceptor } from './acceptor.js';
import type { IntakeStats } from './intake-stats.js';
import { UpdateTracker } from './update-tracker.js';

/** Updates being accepted at once; the writers' buffers absorb them. */
export const POLLING_CONCURRENCY = 2_000;
/** getUpdates' largest batch. */
const BATCH_LIMIT = 100;
/** Seconds a getUpdates call waits for updates. */
const LONG_POLL_S = 30;

export interface Polling {
  /** Stops fetching, waits up to `deadlineMs` for the updates in hand to be accepted, and confirms those. */
  stop(deadlineMs?: number): Promise<void>;
}

export interface PollingOptions {
  bot: Bot<BotContext>;
  acceptor: Acceptor;
  logger: Logger;
  stats: IntakeStats;
  clock?: Clock;
  outages?: OutageBoard;
  /** Updates accepted at once [2,000]. */
  concurrency?: number;
}

/** Deletes any webhook, accepts the backlog, then keeps polling until stop(). */
export async function startPolling(options: PollingOptions): Promise<Polling> {
  const { bot, acceptor, logger, stats } = options;
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? POLLING_CONCURRENCY;
  const tracker = new UpdateTracker();
  const telegram = createOutageLog({
    part: 'intake',
    dependency: 'telegram',
    logger,
    clock,
    ...(options.outages ? { board: options.outages } : {}),
  });
  const database = createOutageLog({
    part: 'intake',
    dependency: 'database',
    logger,
    clock,
    ...(options.outages ? { board: options.outages } : {}),
  });
  const backoff = createBackoff({ initialMs: 100, maxMs: 5_000 });
  const stopping = new AbortController();
  stats.mode = 'polling';

  /**
   * Accepts one update, trying again while the database is unreachable. An update that could
   * not be accepted before shutdown stays "in flight": the offset never moves past it, so
   * Telegram delivers it again to the next start.
   */
  const handle = async (update: Update): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        let tookDatabase = false;
        await stats.track(update, async () => {
          tookDatabase = await acceptor.accept(update);
        });
        if (tookDatabase) database.success();
        tracker.end(update.update_id);
        return;
      } catch (error) {
        if (stopping.signal.aborted) return;
        database.failure(error);
        await sleep(clock, backoff.delayMs(attempt), stopping.signal);
      }
    }
  };

  let lastOffset = 0;
  type FetchSignal = Parameters<typeof bot.api.getUpdates>[1];
  const fetch = async (limit: number, timeout: number, signal?: FetchSignal): Promise<{ fresh: Update[]; fetched: number }> => {
    const offset = tracker.safeOffset();
    const updates = await bot.api.getUpdates({ offset, limit, timeout, allowed_updates: ALLOWED_UPDATES }, signal);
    tracker.confirm(offset);
    lastOffset = offset;
    const fresh = updates.filter((update) => tracker.begin(update.update_id));
    stats.addDuplicates(updates.length - fresh.length);
    return { fresh, fetched: updates.length };
  };

  /** Runs `attempt` until it succeeds, backing off after each failure (Telegram down, 5xx, 409). */
  const withRetries = async <T>(attempt: () => Promise<T>, aborted: () => boolean): Promise<T> => {
    for (let failures = 1; ; failures++) {
      try {
        const result = await attempt();
        telegram.success();
        return result;
      } catch (error) {
        if (aborted()) throw error;
        telegram.failure(error);
        await sleep(clock, backoff.delayMs(failures));
      }
    }
  };

  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await withRetries(
    () => bot.api.deleteWebhook(),
    () => false,
  );

  // The backlog: batch after batch without waiting, each accepted before the next is asked for.
  let backlog = 0;
  for (;;) {
    const { fresh, fetched } = await withRetries(
      () => fetch(BATCH_LIMIT, 0),
      () => false,
    );
    const accepted = Promise.all(fresh.map(handle));
    acceptor.flush();
    await accepted;
    backlog += fresh.length;
    if (fetched < BATCH_LIMIT) break;
  }

  const source = createSource<Update>({
    async supply(batchSize, signal) {
      const limit = Math.max(1, Math.min(BATCH_LIMIT, batchSize));
      for (;;) {
        // The next call confirms everything below its offset, and anything still being accepted
        // would only come back again (Telegram answers a repeated offset with one update at most
        // for half a second): wait until the batch in hand is accepted, which takes one commit.
        // Nothing more can come until then, so the writers commit what they hold at once.
        if (tracker.inFlight > 0) setImmediate(() => acceptor.flush());
        while (tracker.inFlight > 0 && !signal.aborted) await Promise.race([tracker.whenOneEnds(), aborted(signal as AbortSignal)]);
        const { fresh, fetched } = await withRetries(
          () => fetch(limit, LONG_POLL_S, signal),
          () => signal.aborted,
        );
        if (fresh.length > 0 || fetched === 0) return fresh;
      }
    },
  });
  const sink = createConcurrentSink<Update, unknown>(
    { consume: handle },
    async (error) => {
      logger.error({ err: error }, 'Update acceptance failed outside its retry loop');
    },
    { concurrency },
  );
  const runner: RunnerHandle = createRunner(source, sink);
  runner.start();
  logger.info({ concurrency, allowedUpdates: ALLOWED_UPDATES, backlog }, 'Long polling started');

  return {
    async stop(deadlineMs = 10_000) {
      await runner.stop();
      acceptor.flush();
      const deadline = clock.now() + deadlineMs;
      while (tracker.inFlight > 0 && clock.now() < deadline) {
        await Promise.race([tracker.whenOneEnds(), sleep(clock, deadline - clock.now())]);
      }
      stopping.abort();
      // Tell Telegram the accepted updates are done, so a restart does not get them again.
      if (tracker.safeOffset() <= lastOffset) return;
      await bot.api
        .getUpdates({ offset: tracker.safeOffset(), limit: 1, timeout: 0, allowed_updates: ALLOWED_UPDATES })
        .catch((error: unknown) => {
          logger.warn({ err: error }, 'Could not confirm the last updates: a restart will accept them again');
        });
    },
  };
}

const abortPromises = new WeakMap<AbortSignal, Promise<void>>();

/** Resolves when `signal` aborts (the runner is stopping); one listener per signal however often it is asked. */
function aborted(signal: AbortSignal): Promise<void> {
  let promise = abortPromises.get(signal);
  if (!promise) {
    promise = signal.aborted
      ? Promise.resolve()
      : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    abortPromises.set(signal, promise);
  }
  return promise;
}
