/**
 * Starting a bot process (as `npm start` does) when something it needs is not there: a
 * configuration error stops it at once with a clear line and exit code 78; an unreachable
 * database or Telegram is waited for (the log names it by host, never by a secret), /health
 * answers 503 with the reason meanwhile, the bot starts by itself once it is reachable, and
 * SIGTERM while waiting exits at once.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.js';
import { startDbProxy, type DbProxy } from '../helpers/db-proxy.js';
import { startProcessFixture, type ProcessFixture } from '../helpers/process-fixture.js';

/** The HTTP port a process reports in its "listening" line (it runs with HTTP_PORT=0). */
async function httpPortOf(bot: BotProcess): Promise<number> {
  await bot.waitForLog('Monitoring HTTP server listening', 30_000);
  const line = bot
    .output()
    .split('\n')
    .find((l) => l.includes('"msg":"Monitoring HTTP server listening"'));
  return (JSON.parse(line as string) as { port: number }).port;
}

async function health(port: number): Promise<{ status: number; body: { status: string; failing?: Record<string, string> } }> {
  const response = await fetch(`http://127.0.0.1:${port}/health`);
  return { status: response.status, body: (await response.json()) as { status: string; failing?: Record<string, string> } };
}

describe('a bot process starting without what it needs', () => {
  let f: ProcessFixture;
  beforeAll(async () => {
    f = await startProcessFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('refuses a MONITORING_TOKEN with a space at start: one clear line, exit code 78 like any config error', async () => {
    const bot = f.spawn({ MONITORING_TOKEN: 'a token with spaces in it 0123' });
    const [code] = (await once(bot.child, 'exit')) as [number | null];
    expect(code).toBe(78);
    expect(bot.output()).toContain(
      'quiz-agent cannot start, the configuration is invalid:\nMONITORING_TOKEN must be one word of visible ASCII characters, no spaces',
    );
    expect(bot.output()).not.toContain('a token with spaces');
  }, 30_000);

  it('stops with exit code 78 and one clear line when Telegram refuses the token (a config error found at start, handled in one place)', async () => {
    const refused = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
    const bot = f.spawn({ BOT_TOKEN: refused });
    const [code] = (await once(bot.child, 'exit')) as [number | null];
    expect(code).toBe(78);
    expect(bot.output()).toContain(
      `quiz-agent cannot start, the configuration is invalid:\nBOT_TOKEN was refused by the Bot API at ${new URL(f.sim.apiRoot).origin}`,
    );
    expect(bot.output()).not.toContain(refused);
  }, 30_000);

  it('waits for a database on a closed port, naming its host, port and database (not its password); /health is 503 with the reason; SIGTERM exits at once', async () => {
    const bot = f.spawn({ DATABASE_URL: 'postgres://quiz:s3cret-pw@127.0.0.1:1/quizdb' });
    const port = await httpPortOf(bot);
    await bot.waitForLog(
      'start-up: database at 127.0.0.1:1 (database quizdb) unavailable, retrying with backoff (one line per minute until it is back)',
      30_000,
    );
    const waiting = await health(port);
    expect(waiting.status).toBe(503);
    expect(waiting.body).toMatchObject({
      status: 'starting',
      failing: {
        'start-up': expect.stringMatching(
          /^database at 127\.0\.0\.1:1 \(database quizdb\) unavailable for \d+ s \(\d+ attempts\): .*ECONNREFUSED/,
        ),
      },
    });
    const started = Date.now();
    const exit = await bot.kill('SIGTERM');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(bot.output()).toContain('"msg":"Stopped by a signal during start-up"');
    expect(bot.output()).toContain('"waitingFor":"the database at 127.0.0.1:1 (database quizdb)"');
    expect(bot.output()).not.toContain('s3cret-pw');
  }, 60_000);

  describe('behind a switchable proxy', () => {
    let dbProxy: DbProxy;
    let telegramProxy: DbProxy;
    beforeAll(async () => {
      dbProxy = await startDbProxy(f.database.url);
      telegramProxy = await startDbProxy(f.sim.apiRoot);
    });
    afterAll(async () => {
      await dbProxy?.close();
      await telegramProxy?.close();
    });

    it('starts once the database comes up: 503 while waiting, 200 once running', async () => {
      dbProxy.down();
      const target = new URL(dbProxy.url);
      const bot = f.spawn({ DATABASE_URL: dbProxy.url });
      const port = await httpPortOf(bot);
      await bot.waitForLog(
        `start-up: database at 127.0.0.1:${target.port} (database ${target.pathname.slice(1)}) unavailable, retrying with backoff (one line per minute until it is back)`,
        30_000,
      );
      expect((await health(port)).status).toBe(503);
      dbProxy.up();
      await bot.waitForLog('quiz-agent is running', 60_000);
      expect(bot.output()).toContain(
        `"msg":"start-up: database at 127.0.0.1:${target.port} (database ${target.pathname.slice(1)}) available again"`,
      );
      expect(await health(port)).toEqual({ status: 200, body: { status: 'healthy' } });
      expect(await bot.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    }, 90_000);

    it('starts once Telegram (getMe) is reachable, naming the API root by its origin (never the token)', async () => {
      telegramProxy.down();
      const origin = new URL(telegramProxy.url).origin;
      const bot = f.spawn({ TELEGRAM_API_ROOT: telegramProxy.url });
      const port = await httpPortOf(bot);
      await bot.waitForLog(
        `start-up: telegram at ${origin} unavailable, retrying with backoff (one line per minute until it is back)`,
        30_000,
      );
      const waiting = await health(port);
      expect(waiting.status).toBe(503);
      expect(waiting.body.failing?.['start-up']).toMatch(
        new RegExp(`^telegram at ${origin.replaceAll('.', '\\.')} unavailable for \\d+ s`),
      );
      telegramProxy.up();
      await bot.waitForLog('quiz-agent is running', 60_000);
      expect((await health(port)).status).toBe(200);
      expect(await bot.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(bot.output()).not.toContain(f.sim.token);
      expect(bot.output()).not.toContain(f.sim.token.split(':')[1]);
    }, 90_000);
  });
});
