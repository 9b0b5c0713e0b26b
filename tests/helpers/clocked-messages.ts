/**
 * Waiting for the bot's messages on a ManualClock the bot and the simulator share: the clock
 * moves in steps until the message comes, and holds while the bot has a query or a Bot API call
 * in flight (on a loaded machine its real work would otherwise lag minutes of clock time behind).
 */
import { afterAll, beforeAll } from 'vitest';
import { ManualClock } from 'telegram-sim/clock';
import type { SimMessage } from 'telegram-sim/world-types';
import { startBotHarness, type BotHarness } from './bot-harness.js';
import { advanceUntil } from './drive-clock.js';

/** Finds the first bot message in a chat after a message id that matches, moving `clock` until it comes. */
export type NextBotMessage = (chatId: number, afterId: number, what: string, match: (m: SimMessage) => boolean) => Promise<SimMessage>;

function clockedMessages(h: () => BotHarness, clock: ManualClock): NextBotMessage {
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

/** The clock of a bot started by {@link botOnManualClock}, and the wait for its messages. */
export interface ClockedBot {
  clock: ManualClock;
  next: NextBotMessage;
}

/**
 * The real bot (startBotHarness) on a ManualClock at `startMs`, for the describe block this is
 * called in: started before its tests (beforeAll, ahead of the block's own beforeAll hooks) and
 * stopped after them. `started` gets the harness, for the block's tests to read directly:
 * `let h: BotHarness; const { clock, next } = botOnManualClock(t0, (started) => (h = started));`
 */
export function botOnManualClock(startMs: number, started: (h: BotHarness) => void): ClockedBot {
  const clock = new ManualClock(startMs);
  let harness: BotHarness | undefined;
  beforeAll(async () => {
    harness = await startBotHarness({ simulator: { clock } });
    started(harness);
  });
  afterAll(async () => {
    await harness?.stop();
  });
  const h = (): BotHarness => {
    if (!harness) throw new Error('the bot is not started: call next() inside a test');
    return harness;
  };
  return { clock, next: clockedMessages(h, clock) };
}
