/**
 * A quiz played as a question pool (`/startquiz 12 2q`, issue 16): each run asks a random draw of
 * N of its questions, and in one chat no question comes back before every question was asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRun } from '../../src/store/queries/runs.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { resultsOf } from '../helpers/outbox-checks.js';

const QUESTIONS = ['Alpha?', 'Beta?', 'Gamma?', 'Delta?', 'Epsilon?'].map((text) => ({
  text,
  options: ['yes', 'no'],
  correctOptionIds: [0],
}));

describe('a question pool', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('asks N drawn questions per run, and none again in the chat until the pool is used up', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Pool' }, { title: 'Pool', questions: QUESTIONS });
    const group = world.createGroup({ title: 'Pool night', creator: owner.id });
    const asked: string[][] = [];
    for (let run = 0; run < 3; run++) {
      const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s 2q`);
      const results = await resultsOf(h, group.id, start.messageId);
      const polls = h
        .botMessages(group.id)
        .filter((m) => m.pollId !== undefined && m.messageId > start.messageId && m.messageId < results.messageId);
      asked.push(polls.map((m) => world.poll(m.pollId!)?.question ?? '?'));
      const announcement = h.botMessages(group.id).find((m) => m.messageId > start.messageId && m.text?.startsWith('🎲 Get ready'));
      expect(announcement?.text).toContain('🖊 2 questions');
    }
    // Each run: two questions, numbered out of two.
    for (const questions of asked) expect(questions.map((q) => q.slice(0, 6))).toEqual(['[1/2] ', '[2/2] ']);
    const texts = asked.flat().map((q) => q.slice(6));
    // The first five asked are the five questions of the pool: none came back before all were asked.
    expect(new Set(texts.slice(0, 5)).size).toBe(5);
    expect(texts.slice(0, 5).sort()).toEqual(QUESTIONS.map((q) => q.text).sort());
    const runIds = (await h.db.query.runs.findMany({ where: (runs, { eq }) => eq(runs.chatId, group.id) })).map((r) => r.id);
    for (const runId of runIds) expect((await getRun(h.db, runId))?.settings.questionIds).toHaveLength(2);
  });
});
