import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChatBlocked } from '../../src/store/queries/chats.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('the bot removed from a group and added back', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("cancels the group's run on 403, stops sending there, and serves the group again once re-added", async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Olga' },
      {
        title: 'Doomed',
        questions: [
          { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'Two?', options: ['a', 'b'], correctOptionIds: [1] },
        ],
      },
    );
    const group = world.createGroup({ title: 'Leaving', creator: owner.id });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await h.nextBotMessage(group.id, start.messageId, (m) => m.pollId !== undefined);

    // Removed while question 1 is open: Telegram tells the bot (my_chat_member), and the next
    // question gets 403, which cancels the run.
    world.setBotStatus(group.id, 'kicked', owner.id);
    await h.waitFor(async () => (await isChatBlocked(h.db, group.id)) || undefined, 'the chat marked blocked');
    const run = await h.waitFor(
      async () =>
        (await h.db.query.runs.findFirst({ where: (runs, { and, eq }) => and(eq(runs.chatId, group.id), eq(runs.status, 'cancelled')) })) ??
        undefined,
      'the run cancelled',
      30_000,
    );
    expect(run.currentPosition).toBe(0);
    expect(h.botMessages(group.id).filter((m) => m.pollId !== undefined)).toHaveLength(1);

    // Added back: the block and the queue's refusal are lifted, and commands work again.
    world.setBotStatus(group.id, 'member', owner.id);
    await h.waitFor(async () => !(await isChatBlocked(h.db, group.id)) || undefined, 'the block lifted');
    const help = await h.ask(owner.id, group.id, '/help');
    expect(help.text).toContain('/startquiz');
  });
});
