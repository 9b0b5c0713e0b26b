import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import type { SimMessage, SimUser } from 'telegram-sim/world-types';
import { createQuiz, getQuizWithQuestions, listQuizzesByOwner } from '../../src/store/queries/quizzes.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';

/** Many presses and edits in one chat: Telegram's pace would only slow the test (the limits have tests of their own). */
const FAST_CHATS = { QUEUE_PRIVATE_CHAT_PER_S: '100', QUEUE_GROUP_PER_MIN: '6000' };

describe('/myquizzes with its delete buttons, end to end', () => {
  let sim: Simulator;
  let h: BotHarness;
  /** Callback query answers by query id (the text, when there was one). */
  const answers = new Map<string, { text?: string }>();
  beforeAll(async () => {
    sim = await startSimulator({ limits: { enabled: false } });
    sim.world.on('callbackAnswered', (query) => answers.set(query.id, { ...(query.text !== undefined ? { text: query.text } : {}) }));
    h = await startBotHarness({ sim, env: FAST_CHATS });
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.close();
  });

  const question = (text: string) => ({ text, options: ['a', 'b'], correctOptionIds: [0] });
  const buttons = (message: SimMessage) =>
    message.replyMarkup?.inline_keyboard.map((row) => row.map((b) => [b.text, 'callback_data' in b ? b.callback_data : undefined])) ?? [];

  /** Presses a button and waits for its callback query to be answered; returns the answer. */
  async function press(user: SimUser, message: SimMessage, data: string): Promise<{ text?: string }> {
    const id = sim.world.pressButton(user.id, message.chatId, message.messageId, data);
    return h.waitFor(() => answers.get(id), `the answer to ${data}`);
  }
  /** Waits until the message reads `prefix...`. */
  const edited = (message: SimMessage, prefix: string) =>
    h.waitFor(() => message.text?.startsWith(prefix) && message, `message ${message.messageId} to read "${prefix}"`);

  it('lists the quizzes with a delete button each, asks before deleting, keeps or deletes', async () => {
    const owner = await h.startUser({ firstName: 'Olga' });
    const first = await createQuiz(h.db, { ownerId: owner.id, title: 'First', questions: [question('1')] });
    const second = await createQuiz(h.db, { ownerId: owner.id, title: 'Second', questions: [question('1'), question('2')] });

    const list = await h.ask(owner.id, owner.id, '/myquizzes');
    expect(list.text).toContain('📚 Your quizzes (2):');
    expect(list.text).toContain(`Second (id ${second.id}) – 2 questions`);
    expect(buttons(list)).toEqual([
      [[`🗑 Delete #${second.id}`, `quiz:del:${second.id}`]],
      [[`🗑 Delete #${first.id}`, `quiz:del:${first.id}`]],
    ]);

    expect(await press(owner, list, `quiz:del:${second.id}`)).toEqual({});
    await edited(list, 'Delete quiz');
    expect(list.text).toBe(`Delete quiz #${second.id} 'Second'? Runs already played keep their results.`);
    expect(buttons(list)).toEqual([
      [
        ['Yes, delete', `quiz:del-yes:${second.id}`],
        ['Keep it', 'quiz:list'],
      ],
    ]);

    await press(owner, list, 'quiz:list');
    await edited(list, '📚 Your quizzes (2)');
    expect(await getQuizWithQuestions(h.db, second.id)).toBeDefined();

    await press(owner, list, `quiz:del:${second.id}`);
    await edited(list, 'Delete quiz');
    expect(await press(owner, list, `quiz:del-yes:${second.id}`)).toEqual({ text: `Quiz #${second.id} deleted.` });
    await edited(list, '📚 Your quizzes (1)');
    expect(list.text).not.toContain('Second');
    expect(buttons(list)).toEqual([[[`🗑 Delete #${first.id}`, `quiz:del:${first.id}`]]]);
    expect(await getQuizWithQuestions(h.db, second.id)).toBeUndefined();
    expect((await listQuizzesByOwner(h.db, owner.id)).map((q) => q.id)).toEqual([first.id]);

    // Deleting the last quiz leaves the empty list, without buttons.
    await press(owner, list, `quiz:del:${first.id}`);
    await edited(list, 'Delete quiz');
    await press(owner, list, `quiz:del-yes:${first.id}`);
    await edited(list, 'You have no quizzes yet');
    expect(list.replyMarkup).toBeUndefined();
    expect(await listQuizzesByOwner(h.db, owner.id)).toEqual([]);
  });

  it('shows no buttons without quizzes and at most 20 with many', async () => {
    const nobody = await h.startUser({ firstName: 'Nobody' });
    const empty = await h.ask(nobody.id, nobody.id, '/myquizzes');
    expect(empty.text).toContain('You have no quizzes yet');
    expect(empty.replyMarkup).toBeUndefined();

    const prolific = await h.startUser({ firstName: 'Prolific' });
    for (let i = 1; i <= 22; i++) await createQuiz(h.db, { ownerId: prolific.id, title: `Quiz ${i}`, questions: [question('1')] });
    const many = await h.ask(prolific.id, prolific.id, '/myquizzes');
    expect(many.text).toContain('📚 Your quizzes (22):');
    const rows = buttons(many);
    expect(rows).toHaveLength(20);
    const newest = (await listQuizzesByOwner(h.db, prolific.id)).slice(0, 20).map((q) => [[`🗑 Delete #${q.id}`, `quiz:del:${q.id}`]]);
    expect(rows).toEqual(newest);
  });

  it('lets only the owner delete: anyone else pressing in a group gets an alert and nothing changes', async () => {
    const owner = await h.startUser({ firstName: 'Owen' });
    const other = await h.startUser({ firstName: 'Mallory' });
    const quiz = await createQuiz(h.db, { ownerId: owner.id, title: 'Precious', questions: [question('1')] });
    const group = sim.world.createGroup({ title: 'Shared', creator: owner.id, members: [other.id] });

    const list = await h.ask(owner.id, group.id, '/myquizzes');
    expect(buttons(list)).toEqual([[[`🗑 Delete #${quiz.id}`, `quiz:del:${quiz.id}`]]]);
    const listText = list.text;

    expect(await press(other, list, `quiz:del:${quiz.id}`)).toEqual({ text: "Only the quiz's owner can delete it." });
    expect(list.text).toBe(listText);

    await press(owner, list, `quiz:del:${quiz.id}`);
    await edited(list, 'Delete quiz');
    expect(await press(other, list, `quiz:del-yes:${quiz.id}`)).toEqual({ text: "Only the quiz's owner can delete it." });
    expect(await press(other, list, 'quiz:list')).toEqual({ text: "Only the quiz's owner can answer this." });
    expect(list.text).toMatch(/^Delete quiz/);
    expect(await getQuizWithQuestions(h.db, quiz.id)).toBeDefined();

    expect(await press(owner, list, `quiz:del-yes:${quiz.id}`)).toEqual({ text: `Quiz #${quiz.id} deleted.` });
    await edited(list, 'You have no quizzes yet');
    expect(await getQuizWithQuestions(h.db, quiz.id)).toBeUndefined();
  });
});
