/**
 * /results end to end, on a clock the test drives: after a run in a group, an admin gets the
 * run's CSV in private (a row per player as credited, each answer as the option texts chosen,
 * mapped back from shuffled polls), the group gets only a short line and never the file; a
 * member who is not an admin is refused; an admin who never started the bot is told to.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from 'telegram-sim/world-types';
import { readCsvRecords } from '../../src/quiz/quiz-file/csv-records.js';
import { runResults } from '../../src/store/queries/run-rewards.js';
import type { Quiz } from '../../src/store/schema/quizzes.js';
import type { BotHarness } from '../helpers/bot-harness.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('/results: a run as CSV for the group admins, in private', () => {
  let h: BotHarness;
  const { clock, next } = botOnManualClock(Date.UTC(2026, 10, 30, 18), (started) => (h = started));
  let owner: SimUser;
  let quiz: Quiz;
  beforeAll(async () => {
    ({ owner, quiz } = await createQuizOf(
      h.db,
      h.sim.world,
      { firstName: 'Olga', username: 'olga' },
      {
        title: 'Capitals',
        shuffleOptions: true,
        questions: [
          { text: 'Capital of France?', options: ['Berlin', 'Paris', 'Rome'], correctOptionIds: [1] },
          { text: 'Which are in Japan?', options: ['Tokyo', 'Osaka', 'Lima'], correctOptionIds: [0, 1] },
        ],
      },
    ));
  });

  const say = async (userId: number, chatId: number, text: string): Promise<string> => {
    const sent = h.sim.world.sendText(userId, chatId, text);
    return (await next(chatId, sent.messageId, `the reply to ${text}`, (m) => m.text !== undefined)).text!;
  };

  it('sends the admin the CSV in private, refuses others, and never posts the file in the group', async () => {
    const { world } = h.sim;
    const ann = world.createUser({ firstName: 'Ann', username: 'ann' });
    const eve = world.createUser({ firstName: '=Eve' });
    const ben = world.createUser({ firstName: 'Ben' });
    const ada = world.createUser({ firstName: 'Ada' });
    const group = world.createGroup({ title: 'Quiz night', creator: owner.id, admins: [ada.id], members: [ann.id, eve.id, ben.id] });

    expect(await say(owner.id, group.id, '/results')).toContain('No quiz has finished in this chat yet');

    // Each player's choices by option text, per question; absent: no answer.
    const choices = new Map<SimUser, (readonly string[] | undefined)[]>([
      [ann, [['Paris'], ['Tokyo', 'Osaka']]],
      [eve, [['Rome'], ['Tokyo', 'Lima']]],
      [ben, [['Paris'], undefined]],
    ]);
    let last = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 10s`).messageId;
    for (let position = 0; position < 2; position++) {
      const message = await next(group.id, last, `question ${position + 1}`, (m) => m.pollId !== undefined);
      const poll = world.poll(message.pollId!)!;
      clock.advance(1_000);
      for (const [player, byQuestion] of choices) {
        const texts = byQuestion[position];
        if (texts)
          world.answerPoll(
            player.id,
            poll.id,
            texts.map((text) => poll.options.indexOf(text)),
          );
      }
      last = message.messageId;
    }
    await next(group.id, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
    const run = await advanceUntil(
      clock,
      async () => h.db.query.runs.findFirst({ where: (runs, { and, eq }) => and(eq(runs.chatId, group.id), eq(runs.status, 'finished')) }),
      'the run to end',
    );

    // A member who is not an admin: refused, nothing sent anywhere.
    expect(await say(ben.id, group.id, '/results')).toBe("Only the group's admins can get the quiz results file.");
    // An admin the bot cannot write to in private: told to start it first.
    expect(await say(ada.id, group.id, '/results')).toMatch(/start me there first \(https:\/\/t\.me\/\w+\?start=help\)/);

    // The owner opens the private chat, then asks in the group.
    const hello = world.sendText(owner.id, owner.id, '/start');
    await next(owner.id, hello.messageId, 'the answer to /start', () => true);
    expect(await say(owner.id, group.id, '/results')).toBe('Olga, I sent you the results in private.');
    const document = await next(owner.id, hello.messageId, 'the results file', (m) => m.document !== undefined);
    expect(document.caption).toContain('Results of "Capitals" in Quiz night: 3 players, 2 questions.');
    const file = world.file(document.document!.fileId)!;
    expect(file.fileName).toBe(`quiz-results-run-${run.id}.csv`);
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const read = readCsvRecords(text.slice(1), ',');
    if (!read.ok) throw new Error('unreadable results file');
    const [header, ...rows] = read.records.map((r) => r.cells);
    expect(header).toEqual([
      'rank',
      'player',
      'user_id',
      'correct',
      'answered',
      'time_s',
      'points',
      'q1',
      'q1_correct',
      'q2',
      'q2_correct',
    ]);

    // Ranks, times and points as credited (what the results message showed), answers as chosen.
    const credited = new Map((await runResults(h.db, run.id)).top.map((e) => [e.userId, e]));
    const facts = (userId: number) => {
      const e = credited.get(userId)!;
      return [
        e.rank === null ? '' : String(e.rank),
        String(userId),
        String(e.correct),
        String(e.answered),
        (e.totalCorrectMs / 1000).toFixed(3),
        String(e.points),
      ];
    };
    const row = (name: string, userId: number, answers: string[]) => {
      const [rank, ...rest] = facts(userId);
      return [rank!, name, ...rest, ...answers];
    };
    expect(rows).toEqual([
      row('Ann (@ann)', ann.id, ['Paris', 'yes', 'Tokyo | Osaka', 'yes']),
      row('Ben', ben.id, ['Paris', 'yes', '', '']),
      row("'=Eve", eve.id, ['Rome', 'no', 'Tokyo | Lima', 'no']),
    ]);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '']);

    // The group saw replies only: no document, ever.
    expect(group.transcript.some((entry) => entry.kind === 'document')).toBe(false);
    expect(h.botMessages(group.id).some((m) => m.document !== undefined)).toBe(false);
    // Nor did the refused member or the unreachable admin get anything in private.
    expect(h.botMessages(ben.id)).toEqual([]);
  });

  it('tells an admin who blocked the bot to start it, and sends the file once they did', async () => {
    const { world } = h.sim;
    const ann = world.createUser({ firstName: 'Ann' });
    const group = world.createGroup({ title: 'Second night', creator: owner.id, members: [ann.id] });
    let last = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 10s`).messageId;
    for (let position = 0; position < 2; position++) {
      const message = await next(group.id, last, `question ${position + 1}`, (m) => m.pollId !== undefined);
      if (position === 0) world.answerPoll(ann.id, message.pollId!, [world.poll(message.pollId!)!.options.indexOf('Paris')]);
      last = message.messageId;
    }
    await next(group.id, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
    await advanceUntil(
      clock,
      async () => h.db.query.runs.findFirst({ where: (runs, { and, eq }) => and(eq(runs.chatId, group.id), eq(runs.status, 'finished')) }),
      'the run to end',
    );

    world.blockBot(owner.id);
    expect(await say(owner.id, group.id, '/results')).toContain('start me there first');
    world.unblockBot(owner.id);
    const hello = world.sendText(owner.id, owner.id, '/start');
    await next(owner.id, hello.messageId, 'the answer to /start', () => true);
    expect(await say(owner.id, group.id, '/results')).toBe('Olga, I sent you the results in private.');
    const document = await next(owner.id, hello.messageId, 'the results file', (m) => m.document !== undefined);
    expect(document.caption).toContain('Results of "Capitals" in Second night: 1 player, 2 questions.');
  });

  it('points a /results sent in private to the group', async () => {
    expect(await say(owner.id, owner.id, '/results')).toContain('/results works in a group');
  });
});
