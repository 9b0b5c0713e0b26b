import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuiz, deleteQuiz, getQuizWithQuestions, listQuizzesByOwner } from '../../src/store/queries/quizzes.js';
import { markChatBlocked, upsertChat } from '../../src/store/queries/chats.js';
import { getUser, upsertUser } from '../../src/store/queries/users.js';
import { createMigratedTestDatabase } from '../helpers/database.js';

describe('users and quizzes queries', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** A fresh owner per test, so lists are not shared between tests. */
  let nextUserId = 1000;
  async function newOwner(): Promise<number> {
    const id = ++nextUserId;
    await upsertUser(database.handle.db, { id, firstName: `Owner ${id}`, username: null });
    return id;
  }

  async function countRows(ownerId: number): Promise<{ quizzes: number; questions: number }> {
    const [row] = await database.handle.sql<{ quizzes: number; questions: number }[]>`
      select (select count(*)::int from quizzes where owner_id = ${ownerId}) as quizzes,
             (select count(*)::int from questions q join quizzes z on z.id = q.quiz_id where z.owner_id = ${ownerId}) as questions`;
    return row ?? { quizzes: -1, questions: -1 };
  }

  describe('upsertUser / getUser', () => {
    it('creates a user, refreshes a changed name and leaves an unchanged one untouched', async () => {
      const { db } = database.handle;
      expect(await getUser(db, 42)).toBeUndefined();

      await upsertUser(db, { id: 42, firstName: 'Ada', username: null });
      const created = await getUser(db, 42);
      expect(created).toMatchObject({ id: 42, firstName: 'Ada', username: null });

      await upsertUser(db, { id: 42, firstName: 'Ada', username: null });
      const unchanged = await getUser(db, 42);
      expect(unchanged?.updatedAt.getTime()).toBe(created?.updatedAt.getTime());

      await upsertUser(db, { id: 42, firstName: 'Ada L.', username: 'ada' });
      const renamed = await getUser(db, 42);
      expect(renamed).toMatchObject({ id: 42, firstName: 'Ada L.', username: 'ada' });
      expect(renamed?.createdAt.getTime()).toBe(created?.createdAt.getTime());
      expect(renamed!.updatedAt.getTime()).toBeGreaterThan(created!.updatedAt.getTime());
    });
  });

  describe('upsertChat', () => {
    /** The row's version (xmin): it changes exactly when PostgreSQL rewrites the row. */
    async function chatRow(id: number): Promise<{ version: string; type: string; title: string | null; blocked: boolean } | undefined> {
      const [row] = await database.handle.sql<{ version: string; type: string; title: string | null; blocked: boolean }[]>`
        select xmin::text as version, type, title, blocked_at is not null as blocked from chats where id = ${id}`;
      return row;
    }

    it('creates a chat, rewrites it only when its type or title changed, and keeps its block', async () => {
      const { db } = database.handle;
      await upsertChat(db, { id: -100_77, type: 'group', title: 'Quiz night' });
      const created = await chatRow(-100_77);
      expect(created).toMatchObject({ type: 'group', title: 'Quiz night', blocked: false });
      expect(await markChatBlocked(db, -100_77)).toBe(true);
      const blocked = await chatRow(-100_77);

      await upsertChat(db, { id: -100_77, type: 'group', title: 'Quiz night' });
      expect((await chatRow(-100_77))?.version).toBe(blocked?.version);

      await upsertChat(db, { id: -100_77, type: 'supergroup', title: null });
      const changed = await chatRow(-100_77);
      expect(changed).toMatchObject({ type: 'supergroup', title: null, blocked: true });
      expect(changed?.version).not.toBe(blocked?.version);

      await upsertChat(db, { id: -100_77, type: 'supergroup', title: null });
      expect((await chatRow(-100_77))?.version).toBe(changed?.version);
    });
  });

  describe('createQuiz / getQuizWithQuestions', () => {
    it('saves the quiz and its questions at positions 0..n-1 and reads them back in order', async () => {
      const ownerId = await newOwner();
      const quiz = await createQuiz(database.handle.db, {
        ownerId,
        title: 'World capitals',
        questions: [
          { text: 'Capital of France?', options: ['Berlin', 'Paris', 'Rome'], correctOptionIds: [1], explanation: 'Since 508.' },
          { text: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], correctOptionIds: [0], openPeriodS: 15 },
          { text: 'Which are in Europe? "quoted", {braces}', options: ['Oslo', 'Lima', 'Bern'], correctOptionIds: [0, 2] },
        ],
      });
      expect(quiz).toMatchObject({ ownerId, title: 'World capitals', openPeriodS: 30, shuffleOptions: false, deletedAt: null });
      expect(quiz.id).toEqual(expect.any(Number));

      const read = await getQuizWithQuestions(database.handle.db, quiz.id);
      expect(read).toMatchObject({ id: quiz.id, title: 'World capitals' });
      expect(read?.questions.map((q) => ({ ...q, id: undefined }))).toEqual([
        {
          id: undefined,
          quizId: quiz.id,
          position: 0,
          text: 'Capital of France?',
          options: ['Berlin', 'Paris', 'Rome'],
          correctOptionIds: [1],
          explanation: 'Since 508.',
          openPeriodS: null,
          media: null,
          explanationMedia: null,
          retiredAt: null,
        },
        {
          id: undefined,
          quizId: quiz.id,
          position: 1,
          text: 'Capital of Japan?',
          options: ['Tokyo', 'Kyoto'],
          correctOptionIds: [0],
          explanation: null,
          openPeriodS: 15,
          media: null,
          explanationMedia: null,
          retiredAt: null,
        },
        {
          id: undefined,
          quizId: quiz.id,
          position: 2,
          text: 'Which are in Europe? "quoted", {braces}',
          options: ['Oslo', 'Lima', 'Bern'],
          correctOptionIds: [0, 2],
          explanation: null,
          openPeriodS: null,
          media: null,
          explanationMedia: null,
          retiredAt: null,
        },
      ]);
    });

    it('keeps quiz settings that were given', async () => {
      const ownerId = await newOwner();
      const quiz = await createQuiz(database.handle.db, {
        ownerId,
        title: 'Fast',
        openPeriodS: 10,
        shuffleOptions: true,
        questions: [{ text: 'Q', options: ['a', 'b'], correctOptionIds: [1] }],
      });
      expect(quiz).toMatchObject({ openPeriodS: 10, shuffleOptions: true });
    });

    it('returns undefined for a quiz that does not exist', async () => {
      expect(await getQuizWithQuestions(database.handle.db, 999_999)).toBeUndefined();
    });

    it('saves nothing when one question is refused by the database', async () => {
      const ownerId = await newOwner();
      const good = { text: 'Fine', options: ['a', 'b'], correctOptionIds: [0] };
      // 2^31 does not fit questions.open_period_s (integer): PostgreSQL refuses the second
      // question after the quiz row was already inserted in the same transaction.
      await expect(
        createQuiz(database.handle.db, {
          ownerId,
          title: 'Half',
          questions: [good, { ...good, text: 'Too long open', openPeriodS: 2 ** 31 }, good],
        }),
      ).rejects.toMatchObject({ cause: { code: '22003' } }); // numeric_value_out_of_range
      expect(await countRows(ownerId)).toEqual({ quizzes: 0, questions: 0 });

      // A NUL byte, which PostgreSQL text cannot hold, in the last question's explanation.
      await expect(
        createQuiz(database.handle.db, {
          ownerId,
          title: 'Half again',
          questions: [good, { ...good, explanation: 'bad \u0000 byte' }],
        }),
      ).rejects.toThrow();
      expect(await countRows(ownerId)).toEqual({ quizzes: 0, questions: 0 });

      await createQuiz(database.handle.db, { ownerId, title: 'Whole', questions: [good, good] });
      expect(await countRows(ownerId)).toEqual({ quizzes: 1, questions: 2 });
    });

    it('refuses a quiz without questions before touching the database', async () => {
      const ownerId = await newOwner();
      await expect(createQuiz(database.handle.db, { ownerId, title: 'Empty', questions: [] })).rejects.toThrow(RangeError);
      expect(await countRows(ownerId)).toEqual({ quizzes: 0, questions: 0 });
    });

    it("keeps a question's media and its explanation's (jsonb), and none as null", async () => {
      const { db } = database.handle;
      const ownerId = await newOwner();
      const photo = { type: 'photo' as const, source: 'AgACAgIAAxkBAAsim-photo' };
      const video = { type: 'video' as const, source: 'https://example.com/clip.mp4' };
      const quiz = await createQuiz(db, {
        ownerId,
        title: 'Pictures',
        questions: [
          {
            text: 'Which city?',
            options: ['Paris', 'Rome'],
            correctOptionIds: [0],
            explanation: 'The tower.',
            media: photo,
            explanationMedia: video,
          },
          { text: 'No picture?', options: ['Yes', 'No'], correctOptionIds: [0] },
        ],
      });
      const read = await getQuizWithQuestions(db, quiz.id);
      expect(read?.questions.map((q) => [q.media, q.explanationMedia])).toEqual([
        [photo, video],
        [null, null],
      ]);
    });
  });

  describe('listQuizzesByOwner / deleteQuiz', () => {
    it('lists the owner’s quizzes newest first with question counts, and only the owner can delete', async () => {
      const { db } = database.handle;
      const ownerId = await newOwner();
      const otherId = await newOwner();
      const q = (text: string) => ({ text, options: ['a', 'b'], correctOptionIds: [0] });
      const first = await createQuiz(db, { ownerId, title: 'First', questions: [q('1')] });
      const second = await createQuiz(db, { ownerId, title: 'Second', questions: [q('1'), q('2'), q('3')] });
      const third = await createQuiz(db, { ownerId, title: 'Third', questions: [q('1'), q('2')] });
      const foreign = await createQuiz(db, { ownerId: otherId, title: 'Not mine', questions: [q('1')] });

      const listed = await listQuizzesByOwner(db, ownerId);
      expect(listed.map((row) => [row.title, row.questionCount])).toEqual([
        ['Third', 2],
        ['Second', 3],
        ['First', 1],
      ]);
      expect(listed[0]).toMatchObject({ id: third.id, ownerId, deletedAt: null, createdAt: expect.any(Date) });

      // Someone else's quiz, a missing quiz: refused, nothing changes.
      expect(await deleteQuiz(db, { quizId: foreign.id, ownerId })).toBe(false);
      expect(await deleteQuiz(db, { quizId: second.id, ownerId: otherId })).toBe(false);
      expect(await deleteQuiz(db, { quizId: 999_999, ownerId })).toBe(false);
      expect(await getQuizWithQuestions(db, foreign.id)).toBeDefined();
      expect(await getQuizWithQuestions(db, second.id)).toBeDefined();

      expect(await deleteQuiz(db, { quizId: second.id, ownerId })).toBe(true);
      expect(await deleteQuiz(db, { quizId: second.id, ownerId })).toBe(false); // already deleted
      expect(await getQuizWithQuestions(db, second.id)).toBeUndefined();
      expect((await listQuizzesByOwner(db, ownerId)).map((row) => row.id)).toEqual([third.id, first.id]);
      expect((await listQuizzesByOwner(db, otherId)).map((row) => row.id)).toEqual([foreign.id]);

      // Soft delete: the rows stay for past runs.
      const [kept] = await database.handle.sql<{ deleted: boolean; questions: number }[]>`
        select deleted_at is not null as deleted, (select count(*)::int from questions where quiz_id = ${second.id}) as questions
        from quizzes where id = ${second.id}`;
      expect(kept).toEqual({ deleted: true, questions: 3 });
    });
  });
});
