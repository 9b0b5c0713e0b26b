/**
 * Start-up's wait for a dependency, driven by a ManualClock: capped jittered backoff, one line
 * when waiting starts (naming the dependency and where it is), a summary a minute, one line when
 * it is reachable, /health's board meanwhile, and an abort that ends the wait at once.
 */
import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../src/lib/backoff.js';
import { OutageBoard } from '../../src/lib/outage-log.js';
import { StartAbortedError, waitUntilReachable } from '../../src/lib/wait-until-reachable.js';
import { ManualClock } from 'telegram-sim/clock';
import { advanceUntil } from '../helpers/drive-clock.js';
import { capturedLogger } from '../helpers/captured-logger.js';

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });

describe('waitUntilReachable', () => {
  it('retries with capped jittered backoff, logs the start, a summary a minute and the end, and is on the board meanwhile', async () => {
    const clock = new ManualClock();
    const { logger, lines } = capturedLogger();
    const outages = new OutageBoard(clock);
    const backoff = createBackoff({ initialMs: 500, maxMs: 15_000 });
    const attemptsAt: number[] = [];
    const boardWhileWaiting: Record<string, string>[] = [];
    const waited = waitUntilReachable({
      dependency: 'database',
      target: '10.0.0.5:5432 (database quiz)',
      attempt: async () => {
        attemptsAt.push(clock.now());
        if (attemptsAt.length < 12) throw refused();
        return 'up';
      },
      describe: (error) => (error as Error).message,
      clock,
      logger,
      outages,
      backoff,
    });
    await advanceUntil(
      clock,
      () => {
        if (attemptsAt.length === 5) boardWhileWaiting.push(outages.failing());
        return attemptsAt.length >= 12;
      },
      'the twelfth attempt',
      { stepMs: 50, settleMs: 1 },
    );
    expect(await waited).toBe('up');

    // Each wait between half and all of its ceiling (0.5 s doubling, capped at 15 s).
    for (let i = 1; i < attemptsAt.length; i++) {
      const gap = (attemptsAt[i] as number) - (attemptsAt[i - 1] as number);
      expect(gap).toBeGreaterThanOrEqual(backoff.ceilingMs(i) / 2 - 50);
      expect(gap).toBeLessThanOrEqual(backoff.ceilingMs(i) + 50);
    }
    expect(backoff.ceilingMs(11)).toBe(15_000);

    const messages = lines.map((l) => l.msg);
    expect(messages[0]).toBe(
      'start-up: database at 10.0.0.5:5432 (database quiz) unavailable, retrying with backoff (one line per minute until it is back)',
    );
    expect(lines[0]).toMatchObject({ level: 40, dependency: 'database', target: '10.0.0.5:5432 (database quiz)' });
    const summaries = messages.filter((m) => m === 'start-up: database at 10.0.0.5:5432 (database quiz) still unavailable');
    // About 85 s of waiting: one summary a minute, not one line per attempt. A summary comes with
    // a failed attempt (the twelfth succeeds), so the last failure's distance from the first
    // decides it; with waits of at most 15 s it cannot reach a second minute.
    expect(summaries.length).toBe(Math.floor(((attemptsAt.at(-2) as number) - (attemptsAt[0] as number)) / 60_000));
    expect(messages.at(-1)).toBe('start-up: database at 10.0.0.5:5432 (database quiz) available again');
    expect(lines).toHaveLength(summaries.length + 2);

    expect(boardWhileWaiting[0]).toEqual({
      'start-up': expect.stringMatching(
        /^database at 10\.0\.0\.5:5432 \(database quiz\) unavailable for \d+ s \(5 attempts\): .*ECONNREFUSED/,
      ),
    });
    expect(outages.failing()).toEqual({});
  });

  it('ends at once with StartAbortedError when aborted while it waits, whatever the backoff', async () => {
    const clock = new ManualClock();
    const { logger } = capturedLogger();
    const stop = new AbortController();
    let attempts = 0;
    const waited = waitUntilReachable({
      dependency: 'telegram',
      target: 'https://api.telegram.org',
      attempt: () => {
        attempts++;
        return Promise.reject(refused());
      },
      describe: () => 'network request failed (ECONNREFUSED)',
      clock,
      logger,
      signal: stop.signal,
    });
    await advanceUntil(clock, () => attempts >= 3, 'three attempts', { stepMs: 100, settleMs: 1 });
    stop.abort();
    await expect(waited).rejects.toBeInstanceOf(StartAbortedError);
    await expect(waited).rejects.toMatchObject({ code: 'START_ABORTED', waitingFor: 'the telegram at https://api.telegram.org' });
  });

  it('ends at once with StartAbortedError when aborted during an attempt that hangs', async () => {
    const clock = new ManualClock();
    const stop = new AbortController();
    const waited = waitUntilReachable({
      dependency: 'database',
      target: 'db:5432 (database quiz)',
      attempt: () => new Promise<never>(() => undefined),
      describe: String,
      clock,
      logger: capturedLogger().logger,
      signal: stop.signal,
    });
    stop.abort();
    await expect(waited).rejects.toBeInstanceOf(StartAbortedError);
  });

  it('throws a failure that waiting cannot cure at once, after one attempt', async () => {
    const clock = new ManualClock();
    let attempts = 0;
    const wrongPassword = Object.assign(new Error('password authentication failed for user "quiz"'), { code: '28P01' });
    await expect(
      waitUntilReachable({
        dependency: 'database',
        target: 'db:5432 (database quiz)',
        attempt: () => {
          attempts++;
          return Promise.reject(wrongPassword);
        },
        isFatal: (error) => (error as { code?: string }).code === '28P01',
        describe: String,
        clock,
        logger: capturedLogger().logger,
      }),
    ).rejects.toBe(wrongPassword);
    expect(attempts).toBe(1);
  });
});
