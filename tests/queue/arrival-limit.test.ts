/**
 * The global limit holds where Telegram counts it, on arrival, against the simulator's strict
 * model of it (a sliding window: at most 30 calls admitted within any 1000 ms) while answers
 * come back late by varied amounts (the fault plan's `slow`, which delays a request before
 * Telegram takes it, as a loaded machine or network does).
 *
 * The queue run is guaranteed by arithmetic (arrival-limiter.ts), not by timing, so it runs in
 * real time. The control sends the same messages spaced 1000/30 ms apart at the sender, as the
 * old gate did, and shows that the check can fail: the first fifteen messages, held up 500 ms,
 * arrive together with the next fifteen. It runs on a ManualClock that the simulator's delays
 * and its window read, so the spacing is exact however loaded the machine is (in real time a
 * slow machine spread the sends out and the control could pass without a 429).
 */
import { Api } from 'grammy';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { sleep, systemClock } from '../../src/lib/clock.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import { ManualClock } from 'telegram-sim/clock';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';

const MESSAGES = 60;
/** How late each chat's message reaches Telegram: the first 15 by 500 ms, the rest varied. */
const delayMs = (i: number) => (i < 15 ? 500 : ([0, 30, 120, 250, 0, 60][i % 6] as number));

let sim: Simulator | undefined;
let queue: OutboundQueue | undefined;

afterEach(async () => {
  await queue?.close(5_000);
  await sim?.close();
  queue = undefined;
});

/** A simulator with Telegram's default limits (global: 30 within any 1000 ms) and one slow rule per chat. */
async function slowTelegram(clock?: ManualClock): Promise<{ api: Api; users: number[] }> {
  sim = await startSimulator(clock ? { clock } : {});
  const users = Array.from({ length: MESSAGES }, (_, i) => sim!.world.createStartedUser({ firstName: `User ${i}` }).id);
  users.forEach((chatId, i) => {
    if (delayMs(i) > 0) sim!.faults.add({ kind: 'slow', delayMs: delayMs(i), chatId, times: 1 });
  });
  return { api: new Api(sim.token, { apiRoot: sim.apiRoot }), users };
}

/** Waits (real time, at most 5 s) for the simulator's side of an HTTP round trip: an event, not a duration. */
async function untilReal(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries >= 1_000) throw new Error(`${what} did not happen within 5 s`);
    await sleep(systemClock, 5);
  }
}

function globalRefusals(): { tooManyRequests: number; globalViolations: number; delivered: number } {
  const stats = sim!.stats();
  return {
    tooManyRequests: stats.botApi.tooManyRequests,
    globalViolations: stats.floodLimits.scopes.global.violations,
    delivered: stats.floodLimits.admitted,
  };
}

describe('the global limit on arrival, with answers late by varied amounts', () => {
  it('the queue (slots held until a second after each answer) gets no 429', async () => {
    const { api, users } = await slowTelegram();
    queue = createOutboundQueue({ logger: pino({ level: 'silent' }), globalPerS: 30 });
    api.config.use(queue.transformerFor('bulk'));
    await Promise.all(users.map((user) => api.sendMessage(user, 'News')));
    expect(globalRefusals()).toEqual({ tooManyRequests: 0, globalViolations: 0, delivered: MESSAGES });
    expect(queue.stats()).toMatchObject({ total_processed: MESSAGES, rate_limit_hits: 0 });
  });

  it('(control) the same messages spaced 1000/30 ms apart at the sender do get 429s', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const { api, users } = await slowTelegram(clock);
    const sends: Promise<unknown>[] = [];
    let answered = 0;
    // Taken by "Telegram" at the clock's present: answered, or held by its `slow` rule (a timer).
    const allTaken = (): boolean => answered + clock.pendingTimers === sends.length;
    for (const user of users) {
      sends.push(
        api
          .sendMessage(user, 'News')
          .then(undefined, (error: unknown) => error)
          .finally(() => answered++),
      );
      await untilReal(allTaken, 'the message to reach the simulator');
      clock.advance(Math.ceil(1000 / 30));
      await untilReal(allTaken, 'the messages due to be taken');
    }
    for (let step = 0; answered < sends.length && step < 100; step++) {
      clock.advance(Math.ceil(1000 / 30));
      await untilReal(allTaken, 'the late messages to be taken');
    }
    await Promise.all(sends);
    expect(globalRefusals().globalViolations).toBeGreaterThan(0);
  });
});
