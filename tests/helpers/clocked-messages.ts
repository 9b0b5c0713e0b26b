/**
 * Waiting for the bot's messages on a ManualClock the bot and the simulator share: the clock
 * moves in steps until the message comes, and holds while the bot has a query or a Bot API call
 * in flight (on a loaded machine its real work would otherwise lag minutes of clock time behind).
 */
import type { ManualClock } from 'telegram-sim/clock';
import type { SimMessage } from 'telegram-sim/world-types';
import type { BotHarness } from './bot-harness.js';
import { advanceUntil } from './drive-clock.js';

/** Finds the first bot message in a chat after a message id that matches, moving `clock` until it comes. */
export type NextBotMessage = (chatId: number, afterId: number, what: string, match: (m: SimMessage) => boolean) => Promise<SimMessage>;

export function clockedMessages(h: () => BotHarness, clock: ManualClock): NextBotMessage {
  return (chatId, afterId, what, match) =>
    advanceUntil(
      clock,
      () =>
        h()
          .botMessages(chatId)
          .find((m) => m.messageId > afterId && match(m)),
      what,
      {
        stepMs: 500,
        maxMs: 5 * 60_000,
        holdWhile: () => h().app.store.database.uses().inUse > 0 || h().app.queue.stats().in_flight > 0,
      },
    );
}
