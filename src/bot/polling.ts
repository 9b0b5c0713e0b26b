/**
 * Long polling with @grammyjs/runner: updates are fetched in batches and handled concurrently
 * (per chat in order, see create-bot.ts), so thousands of poll answers a second do not wait
 * for one another.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import { ALLOWED_UPDATES } from './create-bot.js';

/** Updates handled at once; the AnswerWriter's buffer absorbs the answers among them. */
export const POLLING_CONCURRENCY = 2_000;

export interface Polling {
  /** Stops fetching and waits for the updates in hand to be handled. */
  stop(): Promise<void>;
}

export async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<Polling> {
  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ALLOWED_UPDATES, timeout: 30 } },
    sink: { concurrency: POLLING_CONCURRENCY },
  });
  logger.info({ concurrency: POLLING_CONCURRENCY, allowedUpdates: ALLOWED_UPDATES }, 'Long polling started');
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
