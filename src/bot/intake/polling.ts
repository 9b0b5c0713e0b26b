/**
 * Long polling, at least once. @grammyjs/runner handles updates concurrently (per chat in
 * order, see create-bot.ts), but its own fetcher confirms an offset as soon as it asks for the
 * next batch, before the previous one is handled: a crash then loses updates Telegram already
 * forgot. quiz-agent gives the runner its own update supplier instead, which asks Telegram only
 * for the offset below which every update is handled (UpdateTracker) and drops the updates that
 * come back because they are still in flight. An answer is thus confirmed to Telegram only once
 * it is committed; after a crash Telegram hands the rest out again and the upsert absorbs any
 * repeat.
 *
 * Before the runner starts, the backlog that piled up while the bot was down is handled
 * completely; only then does the caller start the run engine, so a run that finished during the
 * downtime is scored with the answers Telegram kept for it.
 */
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from '../context.js';
import { ALLOWED_UPDATES } from '../create-bot.js';
import type { IntakeStats } from './intake-stats.js';
import { UpdateTracker } from './update-tracker.js';

/** Updates handled at once; the AnswerWriter's buffer absorbs the answers among them. */
export const POLLING_CONCURRENCY = 2_000;
/** getUpdates' largest batch. */
const BATCH_LIMIT = 100;
/** Seconds a getUpdates call waits for updates. */
const LONG_POLL_S = 30;
const RETRY_MAX_MS = 5_000;

export interface Polling {
  /** Stops fetching, waits for the updates in hand to be handled, and confirms them. */
  stop(): Promise<void>;
}

export interface PollingOptions {
  bot: Bot<BotContext>;
  logger: Logger;
  stats: IntakeStats;
  /** Updates handled at once [2,000]. */
  concurrency?: number;
  /**
   * Called when intake must wait for the updates in hand before it may fetch more (the answer
   * writer should commit now rather than wait for batch-mates that cannot come).
   */
  onStall?: () => void;
}

/** Deletes any webhook, handles the backlog, then keeps polling until stop(). */
export async function startPolling(options: PollingOptions): Promise<Polling> {
  const { bot, logger, stats } = options;
  const concurrency = options.concurrency ?? POLLING_CONCURRENCY;
  const tracker = new UpdateTracker();
  stats.mode = 'polling';
  const handle = async (update: Update): Promise<void> => {
    try {
      await stats.track(update, () => bot.handleUpdate(update));
    } finally {
      tracker.end(update.update_id);
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

  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();

  let retryMs = 0;
  /** Runs `attempt` until it succeeds, backing off after each failure (Telegram down, 5xx, 409). */
  const withRetries = async <T>(attempt: () => Promise<T>, aborted: () => boolean): Promise<T> => {
    for (;;) {
      try {
        const result = await attempt();
        retryMs = 0;
        return result;
      } catch (error) {
        if (aborted()) throw error;
        retryMs = Math.min(RETRY_MAX_MS, Math.max(100, retryMs * 2));
        logger.warn({ err: error, retryMs }, 'getUpdates failed: retrying');
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  };

  // The backlog: batch after batch without waiting, each handled before the next is asked for.
  let backlog = 0;
  for (;;) {
    const { fresh, fetched } = await withRetries(() => fetch(BATCH_LIMIT, 0), () => false);
    await Promise.all(fresh.map(handle));
    backlog += fresh.length;
    if (fetched < BATCH_LIMIT) break;
  }

  const source = createSource<Update>({
    async supply(batchSize, signal) {
      const limit = Math.max(1, Math.min(BATCH_LIMIT, batchSize));
      for (;;) {
        // Asking again for the offset just asked for would bring back only what is in flight,
        // and Telegram answers a repeated offset with one update at most for half a second: wait
        // until the lowest update in flight is done and the offset can move.
        if (tracker.inFlight > 0 && tracker.safeOffset() === lastOffset && options.onStall) {
          // After the handlers of the batch just handed out have run their synchronous part
          // (an answer's lookup hits the cache, so it reaches the writer within this turn).
          const stall = options.onStall;
          setImmediate(stall);
        }
        while (tracker.inFlight > 0 && tracker.safeOffset() === lastOffset && !signal.aborted) await tracker.whenOneEnds();
        const { fresh, fetched } = await withRetries(() => fetch(limit, LONG_POLL_S, signal), () => signal.aborted);
        if (fresh.length > 0 || fetched === 0) return fresh;
      }
    },
  });
  const sink = createConcurrentSink<Update, unknown>({ consume: handle }, async (error) => {
    logger.error({ err: error }, 'Update handling failed outside the bot\'s error boundary');
  }, { concurrency });
  const runner: RunnerHandle = createRunner(source, sink);
  runner.start();
  logger.info({ concurrency, allowedUpdates: ALLOWED_UPDATES, backlog }, 'Long polling started');

  return {
    async stop() {
      await runner.stop();
      await tracker.idle();
      // Tell Telegram the handled updates are done, so a restart does not get them again.
      if (tracker.safeOffset() <= lastOffset) return;
      await bot.api.getUpdates({ offset: tracker.safeOffset(), limit: 1, timeout: 0, allowed_updates: ALLOWED_UPDATES }).catch((error: unknown) => {
        logger.warn({ err: error }, 'Could not confirm the last updates: a restart will handle them again');
      });
    },
  };
}
