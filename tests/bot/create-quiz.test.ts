import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import type { SimUser } from 'telegram-sim/world-types';
import { getQuizDraft } from '../../src/store/queries/quiz-drafts.js';
import { getQuizWithQuestions, listQuizzesByOwner } from '../../src/store/queries/quizzes.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createEmptyTestDatabase, type TestDatabase } from '../helpers/database.js';

const NEXT_STEP = 'Send the next one, /done to save or /cancel.';
/**
 * A creation is a conversation of many messages in one chat: at Telegram's pace (about one
 * message a second per chat) every step would wait. The limits have tests of their own.
 */
const FAST_CHATS = { QUEUE_PRIVATE_CHAT_PER_S: '100', QUEUE_GROUP_PER_MIN: '6000' };

describe('creating quizzes in chat, end to end', () => {
  let sim: Simulator;
  let database: TestDatabase;
  /** Replaced by the restart test: always the running instance. */
  let h: BotHarness;
  beforeAll(async () => {
    sim = await startSimulator({ limits: { enabled: false } });
    database = await createEmptyTestDatabase();
    h = await startBotHarness({ sim, database, env: FAST_CHATS });
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.close();
    await database?.drop();
  });

  const botUsername = () => sim.world.bot.username;
  /** What the bot answers `text` from `user` in their private chat. */
  const say = async (user: SimUser, text: string): Promise<string> => (await h.ask(user.id, user.id, text)).text ?? '';
  const quizzesOf = (user: SimUser) => listQuizzesByOwner(h.db, user.id);
  const draftOf = (user: SimUser) => getQuizDraft(h.db, user.id);

  /** The rows of a quiz in the shape a test compares. */
  async function storedQuiz(quizId: number) {
    const quiz = await getQuizWithQuestions(h.db, quizId);
    return (
      quiz && {
        title: quiz.title,
        questions: quiz.questions.map(({ position, text, options, correctOptionIds, explanation, openPeriodS }) => ({
          position,
          text,
          options,
          correctOptionIds,
          explanation,
          openPeriodS,
        })),
      }
    );
  }

  describe('/newquiz with the questions in the same message', () => {
    it('creates the whole quiz at once and links to playing it', async () => {
      const author = await h.startUser({ firstName: 'Olga' });
      const reply = await say(
        author,
        [
          '/newquiz World capitals',
          'Capital of France?',
          '- Berlin',
          '- Paris *',
          '- Rome',
          '> Paris has been the capital since 508.',
          '',
          'Which are in Japan?',
          '- Tokyo *',
          '- Osaka *',
          '- Lima',
        ].join('\n'),
      );
      const [quiz] = await quizzesOf(author);
      expect(quiz).toMatchObject({ title: 'World capitals', questionCount: 2 });
      expect(reply).toContain(`✅ Quiz "World capitals" saved with 2 questions (id ${quiz!.id}).`);
      expect(reply).toContain(`https://t.me/${botUsername()}?start=quiz_${quiz!.id}`);
      expect(await storedQuiz(quiz!.id)).toEqual({
        title: 'World capitals',
        questions: [
          {
            position: 0,
            text: 'Capital of France?',
            options: ['Berlin', 'Paris', 'Rome'],
            correctOptionIds: [1],
            explanation: 'Paris has been the capital since 508.',
            openPeriodS: null,
          },
          {
            position: 1,
            text: 'Which are in Japan?',
            options: ['Tokyo', 'Osaka', 'Lima'],
            correctOptionIds: [0, 1],
            explanation: null,
            openPeriodS: null,
          },
        ],
      });
      expect(await draftOf(author)).toBeUndefined();
    });

    it('works in a group too, addressed to the bot by name', async () => {
      const author = await h.startUser({ firstName: 'Gus' });
      const group = sim.world.createGroup({ title: 'Quiz club', creator: author.id });
      const reply = await h.ask(author.id, group.id, `/newquiz@${botUsername()}   Peru  \nCapital of Peru?\n- Lima *\n- Quito`);
      const [quiz] = await quizzesOf(author);
      expect(quiz).toMatchObject({ title: 'Peru', questionCount: 1 });
      expect(reply.text).toContain(`start=quiz_${quiz!.id}`);
    });

    it('names every problem by question and saves nothing', async () => {
      const author = await h.startUser({ firstName: 'Petra' });
      const cases: { text: string; expected: string[] }[] = [
        {
          text: `/newquiz Long option\nFine?\n- a *\n- b\n\nToo long?\n- ${'x'.repeat(101)} *\n- b`,
          expected: ["Question 2: option 'xxxxxxxxxxxxxxxxxxxx…' is longer than 100 characters (101)"],
        },
        { text: '/newquiz No answer\nWhich one?\n- a\n- b', expected: ['Question 1: no option is marked correct'] },
        {
          text: `/newquiz Crowded\nFine?\n- a *\n\nToo many?\n${Array.from({ length: 13 }, (_, i) => `- option ${i}${i === 0 ? ' *' : ''}`).join('\n')}`,
          expected: ['Question 2: it has 13 options; Telegram allows at most 12'],
        },
        { text: '/newquiz\nNo title?\n- a *\n- b', expected: ['Title: the quiz has no title'] },
        { text: `/newquiz ${'T'.repeat(129)}\nQ?\n- a *`, expected: ['Title: the title is longer than 128 characters (129)'] },
        {
          text: `/newquiz Marathon\n${Array.from({ length: 101 }, (_, i) => `Q${i + 1}?\n- a *\n- b`).join('\n\n')}`,
          expected: ['Questions: the quiz has 101; a quiz holds at most 100'],
        },
        {
          text: '/newquiz\nEverything wrong?\n- a\n- a',
          expected: [
            '3 problems',
            'Title: the quiz has no title',
            "Question 1: option 'a' appears twice",
            'Question 1: no option is marked correct',
          ],
        },
      ];
      for (const { text, expected } of cases) {
        const reply = await say(author, text);
        expect(reply).toMatch(/^⚠️ Your quiz has/);
        for (const part of expected) expect(reply, text.slice(0, 40)).toContain(part);
        expect(reply).toContain('Nothing was saved');
      }
      expect(await quizzesOf(author)).toEqual([]);
      expect(await draftOf(author)).toBeUndefined();
    });
  });

  describe('the guided flow in private', () => {
    it('takes a title, a text block, a native quiz poll and several blocks at once, then saves on /done', async () => {
      const author = await h.startUser({ firstName: 'Ann' });
      expect(await say(author, '/newquiz')).toContain('What is its title?');
      expect(await draftOf(author)).toMatchObject({ title: null, questions: [] });

      expect(await say(author, '  Capitals and more  ')).toContain('Creating "Capitals and more". Now send the questions');
      expect(await draftOf(author)).toMatchObject({ title: 'Capitals and more', questions: [] });

      expect(await say(author, 'Capital of France?\n- Berlin\n- Paris *\n> Since 508.')).toBe(
        `Question 1 added: Capital of France? ${NEXT_STEP}`,
      );

      const { message: pollMessage } = sim.world.sendQuizPoll(author.id, {
        question: 'Which are in Japan?',
        options: ['Tokyo', 'Lima', 'Osaka'],
        correctOptionIds: [2, 0],
        explanation: 'Lima is in Peru.',
        openPeriod: 20,
      });
      expect((await h.nextBotMessage(author.id, pollMessage.messageId)).text).toBe(`Question 2 added: Which are in Japan? ${NEXT_STEP}`);

      const several = await say(author, 'Capital of Peru?\n- Lima *\n- Quito\n\nCapital of Chile?\n- Santiago *\n- Lima');
      expect(several).toBe(`Questions 3-4 added:\n3. Capital of Peru?\n4. Capital of Chile?\n${NEXT_STEP}`);
      expect((await draftOf(author))?.questions).toHaveLength(4);

      const done = await say(author, '/done');
      const [quiz] = await quizzesOf(author);
      expect(done).toContain(`✅ Quiz "Capitals and more" saved with 4 questions (id ${quiz!.id}).`);
      expect(done).toContain(`https://t.me/${botUsername()}?start=quiz_${quiz!.id}`);
      expect(await storedQuiz(quiz!.id)).toEqual({
        title: 'Capitals and more',
        questions: [
          {
            position: 0,
            text: 'Capital of France?',
            options: ['Berlin', 'Paris'],
            correctOptionIds: [1],
            explanation: 'Since 508.',
            openPeriodS: null,
          },
          {
            position: 1,
            text: 'Which are in Japan?',
            options: ['Tokyo', 'Lima', 'Osaka'],
            correctOptionIds: [0, 2],
            explanation: 'Lima is in Peru.',
            openPeriodS: 20,
          },
          {
            position: 2,
            text: 'Capital of Peru?',
            options: ['Lima', 'Quito'],
            correctOptionIds: [0],
            explanation: null,
            openPeriodS: null,
          },
          {
            position: 3,
            text: 'Capital of Chile?',
            options: ['Santiago', 'Lima'],
            correctOptionIds: [0],
            explanation: null,
            openPeriodS: null,
          },
        ],
      });
      expect(await draftOf(author)).toBeUndefined();

      // A second /done creates nothing more.
      expect(await say(author, '/done')).toContain('You are not creating a quiz');
      expect(await quizzesOf(author)).toHaveLength(1);
    });

    it('adds nothing from a message with a bad block, and numbers the problems after the draft', async () => {
      const author = await h.startUser({ firstName: 'Ben' });
      expect(await say(author, '/newquiz Mixed bag')).toContain('Creating "Mixed bag"');
      await say(author, 'Good one?\n- yes *\n- no');
      const refused = await say(author, 'Also good?\n- yes *\n- no\n\nBad one?\n- yes\n- no');
      expect(refused).toContain('Question 3: no option is marked correct');
      expect(refused).not.toContain('Question 2:');
      // The draft keeps what it had: the reply says so instead of "Nothing was saved".
      expect(refused).not.toContain('Nothing was saved');
      expect(refused).toContain(
        'Nothing from that message was added; "Mixed bag" still has 1 question. Fix it and send it again, or /done to save what you have.',
      );
      expect((await draftOf(author))?.questions.map((q) => q.text)).toEqual(['Good one?']);
      expect(await say(author, 'Name a prime\n- 4\n- 7 *')).toBe(`Question 2 added: Name a prime. ${NEXT_STEP}`);
      await say(author, '/cancel');
    });

    it("names a quiz poll's time limit in whole units, and keeps the draft as it was", async () => {
      const author = await h.startUser({ firstName: 'Tim' });
      await say(author, '/newquiz Timed');
      const poll = (openPeriod: number) =>
        sim.world.sendQuizPoll(author.id, { question: 'Quick?', options: ['a', 'b'], correctOptionIds: [0], openPeriod }).message;
      const short = poll(3);
      const tooShort = (await h.nextBotMessage(author.id, short.messageId)).text ?? '';
      expect(tooShort).toContain('Question 1: its time limit is 3 seconds; a question stays open between 5 seconds and 10 minutes');
      expect(tooShort).toContain('Nothing from that message was added; "Timed" has no questions yet. Fix it and send it again.');
      // A run waits for each question in turn: like /startquiz, a question stays open 10 minutes at most.
      const long = poll(3_660);
      expect((await h.nextBotMessage(author.id, long.messageId)).text).toContain(
        'Question 1: its time limit is 1 hour 1 minute; a question stays open between 5 seconds and 10 minutes',
      );
      expect(await draftOf(author)).toMatchObject({ title: 'Timed', questions: [] });
      await say(author, '/cancel');
    });

    it('refuses /done without questions, and /cancel discards the draft', async () => {
      const author = await h.startUser({ firstName: 'Cleo' });
      await say(author, '/newquiz Half done');
      expect(await say(author, '/done')).toContain('Your quiz has no questions yet');
      expect(await draftOf(author)).toMatchObject({ title: 'Half done' });

      await say(author, 'One?\n- a *\n- b');
      expect(await say(author, '/cancel')).toBe('Discarded. Nothing was saved.');
      expect(await draftOf(author)).toBeUndefined();
      expect(await quizzesOf(author)).toEqual([]);
      expect(await say(author, '/cancel')).toContain('nothing to cancel');
      expect(await say(author, '/done')).toContain('You are not creating a quiz');
    });

    it('keeps the draft on a second /newquiz and says how to go on', async () => {
      const author = await h.startUser({ firstName: 'Dora' });
      await say(author, '/newquiz First try');
      await say(author, 'One?\n- a *\n- b');
      const again = await say(author, '/newquiz Second try');
      expect(again).toContain('You are already creating "First try" (1 question)');
      expect(again).toContain('/done');
      expect(again).toContain('/cancel');
      expect(await draftOf(author)).toMatchObject({ title: 'First try', questions: [{ text: 'One?' }] });
      await say(author, '/cancel');
    });

    it('asks for the title again when the answer cannot be one, and wants the title before a poll', async () => {
      const author = await h.startUser({ firstName: 'Emil' });
      await say(author, '/newquiz');
      const { message } = sim.world.sendQuizPoll(author.id, { question: 'Too early?', options: ['a', 'b'], correctOptionIds: [0] });
      expect((await h.nextBotMessage(author.id, message.messageId)).text).toContain("First send the quiz's title");
      expect(await say(author, 'Looks like a question?\n- a *\n- b')).toContain('the title must fit on one line');
      expect(await say(author, 'x'.repeat(129))).toContain('longer than 128 characters (129)');
      expect(await draftOf(author)).toMatchObject({ title: null, questions: [] });
      await say(author, '/cancel');
    });

    it('answers text from users who create nothing with a pointer to /help, and starts no draft', async () => {
      const user = await h.startUser({ firstName: 'Finn' });
      expect(await say(user, 'hello there')).toBe("I don't know what to do with that. /help shows what I can do.");
      expect(await draftOf(user)).toBeUndefined();
    });
  });

  describe('/newquiz in a group without questions', () => {
    it('sends the author to the private chat, where /start newquiz starts the guided flow', async () => {
      const author = await h.startUser({ firstName: 'Gina' });
      const group = sim.world.createGroup({ title: 'Trivia', creator: author.id });
      const pointer = await h.ask(author.id, group.id, '/newquiz Group quiz');
      expect(pointer.text).toContain(`https://t.me/${botUsername()}?start=newquiz`);
      expect(await draftOf(author)).toBeUndefined();

      expect(await say(author, '/start newquiz')).toContain('What is its title?');
      expect(await draftOf(author)).toMatchObject({ title: null });
      await say(author, '/cancel');
    });
  });

  it('keeps a draft across a restart of the app', async () => {
    const author = await h.startUser({ firstName: 'Hugo' });
    await say(author, '/newquiz Survivor');
    expect(await say(author, 'Before?\n- a *\n- b')).toBe(`Question 1 added: Before? ${NEXT_STEP}`);

    await h.stop();
    h = await startBotHarness({ sim, database, env: FAST_CHATS });
    expect(await draftOf(author)).toMatchObject({ title: 'Survivor', questions: [{ text: 'Before?' }] });

    expect(await say(author, 'After?\n- a\n- b *')).toBe(`Question 2 added: After? ${NEXT_STEP}`);
    const done = await say(author, '/done');
    expect(done).toContain('"Survivor" saved with 2 questions');
    const [quiz] = await quizzesOf(author);
    expect((await storedQuiz(quiz!.id))?.questions.map((q) => q.text)).toEqual(['Before?', 'After?']);
  });
});
