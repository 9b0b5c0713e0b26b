/**
 * A database outage in the middle of a quiz, five minutes of it driven by hand on a ManualClock
 * that the bot and the simulator share: every part backs off and says so once (then a summary a
 * minute, then once more when the database is back), /health names the failing parts, and when
 * the database returns everything resumes by itself with nothing accepted lost or doubled.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from 'telegram-sim/clock';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createEmptyTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startDbProxy, type DbProxy } from '../helpers/db-proxy.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { createQuizOf } from '../helpers/fixtures.js';

interface LogLine {
  level: number;
  msg: string;
  part?: string;
}

describe('a five-minute database outage during a group quiz', () => {
  const lines: LogLine[] = [];
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 9));
  let database: TestDatabase;
  let proxy: DbProxy;
  let h: BotHarness;

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    proxy = await startDbProxy(database.url);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    h = await startBotHarness({ simulator: { clock }, database, env: { DATABASE_URL: proxy.url }, logger: pino({ level: 'info' }, sink) });
  });
  afterAll(async () => {
    proxy?.up();
    await h?.stop();
    await proxy?.close();
    await database?.drop();
  });

  const health = async (): Promise<{ status: number; body: { failing?: Record<string, string> } }> => {
    const response = await fetch(`http://127.0.0.1:${h.app.httpPort}/health`);
    return { status: response.status, body: (await response.json()) as { failing?: Record<string, string> } };
  };

  it('backs off quietly, reports the failing parts, and resumes with nothing lost or doubled', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Outage' },
      {
        title: 'Outage',
        questions: [
          { text: 'Before?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'After?', options: ['a', 'b'], correctOptionIds: [1] },
        ],
      },
    );
    const group = world.createGroup({ title: 'Outage', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock,
      chat: group.id,
      players: 6,
      seed: 2,
      thinkTimeMs: [2_000, 6_000],
      revoteRate: 0,
      retractRate: 0,
      silentRate: 0,
    });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 20s`);
    await advanceUntil(clock, () => h.botMessages(group.id).find((m) => m.pollId !== undefined), 'the first question', { stepMs: 250 });
    expect((await health()).status).toBe(200);

    proxy.down();
    const linesBefore = lines.length;
    const asked = world.sendText(players.userIds[0]!, group.id, '/myscore');
    // Five minutes without the database: the players answer, the question's time runs out, the
    // run's next step falls due, and every part keeps trying.
    await advanceUntil(clock, () => false, 'nothing', { stepMs: 1_000, maxMs: 5 * 60_000 }).catch(() => undefined);
    const report = await health();
    expect(report.status).toBe(503);
    // Intake waits with the /myscore it could not accept (the answers behind it stay at Telegram).
    expect(Object.keys(report.body.failing ?? {})).toEqual(expect.arrayContaining(['database', 'inbox-writer', 'engine', 'inbox']));
    // The reasons name the error, never the data of the failed query (the /myscore update, a name).
    const reasons = JSON.stringify(report.body.failing);
    expect(reasons).not.toContain('Failed query');
    expect(reasons).not.toContain('/myscore');
    // Prometheus still gets its scrape, with the parts that are down.
    const metrics = await fetch(`http://127.0.0.1:${h.app.httpPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('quiz_agent_part_down{part="engine",dependency="database"} 1');

    const during = lines.slice(linesBefore);
    const warnings = during.filter((line) => line.level >= 40);
    // One line when each part went down and one summary a minute while it stayed down; not a
    // line per attempt (the first round wrote 40 a second).
    const parts = new Set(warnings.map((line) => line.part ?? line.msg));
    expect(warnings.length).toBeLessThanOrEqual(parts.size * 6);
    expect(during.filter((line) => line.msg.startsWith('Run step failed'))).toEqual([]);

    proxy.up();
    await advanceUntil(
      clock,
      () => h.botMessages(group.id).find((m) => m.messageId > start.messageId && m.text?.includes('has finished')),
      'the results',
      { stepMs: 500, maxMs: 5 * 60_000 },
    );

    // The /myscore sent during the outage was answered, once (before or after the results: the
    // reply and the run are independent, and the clock runs ahead of a loaded machine); every
    // answer was saved once.
    const scoreReplies = () => h.botMessages(group.id).filter((m) => m.messageId > asked.messageId && m.text?.startsWith('📊'));
    await advanceUntil(clock, () => scoreReplies().length > 0, 'the /myscore reply', { stepMs: 500, maxMs: 2 * 60_000 });
    // Longer than the inbox's longest retry delay (30 s): a second handling would have replied by now.
    await advanceUntil(clock, () => false, 'nothing', { stepMs: 1_000, maxMs: 45_000 }).catch(() => undefined);
    expect(scoreReplies()).toHaveLength(1);
    // Each part said once that the database was back (when it next ran a statement), and /health agrees.
    expect(lines.slice(linesBefore).filter((line) => line.msg.endsWith('available again')).length).toBeGreaterThanOrEqual(3);
    expect((await health()).status).toBe(200);
    const polls = h.botMessages(group.id).filter((m) => m.pollId !== undefined);
    expect(polls).toHaveLength(2);
    await advanceUntil(
      clock,
      async () => {
        await players.settled();
        return true;
      },
      'the players to finish',
    );
    const run = await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
    const board = await runLeaderboard(h.db, run!.id, { limit: 100 });
    expect(board.players).toBe(6);
    for (const entry of board.top)
      expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
  });
});
