/**
 * Fair scoring, played through the real bot against the simulator on a clock the test drives:
 * a player with no correct answer gets no rank, no medal and no points; equal results share a
 * rank and its points; replaying a quiz (privately, or in a group) earns nothing more; the quiz's
 * own author earns nothing from it. Answers given at one clock instant have equal response times.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage, SimUser } from 'telegram-sim/world-types';
import type { Quiz } from '../../src/store/schema/quizzes.js';
import type { BotHarness } from '../helpers/bot-harness.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';
import { createQuizOf } from '../helpers/fixtures.js';

/** Options of every question: the first is correct. */
const RIGHT = 0;
const WRONG = 1;

describe('fair scoring, end to end', () => {
  let h: BotHarness;
  const { clock, next } = botOnManualClock(Date.UTC(2026, 10, 5, 18), (started) => (h = started));
  let owner: SimUser;
  let quiz: Quiz;
  beforeAll(async () => {
    ({ owner, quiz } = await createQuizOf(
      h.db,
      h.sim.world,
      { firstName: 'Olga' },
      {
        title: 'Pair',
        questions: [
          { text: 'One?', options: ['right', 'wrong'], correctOptionIds: [RIGHT] },
          { text: 'Two?', options: ['right', 'wrong'], correctOptionIds: [RIGHT] },
        ],
      },
    ));
  });

  /**
   * Runs the quiz in `group`; for each question, every player in `choices` votes at the same
   * clock instant (so equal choices give equal response times). Returns the results message.
   */
  async function playInGroup(groupId: number, choices: ReadonlyMap<SimUser, readonly number[]>): Promise<SimMessage> {
    const { world } = h.sim;
    let last = world.sendText(owner.id, groupId, `/startquiz ${quiz.id} 10s`).messageId;
    for (let position = 0; position < 2; position++) {
      const poll = await next(groupId, last, `question ${position + 1}`, (m) => m.pollId !== undefined);
      clock.advance(1_000);
      for (const [player, options] of choices) world.answerPoll(player.id, poll.pollId!, [options[position]!]);
      last = poll.messageId;
    }
    const results = await next(groupId, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
    // The run ends once the results are recorded: only then may the next run start.
    await advanceUntil(
      clock,
      async () =>
        (await h.db.query.runs.findFirst({ where: (runs, { and, eq }) => and(eq(runs.chatId, groupId), eq(runs.status, 'running')) })) ===
          undefined || undefined,
      'the run to end',
    );
    return results;
  }

  async function ask(userId: number, chatId: number, text: string): Promise<string> {
    const sent = h.sim.world.sendText(userId, chatId, text);
    return (await next(chatId, sent.messageId, `the reply to ${text}`, (m) => m.text !== undefined)).text!;
  }

  it('gives no rank, no medal and no points to players with no correct answer', async () => {
    const { world } = h.sim;
    const bob = world.createUser({ firstName: 'Bob' });
    const carol = world.createUser({ firstName: 'Carol' });
    const group = world.createGroup({ title: 'Zeros', creator: owner.id, members: [bob.id, carol.id] });

    const results = await playInGroup(
      group.id,
      new Map([
        [bob, [WRONG, WRONG]],
        [carol, [WRONG, WRONG]],
      ]),
    );
    const text = results.text!;
    expect(text).toContain('2 players');
    // Both are listed (they played), neither with a medal, a place or points.
    expect(text).toMatch(/^• Bob – 0\/2 correct · no points$/m);
    expect(text).toMatch(/^• Carol – 0\/2 correct · no points$/m);
    expect(text).not.toMatch(/🥇|🥈|🥉|Congratulations/);
    expect(text).toContain('Nobody answered correctly.');

    expect(await ask(bob.id, group.id, '/myscore')).toMatch(/⭐ 0 points\n🎲 1 quiz played\n✅ 0 of 2 answers correct \(0%\)/);
    // The chat's all-time leaderboard lists nobody without points.
    expect(await ask(bob.id, group.id, '/leaderboard')).toContain('No scores yet in Zeros');
  });

  it('gives equal results one shared rank and its points; the next place is third', async () => {
    const { world } = h.sim;
    const ann = world.createUser({ firstName: 'Ann' });
    const ben = world.createUser({ firstName: 'Ben' });
    const cid = world.createUser({ firstName: 'Cid' });
    const group = world.createGroup({ title: 'Ties', creator: owner.id, members: [ann.id, ben.id, cid.id] });

    const results = await playInGroup(
      group.id,
      new Map([
        [ann, [RIGHT, RIGHT]],
        [ben, [RIGHT, RIGHT]],
        [cid, [RIGHT, WRONG]],
      ]),
    );
    const text = results.text!;
    // Points: 100, 50, 25 by rank plus 10 for every ranked player (the defaults).
    const annTime = /^🥇 Ann – 2\/2 correct · (\d+\.\d) s · 110 points$/m.exec(text)?.[1];
    expect(annTime, text).toBeDefined();
    expect(text).toContain(`🥇 Ben – 2/2 correct · ${annTime} s · 110 points\n`);
    expect(text).toMatch(/^🥉 Cid – 1\/2 correct · \d+\.\d s · 35 points$/m);
    expect(text).toContain('🏆 Congratulations to the winners!');

    world.pressButton(
      ben.id,
      group.id,
      results.messageId,
      (results.replyMarkup!.inline_keyboard[0]![0] as { callback_data: string }).callback_data,
    );
    const alert = await advanceUntil(
      clock,
      () => group.transcript.find((e) => e.kind === 'callback_answer' && e.messageId === results.messageId),
      'the rank alert',
    );
    expect(alert.text).toBe('🥇 You share 1st place of 3 players with 2/2 correct.');
    expect(await ask(ann.id, group.id, '/leaderboard')).toMatch(/^🥇 Ann – 110 points .*\n🥇 Ben – 110 points .*\n🥉 Cid – 35 points/m);
  });

  it('credits a quiz once per player: replays, in private or in a group, earn nothing more', async () => {
    const { world } = h.sim;
    const pia = world.createUser({ firstName: 'Pia' });
    for (let round = 0; round < 3; round++) {
      let last = world.sendText(pia.id, pia.id, `/play ${quiz.id}`).messageId;
      for (let position = 0; position < 2; position++) {
        const poll = await next(pia.id, last, `question ${position + 1}`, (m) => m.pollId !== undefined);
        world.answerPoll(pia.id, poll.pollId!, [WRONG]);
        last = poll.messageId;
      }
      await next(pia.id, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
      await advanceUntil(
        clock,
        async () =>
          (await h.db.query.runs.findFirst({ where: (runs, { and, eq }) => and(eq(runs.chatId, pia.id), eq(runs.status, 'running')) })) ===
            undefined || undefined,
        'the run to end',
      );
    }
    expect(await ask(pia.id, pia.id, '/myscore')).toMatch(/⭐ 0 points\n🎲 1 quiz played\n✅ 0 of 2 answers correct \(0%\)/);

    // Knowing the answers now, Pia plays it again in a group, with Quin who never played it.
    const quin = world.createUser({ firstName: 'Quin' });
    const group = world.createGroup({ title: 'Replay', creator: owner.id, members: [pia.id, quin.id] });
    const results = await playInGroup(
      group.id,
      new Map([
        [pia, [RIGHT, RIGHT]],
        [quin, [RIGHT, WRONG]],
      ]),
    );
    expect(results.text).toMatch(/^🥇 Pia – 2\/2 correct · \d+\.\d s · no points: played before$/m);
    expect(results.text).toMatch(/^🥈 Quin – 1\/2 correct · \d+\.\d s · 60 points$/m);
    expect(await ask(pia.id, pia.id, '/myscore')).toMatch(/⭐ 0 points\n🎲 1 quiz played\n/);
    expect(await ask(quin.id, group.id, '/leaderboard')).toMatch(/^🥇 Quin – 60 points/m);
  });

  it('gives the author of a quiz no points for playing it', async () => {
    const { world } = h.sim;
    let last = world.sendText(owner.id, owner.id, `/play ${quiz.id}`).messageId;
    for (let position = 0; position < 2; position++) {
      const poll = await next(owner.id, last, `question ${position + 1}`, (m) => m.pollId !== undefined);
      world.answerPoll(owner.id, poll.pollId!, [RIGHT]);
      last = poll.messageId;
    }
    const results = await next(owner.id, last, 'the results', (m) => m.text?.includes('has finished') ?? false);
    expect(results.text).toMatch(/^🥇 Olga – 2\/2 correct · \d+\.\d s · no points: your own quiz$/m);
    expect(await ask(owner.id, owner.id, '/myscore')).toMatch(/⭐ 0 points\n🎲 0 quizzes played/);
  });
});
