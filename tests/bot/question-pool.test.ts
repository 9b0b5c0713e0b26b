/**
 * A quiz played as a question pool (`/startquiz 12 2q`, issue 16): each run asks a random draw of
 * N of its questions, and in one chat no question comes back before every question was asked.
 * On a ManualClock (as scoring.test.ts): runs take no real time waiting for polls to close.
 */
import { describe, expect, it } from 'vitest';
import type { BotHarness } from '../helpers/bot-harness.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';
import { createQuizOf } from '../helpers/fixtures.js';

const QUESTIONS = ['Alpha?', 'Beta?', 'Gamma?', 'Delta?', 'Epsilon?'].map((text) => ({
  text,
  options: ['yes', 'no'],
  correctOptionIds: [0],
}));

describe('a question pool', () => {
  let h: BotHarness;
  const { next } = botOnManualClock(Date.UTC(2026, 10, 30, 18), (started) => (h = started));

  it('asks N drawn questions per run, and none again in the chat until the pool is used up', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Pool' }, { title: 'Pool', questions: QUESTIONS });
    const group = world.createGroup({ title: 'Pool night', creator: owner.id });
    const asked: string[] = [];
    for (let run = 0; run < 3; run++) {
      const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s 2q`);
      const announcement = await next(group.id, start.messageId, 'the announcement', (m) => m.text?.startsWith('🎲 Get ready') ?? false);
      expect(announcement.text).toContain('🖊 2 questions');
      let last = announcement.messageId;
      for (let position = 1; position <= 2; position++) {
        const poll = await next(group.id, last, `question ${position}`, (m) => m.pollId !== undefined);
        const question = world.poll(poll.pollId!)?.question ?? '?';
        expect(question.startsWith(`[${position}/2] `), question).toBe(true);
        asked.push(question.slice(6));
        last = poll.messageId;
      }
      await next(group.id, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
    }
    // The first five asked are the five questions of the pool: none came back before all were asked.
    expect([...asked.slice(0, 5)].sort()).toEqual(QUESTIONS.map((q) => q.text).sort());
    expect(asked).toHaveLength(6);
  });
});
