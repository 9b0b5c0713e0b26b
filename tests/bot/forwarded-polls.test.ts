/**
 * Quiz polls forwarded to the bot in private (issue 16, item 2): another quiz bot's quiz becomes a
 * question of the quiz being created when Telegram tells the correct options (a closed quiz), and
 * the author is told clearly when it does not (an open quiz forwarded: the Bot API hides them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQuizWithQuestions } from '../../src/store/queries/quizzes.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';

describe('forwarded quiz polls', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('become questions when Telegram includes their correct options, with a clear message when it does not', async () => {
    const { world } = h.sim;
    const author = world.createStartedUser({ firstName: 'Fwd' });
    const otherBot = world.createUser({ firstName: 'OtherQuizBot' });
    const elsewhere = world.createGroup({ title: 'Another bot quiz', creator: otherBot.id, members: [author.id] });
    const quiz = (question: string) =>
      world.createPoll(
        elsewhere,
        {
          question,
          options: ['Mercury', 'Venus', 'Mars'],
          type: 'quiz',
          isAnonymous: false,
          allowsMultipleAnswers: false,
          allowsRevoting: false,
          shuffleOptions: false,
          correctOptionIds: [0],
        },
        otherBot.id,
      );
    const replyTo = (afterId: number, what: string) => h.waitFor(() => h.botMessages(author.id).find((m) => m.messageId > afterId), what);
    await h.waitFor(() => h.botMessages(author.id)[0], 'the welcome');
    const started = world.sendText(author.id, author.id, '/newquiz Planets');
    await replyTo(started.messageId, 'the reply to /newquiz');

    const open = quiz('Closest planet to the Sun?');
    const hidden = world.forwardPoll(author.id, open.id);
    expect((await replyTo(hidden.messageId, 'the reply to an open quiz')).text).toContain(
      "Telegram did not tell me this quiz's correct answer (it hides it in forwarded quizzes)",
    );

    const closed = quiz('Smallest planet?');
    world.closePoll(closed);
    const shown = world.forwardPoll(author.id, closed.id);
    expect((await replyTo(shown.messageId, 'the reply to a closed quiz')).text).toMatch(/^Question 1 added: Smallest planet\?/);
    const done = world.sendText(author.id, author.id, '/done');
    const saved = await replyTo(done.messageId, 'the reply to /done');
    const quizId = Number(/\(id (\d+)\)/.exec(saved.text ?? '')?.[1]);
    expect((await getQuizWithQuestions(h.db, quizId))?.questions.map((q) => [q.text, q.options, q.correctOptionIds])).toEqual([
      ['Smallest planet?', ['Mercury', 'Venus', 'Mars'], [0]],
    ]);
  });
});
