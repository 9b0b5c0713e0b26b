/**
 * What only a bot *process* shows, run exactly as `npm start` runs (continued from
 * process-faults.test.ts, split so the two run in parallel): SIGTERM while the database is down
 * exits within the deadline and loses nothing that was accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBotMessage } from 'telegram-sim/bot-messages';
import { startDbProxy, type DbProxy } from '../helpers/db-proxy.js';
import { startProcessFixture, type ProcessFixture } from '../helpers/process-fixture.js';

describe('a bot process facing faults', () => {
  let f: ProcessFixture;
  beforeAll(async () => {
    f = await startProcessFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('with the database behind a switchable proxy', () => {
    let proxy: DbProxy;
    beforeAll(async () => {
      proxy = await startDbProxy(f.database.url);
    });
    afterAll(async () => {
      await proxy?.close();
    });

    it('exits within the deadline on SIGTERM while the database is down, and what it had not accepted comes back once', async () => {
      const { sim } = f;
      const { world } = sim;
      const user = world.createUser({ firstName: 'Patient' });
      const bot = await f.start({ DATABASE_URL: proxy.url });
      const hello = world.sendText(user.id, user.id, '/start');
      await nextBotMessage(world, user.id, hello.messageId, () => true, 30_000, 'the welcome');

      proxy.down();
      const asked = world.sendText(user.id, user.id, '/help');
      await bot.waitForLog('inbox-writer: database unavailable, retrying with backoff (one line per minute until it is back)', 30_000);
      // Real time on purpose: this is a process's real deadline (main.ts's SHUTDOWN_DEADLINE_MS,
      // what an orchestrator waits before SIGKILL), seen from outside; no Clock can reach it.
      const started = Date.now();
      const exit = await bot.kill('SIGTERM');
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(exit.signal).toBeNull();

      proxy.up();
      const again = await f.start({ DATABASE_URL: proxy.url });
      await nextBotMessage(world, user.id, asked.messageId, () => true, 30_000, 'the /help reply');
      await expect.poll(() => sim.stats().updates.pending, { timeout: 10_000, interval: 100 }).toBe(0);
      expect([...world.chat(user.id)!.messages.values()].filter((m) => m.fromId === 0 && m.messageId > asked.messageId)).toHaveLength(1);
      await again.kill('SIGTERM');
    }, 120_000);
  });
});
