/**
 * `/edit` end to end against the simulator (issue 16): the author lists a quiz, changes its title
 * and time, deletes, moves, replaces and inserts questions (a photo captioned with the command
 * makes a picture question); each bad input gets a message naming what was wrong and how to
 * write it; someone else's quiz or a deleted one is "not found", as for /export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage, SimUser } from 'telegram-sim/world-types';
import { createQuiz, deleteQuiz, getQuizWithQuestions } from '../../src/store/queries/quizzes.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';

/** Many edits in one chat: Telegram's pace would only slow the test (the limits have tests of their own). */
const FAST_CHATS = { QUEUE_PRIVATE_CHAT_PER_S: '100', QUEUE_GROUP_PER_MIN: '6000' };

const question = (text: string, options = ['yes', 'no']) => ({ text, options, correctOptionIds: [0] });

describe('/edit', () => {
  let h: BotHarness;
  let owner: SimUser;
  beforeAll(async () => {
    h = await startBotHarness({ env: FAST_CHATS });
    owner = await h.startUser({ firstName: 'Edda' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The bot's first reply to `text` from `user` in private. */
  const say = async (text: string, user: SimUser = owner): Promise<string> => (await h.ask(user.id, user.id, text)).text ?? '';
  const texts = async (quizId: number) => (await getQuizWithQuestions(h.db, quizId))?.questions.map((q) => q.text);
  const newQuiz = (texts: readonly string[], ownerId = owner.id) =>
    createQuiz(h.db, { ownerId, title: 'Capitals', questions: texts.map((t) => question(t)) });

  it('lists the quiz with its numbered questions and the edit commands', async () => {
    const quiz = await createQuiz(h.db, {
      ownerId: owner.id,
      title: 'Capitals',
      openPeriodS: 20,
      questions: [
        { text: 'Capital of France?', options: ['Berlin', 'Paris', 'Rome'], correctOptionIds: [1] },
        { text: 'Which are in Japan?', options: ['Tokyo', 'Osaka', 'Lima'], correctOptionIds: [0, 1], openPeriodS: 15 },
        { text: 'Which flag?', options: ['a', 'b'], correctOptionIds: [0], media: { type: 'photo', source: 'AgACAgIAAxkBAAIB' } },
      ],
    });
    const list = await say(`/edit ${quiz.id}`);
    expect(list).toContain(`✏️ Quiz ${quiz.id} "Capitals": 3 questions, 20 s per question.`);
    expect(list).toContain(
      '\n1. Capital of France? (3 options, 1 correct)\n2. Which are in Japan? (3 options, 2 correct, 15 s)\n3. Which flag? (2 options, 1 correct, photo)\n',
    );
    expect(list).toContain(`/edit ${quiz.id} replace <n>, then the new question on the next lines`);
    expect(list).toContain(`/edit ${quiz.id} move <n> <m>`);
  });

  it('splits the list of a long quiz into messages Telegram takes', async () => {
    const long = 'Q'.repeat(290);
    const quiz = await newQuiz(Array.from({ length: 100 }, (_, i) => `${i + 1} ${long}`));
    const sent = h.sim.world.sendText(owner.id, owner.id, `/edit ${quiz.id}`);
    const messages = await h.waitFor(() => {
      const replies = h.botMessages(owner.id).filter((m) => m.messageId > sent.messageId);
      return replies.some((m) => m.text?.includes('Change it:')) && replies;
    }, 'the whole list');
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.text!.length).toBeLessThanOrEqual(4096);
    const lines = messages.flatMap((m) => m.text!.split('\n')).filter((line) => /^\d+\. /.test(line));
    expect(lines.map((line) => Number(line.split('.')[0]))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('changes the title and the time per question, and refuses a bad one of each', async () => {
    const quiz = await newQuiz(['A?']);
    expect(await say(`/edit ${quiz.id} title World capitals`)).toBe(`✅ Quiz ${quiz.id} is now called "World capitals".`);
    expect(await say(`/edit ${quiz.id} time 45`)).toBe(
      `✅ Questions of quiz ${quiz.id} now stay open 45 s (unless a question has its own time).`,
    );
    expect(await getQuizWithQuestions(h.db, quiz.id)).toMatchObject({ title: 'World capitals', openPeriodS: 45 });

    expect(await say(`/edit ${quiz.id} title ${'x'.repeat(129)}`)).toBe(
      'Cannot use that title: the title is longer than 128 characters (129).',
    );
    expect(await say(`/edit ${quiz.id} title`)).toBe(`Write the new title after the command: /edit ${quiz.id} title World capitals`);
    expect(await say(`/edit ${quiz.id} time 3`)).toBe(
      "Cannot use that time: the time per question must be between 5 seconds and 10 minutes, got '3'. Nothing was changed.",
    );
    expect(await say(`/edit ${quiz.id} time soon`)).toContain("'soon' is not a time per question");
    expect(await getQuizWithQuestions(h.db, quiz.id)).toMatchObject({ title: 'World capitals', openPeriodS: 45 });
  });

  it('deletes and moves questions, and says what is wrong with a number', async () => {
    const quiz = await newQuiz(['A?', 'B?', 'C?', 'D?']);
    expect(await say(`/edit ${quiz.id} delete 2`)).toBe(
      `✅ Deleted question 2: B?\nQuiz ${quiz.id} now has 3 questions. /edit ${quiz.id} shows them.`,
    );
    expect(await texts(quiz.id)).toEqual(['A?', 'C?', 'D?']);
    expect(await say(`/edit ${quiz.id} move 3 1`)).toBe(
      `✅ Question 3 is now question 1:\n1. D? (2 options, 1 correct)\nQuiz ${quiz.id} now has 3 questions. /edit ${quiz.id} shows them.`,
    );
    expect(await texts(quiz.id)).toEqual(['D?', 'A?', 'C?']);

    expect(await say(`/edit ${quiz.id} delete 7`)).toBe(
      `Quiz ${quiz.id} has no question 7: its questions are 1 to 3. /edit ${quiz.id} shows them. Nothing was changed.`,
    );
    expect(await say(`/edit ${quiz.id} delete`)).toBe(
      `delete needs a question number: /edit ${quiz.id} delete 3. /edit ${quiz.id} shows the numbers.`,
    );
    expect(await say(`/edit ${quiz.id} move two 1`)).toBe(
      `move needs a question number, not 'two': /edit ${quiz.id} move 3 1 (question 3 becomes question 1). /edit ${quiz.id} shows the numbers.`,
    );
    expect(await say(`/edit ${quiz.id} move 2 2`)).toBe('Question 2 is already there. Nothing was changed.');
    expect(await texts(quiz.id)).toEqual(['D?', 'A?', 'C?']);

    const single = await newQuiz(['Only?']);
    expect(await say(`/edit ${single.id} delete 1`)).toBe(
      `Question 1 is the only question of quiz ${single.id}, and a quiz needs at least one. Replace it (/edit ${single.id} replace 1) or delete the whole quiz in /myquizzes. Nothing was changed.`,
    );
  });

  it('replaces a question, inserts and adds questions, checking each as creation does', async () => {
    const quiz = await newQuiz(['A?', 'B?']);
    expect(await say(`/edit ${quiz.id} replace 2\nCapital of Peru?\n- Lima *\n- Cusco\n> Since 1535.`)).toBe(
      `✅ Replaced question 2:\n2. Capital of Peru? (2 options, 1 correct)\nQuiz ${quiz.id} now has 2 questions. /edit ${quiz.id} shows them.`,
    );
    const replaced = (await getQuizWithQuestions(h.db, quiz.id))?.questions[1];
    expect(replaced).toMatchObject({
      text: 'Capital of Peru?',
      options: ['Lima', 'Cusco'],
      correctOptionIds: [0],
      explanation: 'Since 1535.',
    });

    expect(await say(`/edit ${quiz.id} insert 1\nX?\n- x *\n- y\n\nY?\n- x\n- y *`)).toBe(
      `✅ Added questions 1-2:\n1. X? (2 options, 1 correct)\n2. Y? (2 options, 1 correct)\nQuiz ${quiz.id} now has 4 questions. /edit ${quiz.id} shows them.`,
    );
    expect(await say(`/edit ${quiz.id} add\nZ?\n- z *\n- w`)).toBe(
      `✅ Added question 5:\n5. Z? (2 options, 1 correct)\nQuiz ${quiz.id} now has 5 questions. /edit ${quiz.id} shows them.`,
    );
    expect(await texts(quiz.id)).toEqual(['X?', 'Y?', 'A?', 'Capital of Peru?', 'Z?']);

    // Problems are named as in creation, numbered as the question would be; nothing changes.
    expect(await say(`/edit ${quiz.id} replace 3\nNo mark?\n- a\n- b`)).toBe(
      '⚠️ Your quiz has a problem:\n\n• Question 3: no option is marked correct (end the correct one with " *")\n\nNothing was changed; fix it and send the command again.',
    );
    expect(await say(`/edit ${quiz.id} add\nLong?\n- ${'o'.repeat(101)} *\n- b`)).toContain(
      "Question 6: option 'oooooooooooooooooooo…' is longer than 100 characters (101)",
    );
    expect(await say(`/edit ${quiz.id} replace 1\nP?\n- a *\n- b\n\nQ?\n- a *\n- b`)).toContain(
      'replace takes one question, and your message has 2. To add questions, use insert or add.',
    );
    expect(await say(`/edit ${quiz.id} replace 1`)).toBe(
      `Write the question on the lines after the command, as for /newquiz: /edit ${quiz.id} replace 3, then on the next line the question, its options ("- " each, " *" after the correct one)`,
    );
    expect(await say(`/edit ${quiz.id} insert 9\nP?\n- a *\n- b`)).toBe(
      'Questions can go before question 1 to 6 (6: at the end), not 9. Nothing was changed.',
    );
    expect(await texts(quiz.id)).toEqual(['X?', 'Y?', 'A?', 'Capital of Peru?', 'Z?']);
  });

  it('holds a quiz at 100 questions', async () => {
    const quiz = await newQuiz(Array.from({ length: 99 }, (_, i) => `Q${i + 1}?`));
    expect(await say(`/edit ${quiz.id} add\nP?\n- a *\n- b\n\nQ?\n- a *\n- b`)).toBe(
      `A quiz holds at most 100 questions. Quiz ${quiz.id} has 99 and your message has 2, but there is room for 1 more. Nothing was changed.`,
    );
    expect(await texts(quiz.id)).toHaveLength(99);
  });

  it('replaces a question with a picture question from a photo captioned with the command', async () => {
    const quiz = await newQuiz(['A?', 'B?']);
    const photo = h.sim.world.sendPhoto(owner.id, owner.id, { caption: `/edit ${quiz.id} replace 1\nWhich flag?\n- Peru *\n- Chad` });
    const reply = await h.nextBotMessage(owner.id, photo.messageId);
    expect(reply.text).toBe(
      `✅ Replaced question 1:\n1. Which flag? (2 options, 1 correct, photo)\nQuiz ${quiz.id} now has 2 questions. /edit ${quiz.id} shows them.`,
    );
    const largest = photo.photo?.at(-1);
    expect((await getQuizWithQuestions(h.db, quiz.id))?.questions[0]?.media).toEqual({ type: 'photo', source: largest?.fileId });
    const misplaced = h.sim.world.sendPhoto(owner.id, owner.id, { caption: `/edit ${quiz.id} delete 1` });
    expect((await h.nextBotMessage(owner.id, misplaced.messageId)).text).toContain('A photo goes with a question');
    expect(await texts(quiz.id)).toEqual(['Which flag?', 'B?']);
  });

  it("treats someone else's quiz and a deleted one as not found, and says how to name a quiz", async () => {
    const other = await h.startUser({ firstName: 'Otto' });
    const quiz = await newQuiz(['A?', 'B?']);
    const notFound = `There is no quiz ${quiz.id}. Your quizzes: /myquizzes`;
    expect(await say(`/edit ${quiz.id}`, other)).toBe(notFound);
    expect(await say(`/edit ${quiz.id} delete 1`, other)).toBe(notFound);
    expect(await say(`/edit ${quiz.id} title Mine`, other)).toBe(notFound);
    expect(await say(`/edit ${quiz.id} add\nP?\n- a *\n- b`, other)).toBe(notFound);
    expect(await getQuizWithQuestions(h.db, quiz.id)).toMatchObject({ title: 'Capitals', questions: [{ text: 'A?' }, { text: 'B?' }] });

    await deleteQuiz(h.db, { quizId: quiz.id, ownerId: owner.id });
    expect(await say(`/edit ${quiz.id} move 1 2`)).toBe(notFound);

    expect(await say('/edit')).toBe('Which quiz? E.g. /edit 12 shows quiz 12 and how to change it (your quizzes: /myquizzes).');
    expect(await say('/edit abc')).toBe(
      "'abc' is not a quiz id. Which quiz? E.g. /edit 12 shows quiz 12 and how to change it (your quizzes: /myquizzes).",
    );
    expect(await say(`/edit ${quiz.id} rename X`)).toContain("I don't know how to 'rename' a quiz.");
  });

  it('speaks Russian to a Russian-speaking author: the list, a change and a refusal, plurals included', async () => {
    const ivan = await h.startUser({ firstName: 'Иван', languageCode: 'ru' });
    const quiz = await createQuiz(h.db, {
      ownerId: ivan.id,
      title: 'Столицы',
      openPeriodS: 20,
      questions: [
        { text: 'Столица Франции?', options: ['Берлин', 'Париж'], correctOptionIds: [1] },
        { text: 'Города Японии?', options: ['Токио', 'Осака', 'Лима', 'Киото', 'Рим'], correctOptionIds: [0, 1, 3], openPeriodS: 15 },
      ],
    });
    const list = await say(`/edit ${quiz.id}`, ivan);
    expect(list).toContain(`✏️ Викторина ${quiz.id} «Столицы»: 2 вопроса, 20 с на вопрос.`);
    expect(list).toContain('\n1. Столица Франции? (2 варианта, 1 правильный)\n2. Города Японии? (5 вариантов, 3 правильных, 15 с)\n');
    expect(list).toContain(`/edit ${quiz.id} move <n> <m>`);
    expect(await say(`/edit ${quiz.id} delete 2`, ivan)).toBe(
      `✅ Вопрос 2 удалён: Города Японии?\nВ викторине ${quiz.id} теперь 1 вопрос. Их покажет /edit ${quiz.id}.`,
    );
    expect(await say(`/edit ${quiz.id} delete 1`, ivan)).toBe(
      `Вопрос 1 — единственный в викторине ${quiz.id}, а без вопросов викторины не бывает. Замените его (/edit ${quiz.id} replace 1) или удалите всю викторину в /myquizzes. Ничего не изменено.`,
    );
    expect(await say(`/edit ${quiz.id} time 3`, ivan)).toBe(
      'Это время не подойдёт: время на вопрос должно быть от 5 секунд до 10 минут, а указано «3». Ничего не изменено.',
    );
    expect(await say('/edit', ivan)).toBe(
      'Какую викторину? Например, /edit 12 покажет викторину 12 и как её изменить (ваши викторины: /myquizzes).',
    );
  });

  it('points an /edit in a group to the private chat', async () => {
    const group = h.sim.world.createGroup({ title: 'Edits', creator: owner.id });
    const reply: SimMessage = await h.ask(owner.id, group.id, '/edit 1');
    expect(reply.text).toBe('Quizzes are edited in a private chat with me (the questions show their answers): send /edit there.');
  });
});
