import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import type { SimUser } from 'telegram-sim/world-types';
import { getActiveRun } from '../../src/store/queries/runs.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('who may start and stop a quiz in a group', () => {
  let sim: Simulator;
  let h: BotHarness;
  let quizId: number;
  let superAdmin: SimUser;
  beforeAll(async () => {
    sim = await startSimulator();
    superAdmin = sim.world.createUser({ firstName: 'Root' });
    h = await startBotHarness({ sim, env: { BOT_ADMIN_IDS: String(superAdmin.id) } });
    const { quiz } = await createQuizOf(
      h.db,
      h.sim.world,
      { firstName: 'Ann' },
      {
        title: 'Long one',
        openPeriodS: 600,
        questions: [
          { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'Two?', options: ['a', 'b'], correctOptionIds: [1] },
        ],
      },
    );
    quizId = quiz.id;
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.close();
  });

  it('refuses /startquiz and /stopquiz from a member, accepts them from an admin, and scores a stopped run', async () => {
    const { world } = h.sim;
    const owner = world.createUser({ firstName: 'Owner' });
    const admin = world.createUser({ firstName: 'Admin' });
    const member = world.createUser({ firstName: 'Member' });
    const group = world.createGroup({ title: 'Club', creator: owner.id, admins: [admin.id], members: [member.id] });

    const refused = await h.ask(member.id, group.id, `/startquiz ${quizId}`);
    expect(refused.text).toContain("Only the group's admins can start a quiz");
    expect(await getActiveRun(h.db, group.id)).toBeUndefined();

    const start = world.sendText(admin.id, group.id, `/startquiz ${quizId}`);
    const poll = await h.nextBotMessage(group.id, start.messageId, (m) => m.pollId !== undefined);
    world.answerPoll(member.id, poll.pollId!, [0]);
    await h.waitFor(async () => (await h.db.query.answers.findFirst()) ?? undefined, "the member's answer in the database");

    const notAllowed = await h.ask(member.id, group.id, '/stopquiz');
    expect(notAllowed.text).toContain("Only the group's admins can stop the quiz");
    expect(world.poll(poll.pollId!)?.isClosed).toBe(false);

    const stopped = await h.ask(owner.id, group.id, '/stopquiz');
    expect(stopped.text).toContain('Quiz stopped');
    const results = await h.nextBotMessage(group.id, stopped.messageId, (m) => m.text?.includes('stopped early') ?? false);
    expect(results.text).toContain('Member');
    expect(results.text).toContain('1/2 correct');
    // The open poll was closed in the chat, and the second question was never asked.
    expect(world.poll(poll.pollId!)?.isClosed).toBe(true);
    expect(h.botMessages(group.id).filter((m) => m.pollId !== undefined)).toHaveLength(1);

    // "My rank" under the results answers privately with the player's place.
    const button = results.replyMarkup?.inline_keyboard[0]?.[0];
    expect(button && 'callback_data' in button ? button.callback_data : undefined).toMatch(/^rank:\d+$/);
    world.pressButton(member.id, group.id, results.messageId, (button as { callback_data: string }).callback_data);
    const answer = await h.waitFor(
      () => group.transcript.find((e) => e.kind === 'callback_answer' && e.messageId === results.messageId),
      'the rank alert',
    );
    expect(answer.text).toContain('You placed 1st of 1 player');

    const board = await h.ask(member.id, group.id, '/leaderboard');
    expect(board.text).toContain('Member');
    expect(board.text).toContain('110 points');
  });

  it('lets a BOT_ADMIN_IDS user start a quiz in a group where they are a plain member', async () => {
    const { world } = h.sim;
    const owner = world.createUser({ firstName: 'Owner2' });
    const group = world.createGroup({ title: 'Club 2', creator: owner.id });
    const start = world.sendText(owner.id, group.id, '/help');
    await h.nextBotMessage(group.id, start.messageId);
    world.setMemberStatus(group.id, superAdmin.id, 'member');
    const go = world.sendText(superAdmin.id, group.id, `/startquiz ${quizId} 10s`);
    const poll = await h.nextBotMessage(group.id, go.messageId, (m) => m.pollId !== undefined);
    expect(world.poll(poll.pollId!)?.openPeriod).toBe(10);
    await h.ask(owner.id, group.id, '/stopquiz');
  });
});
