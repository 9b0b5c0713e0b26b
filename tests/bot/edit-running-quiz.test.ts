/**
 * The key check for `/edit` (issue 16): a quiz running in a group keeps the version it
 * started with. While a run plays, its author replaces question 2, deletes question 3, adds one
 * and renames the quiz: the run still asks its own questions under its own title, its results
 * file names the questions it asked, and the next run asks the edited quiz. A run started before
 * quizzes could be edited (no question snapshot, as those running during the upgrade) still plays.
 * On a ManualClock (as question-pool.test.ts): runs take no real time waiting for polls to close.
 */
import { describe, expect, it } from 'vitest';
import type { SimMessage } from 'telegram-sim/world-types';
import { upsertChat } from '../../src/store/queries/chats.js';
import { startRun } from '../../src/store/queries/runs.js';
import type { BotHarness } from '../helpers/bot-harness.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('editing a quiz while it runs', () => {
  let h: BotHarness;
  const { clock, next } = botOnManualClock(Date.UTC(2026, 10, 30, 18), (started) => (h = started));

  const say = async (userId: number, chatId: number, text: string): Promise<SimMessage> => {
    const sent = h.sim.world.sendText(userId, chatId, text);
    return next(chatId, sent.messageId, `the reply to ${text.split('\n')[0]}`, (m) => m.text !== undefined || m.document !== undefined);
  };
  /** The questions of one run in `chatId` after message `afterId`, as polls show them, and the results message. */
  async function playRun(chatId: number, afterId: number, count: number, answer?: (poll: SimMessage, position: number) => void) {
    const announcement = await next(chatId, afterId, 'the announcement', (m) => m.text?.startsWith('🎲 Get ready') ?? false);
    const asked: { question: string; options: string[] }[] = [];
    let last = announcement.messageId;
    for (let position = 1; position <= count; position++) {
      const message = await next(chatId, last, `question ${position}`, (m) => m.pollId !== undefined);
      const poll = h.sim.world.poll(message.pollId!)!;
      asked.push({ question: poll.question, options: [...poll.options] });
      answer?.(message, position);
      last = message.messageId;
    }
    const results = await next(chatId, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
    return { announcement: announcement.text!, asked, results: results.text! };
  }

  it('keeps the running version, names its questions in the results file, and plays the edited one next', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Olga' },
      {
        title: 'Original',
        questions: [
          { text: 'One?', options: ['red', 'blue'], correctOptionIds: [0] },
          { text: 'Two?', options: ['Paris', 'Rome'], correctOptionIds: [0] },
          { text: 'Three?', options: ['cat', 'dog'], correctOptionIds: [1] },
        ],
      },
    );
    const ann = world.createUser({ firstName: 'Ann' });
    const group = world.createGroup({ title: 'Edit night', creator: owner.id, members: [ann.id] });
    const hello = world.sendText(owner.id, owner.id, '/start');
    await next(owner.id, hello.messageId, 'the welcome', () => true);

    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 20s`);
    const announcement = await next(group.id, start.messageId, 'the announcement', (m) => m.text?.startsWith('🎲 Get ready') ?? false);
    expect(announcement.text).toContain('"Original"');
    const q1 = await next(group.id, announcement.messageId, 'question 1', (m) => m.pollId !== undefined);
    world.answerPoll(ann.id, q1.pollId!, [0]);

    // While question 1 is open, the author edits the quiz in private.
    let lastPrivate = hello.messageId;
    for (const [command, reply] of [
      [`/edit ${quiz.id} replace 2\nTwo, edited?\n- x *\n- y`, '✅ Replaced question 2'],
      [`/edit ${quiz.id} delete 3`, '✅ Deleted question 3'],
      [`/edit ${quiz.id} add\nFour?\n- p *\n- q`, '✅ Added question 3'],
      [`/edit ${quiz.id} title Edited`, `✅ Quiz ${quiz.id} is now called "Edited".`],
    ] as const) {
      const answer = await say(owner.id, owner.id, command);
      expect(answer.text).toContain(reply);
      lastPrivate = answer.messageId;
    }
    const running = await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
    expect(running).toMatchObject({ status: 'running', currentPosition: 0 });

    // The run goes on with the questions it started with, under its title.
    const asked = [{ question: world.poll(q1.pollId!)!.question, options: [...world.poll(q1.pollId!)!.options] }];
    let last = q1.messageId;
    for (let position = 2; position <= 3; position++) {
      const message = await next(group.id, last, `question ${position}`, (m) => m.pollId !== undefined);
      const poll = world.poll(message.pollId!)!;
      asked.push({ question: poll.question, options: [...poll.options] });
      world.answerPoll(ann.id, poll.id, [0]);
      last = message.messageId;
    }
    expect(asked).toEqual([
      { question: '[1/3] One?', options: ['red', 'blue'] },
      { question: '[2/3] Two?', options: ['Paris', 'Rome'] },
      { question: '[3/3] Three?', options: ['cat', 'dog'] },
    ]);
    const results = await next(group.id, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
    expect(results.text).toContain('"Original"');
    await advanceUntil(
      clock,
      async () => h.db.query.runs.findFirst({ where: (runs, { and, eq }) => and(eq(runs.chatId, group.id), eq(runs.status, 'finished')) }),
      'the run to end',
    );

    // Its results file names the questions it asked: Ann's answers are their options.
    expect((await say(owner.id, group.id, '/results')).text).toBe('Olga, I sent you the results in private.');
    const document = await next(owner.id, lastPrivate, 'the results file', (m) => m.document !== undefined);
    const csv = world.file(document.document!.fileId)!.bytes.toString('utf8');
    expect(document.caption).toContain('3 questions');
    const annRow = csv.split('\r\n').find((line) => line.includes(',Ann,'));
    expect(annRow).toMatch(/,red,.*,Paris,.*,cat,/);

    // The next run asks the edited quiz.
    const again = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 20s`);
    const second = await playRun(group.id, again.messageId, 3);
    expect(second.announcement).toContain('"Edited"');
    expect(second.asked).toEqual([
      { question: '[1/3] One?', options: ['red', 'blue'] },
      { question: '[2/3] Two, edited?', options: ['x', 'y'] },
      { question: '[3/3] Four?', options: ['p', 'q'] },
    ]);
  });

  it('plays a run started before quizzes could be edited (no question snapshot) from the live list', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Lea' },
      {
        title: 'Legacy',
        questions: [
          { text: 'L1?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'L2?', options: ['c', 'd'], correctOptionIds: [1] },
        ],
      },
    );
    const group = world.createGroup({ title: 'Upgrade night', creator: owner.id });
    await upsertChat(h.db, { id: group.id, type: 'supergroup', title: 'Upgrade night' });
    // As a run started by the previous version stored it: no questionIds, no title.
    const since = Math.max(0, ...h.botMessages(group.id).map((m) => m.messageId));
    await startRun(h.db, {
      quizId: quiz.id,
      chatId: group.id,
      startedBy: owner.id,
      mode: 'group',
      questionCount: 2,
      settings: { openPeriodS: 10, shuffleOptions: false, rewardPoints: [3, 2, 1], participationPoints: 1 },
      nextActionAt: new Date(clock.now()),
    });
    const played = await playRun(group.id, since, 2);
    expect(played.announcement).toContain('"Legacy"');
    expect(played.asked.map((q) => q.question)).toEqual(['[1/2] L1?', '[2/2] L2?']);
  });
});
