/**
 * Long polling with @grammyjs/runner: updates are fetched in batches and handled concurrently
 * (per chat in order, see create-bot.ts), so thousands of poll answers a second do not wait
 * for one another. Before the runner starts, the backlog that piled up while the bot was down
 * is handled completely; only then does the run engine start, so a run that finished during
 * the downtime is scored with the answers Telegram kept for it.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import { ALLOWED_UPDATES } from './create-bot.js';

/** Updates handled at once; the AnswerWriter's buffer absorbs the answers among them. */
export const POLLING_CONCURRENCY = 2_000;
/** getUpdates' largest batch. */
const BATCH_LIMIT = 100;

export interface Polling {
  /** Stops fetching and waits for the updates in hand to be handled. */
  stop(): Promise<void>;
}

/**
 * Handles every update waiting at Telegram, batch after batch (each batch concurrently, in
 * order per chat), and confirms them, then returns how many there were.
 */
export async function handleBacklog(bot: Bot<BotContext>): Promise<number> {
  let offset = 0;
  let handled = 0;
  for (;;) {
    const updates = await bot.api.getUpdates({ offset, limit: BATCH_LIMIT, timeout: 0, allowed_updates: ALLOWED_UPDATES });
    await Promise.all(updates.map((update) => bot.handleUpdate(update)));
    handled += updates.length;
    const last = updates.at(-1);
    if (last) offset = last.update_id + 1;
    if (updates.length < BATCH_LIMIT) break;
  }
  // Confirms the last batch, which the runner would otherwise be handed again.
  if (offset > 0) await bot.api.getUpdates({ offset, limit: 1, timeout: 0, allowed_updates: ALLOWED_UPDATES });
  return handled;
}

export async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<Polling> {
  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const backlog = await handleBacklog(bot);
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ALLOWED_UPDATES, timeout: 30 } },
    sink: { concurrency: POLLING_CONCURRENCY },
  });
  logger.info({ concurrency: POLLING_CONCURRENCY, allowedUpdates: ALLOWED_UPDATES, backlog }, 'Long polling started');
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
