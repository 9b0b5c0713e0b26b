import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../src/quiz/question-check.js';
import {
  appendQuizDraftQuestions,
  createQuizDraft,
  deleteQuizDraft,
  getQuizDraft,
  saveQuizDraft,
  setQuizDraftTitle,
} from '../../src/store/queries/quiz-drafts.js';
import { getQuizWithQuestions, listQuizzesByOwner } from '../../src/store/queries/quizzes.js';
import { upsertUser } from '../../src/store/queries/users.js';
import { createMigratedTestDatabase } from '../helpers/database.js';

describe('quiz draft queries', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await createMigratedTestDatabase({ poolSize: 6, maxOverflow: 4 });
  });
  afterAll(async () => {
    await database?.drop();
  });

  let nextUserId = 2000;
  async function newUser(): Promise<number> {
    const id = ++nextUserId;
    await upsertUser(database.handle.db, { id, firstName: `Author ${id}`, username: null });
    return id;
  }
  const question = (text: string, extra: Partial<QuizQuestion> = {}): QuizQuestion => ({
    text,
    options: ['a', 'b'],
    correctOptionIds: [1],
    ...extra,
  });

  it('creates one draft per user and never replaces it', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    expect(await getQuizDraft(db, userId)).toBeUndefined();
    expect(await createQuizDraft(db, { userId, title: null })).toBe(true);
    expect(await createQuizDraft(db, { userId, title: 'Other' })).toBe(false);
    expect(await getQuizDraft(db, userId)).toMatchObject({ userId, title: null, questions: [], updatedAt: expect.any(Date) });
  });

  it('sets the title only of a draft that has none', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    expect(await setQuizDraftTitle(db, { userId, title: 'Nobody' })).toBe(false);
    await createQuizDraft(db, { userId, title: null });
    expect(await setQuizDraftTitle(db, { userId, title: 'Capitals' })).toBe(true);
    expect(await setQuizDraftTitle(db, { userId, title: 'Again' })).toBe(false);
    expect((await getQuizDraft(db, userId))?.title).toBe('Capitals');
  });

  it('appends questions in order, says why it refuses, and keeps within the limit all or nothing', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    expect(await appendQuizDraftQuestions(db, { userId, questions: [question('Q1')], maxQuestions: 3 })).toEqual({
      ok: false,
      reason: 'no-draft',
    });
    await createQuizDraft(db, { userId, title: null });
    expect(await appendQuizDraftQuestions(db, { userId, questions: [question('Q1')], maxQuestions: 3 })).toEqual({
      ok: false,
      reason: 'no-title',
    });
    await setQuizDraftTitle(db, { userId, title: 'Limits' });

    const first = question('Q1 "quoted" {json}', { explanation: 'Why\nso', openPeriodS: 15 });
    expect(await appendQuizDraftQuestions(db, { userId, questions: [first], maxQuestions: 3 })).toEqual({ ok: true, questionCount: 1 });
    expect(
      await appendQuizDraftQuestions(db, { userId, questions: [question('Q2'), question('Q3'), question('Q4')], maxQuestions: 3 }),
    ).toEqual({
      ok: false,
      reason: 'too-many',
      questionCount: 1,
    });
    expect(await appendQuizDraftQuestions(db, { userId, questions: [question('Q2'), question('Q3')], maxQuestions: 3 })).toEqual({
      ok: true,
      questionCount: 3,
    });
    expect((await getQuizDraft(db, userId))?.questions).toEqual([first, question('Q2'), question('Q3')]);
  });

  it('loses no question when many appends run at once (no read-modify-write)', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    await createQuizDraft(db, { userId, title: 'Concurrent' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => appendQuizDraftQuestions(db, { userId, questions: [question(`Q${i}`)], maxQuestions: 100 })),
    );
    const counts = results.map((r) => (r.ok ? r.questionCount : -1)).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = (await getQuizDraft(db, userId))?.questions.map((q) => q.text).sort();
    expect(stored).toEqual(Array.from({ length: 20 }, (_, i) => `Q${i}`).sort());
  });

  it('saves the draft as a quiz and deletes it in one go; a second save creates nothing', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    await createQuizDraft(db, { userId, title: 'Capitals' });
    await appendQuizDraftQuestions(db, {
      userId,
      questions: [
        question('Capital of France?', { explanation: 'Since 508.' }),
        question('Which are in Japan?', { options: ['Tokyo', 'Osaka', 'Lima'], correctOptionIds: [0, 1], openPeriodS: 20 }),
      ],
      maxQuestions: 100,
    });
    const saved = await saveQuizDraft(db, userId);
    expect(saved).toMatchObject({ ok: true, questionCount: 2, quiz: { ownerId: userId, title: 'Capitals' } });
    if (!saved.ok) return;
    const quiz = await getQuizWithQuestions(db, saved.quiz.id);
    expect(
      quiz?.questions.map(({ position, text, options, correctOptionIds, explanation, openPeriodS }) => ({
        position,
        text,
        options,
        correctOptionIds,
        explanation,
        openPeriodS,
      })),
    ).toEqual([
      { position: 0, text: 'Capital of France?', options: ['a', 'b'], correctOptionIds: [1], explanation: 'Since 508.', openPeriodS: null },
      {
        position: 1,
        text: 'Which are in Japan?',
        options: ['Tokyo', 'Osaka', 'Lima'],
        correctOptionIds: [0, 1],
        explanation: null,
        openPeriodS: 20,
      },
    ]);
    expect(await getQuizDraft(db, userId)).toBeUndefined();
    expect(await saveQuizDraft(db, userId)).toEqual({ ok: false, reason: 'no-draft' });
    expect(await listQuizzesByOwner(db, userId)).toHaveLength(1);
  });

  it('creates exactly one quiz when two saves race', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    await createQuizDraft(db, { userId, title: 'Race' });
    await appendQuizDraftQuestions(db, { userId, questions: [question('Q1')], maxQuestions: 100 });
    const results = await Promise.all([saveQuizDraft(db, userId), saveQuizDraft(db, userId), saveQuizDraft(db, userId)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: 'no-draft' },
      { ok: false, reason: 'no-draft' },
    ]);
    expect(await listQuizzesByOwner(db, userId)).toHaveLength(1);
  });

  it('refuses to save a draft without a title or questions and keeps it', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    await createQuizDraft(db, { userId, title: null });
    expect(await saveQuizDraft(db, userId)).toEqual({ ok: false, reason: 'no-title' });
    await setQuizDraftTitle(db, { userId, title: 'Empty' });
    expect(await saveQuizDraft(db, userId)).toEqual({ ok: false, reason: 'no-questions' });
    expect(await getQuizDraft(db, userId)).toMatchObject({ title: 'Empty', questions: [] });
    expect(await listQuizzesByOwner(db, userId)).toEqual([]);
  });

  it('keeps the draft when the quiz cannot be saved (the whole transaction rolls back)', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    await createQuizDraft(db, { userId, title: 'Broken' });
    // 2^31 fits jsonb but not questions.open_period_s (integer): the INSERT fails after the
    // draft row was already deleted in the same transaction.
    await appendQuizDraftQuestions(db, {
      userId,
      questions: [question('Fine'), question('Too long open', { openPeriodS: 2 ** 31 })],
      maxQuestions: 100,
    });
    await expect(saveQuizDraft(db, userId)).rejects.toMatchObject({ cause: { code: '22003' } });
    expect((await getQuizDraft(db, userId))?.questions).toHaveLength(2);
    expect(await listQuizzesByOwner(db, userId)).toEqual([]);
  });

  it('deletes a draft once', async () => {
    const { db } = database.handle;
    const userId = await newUser();
    await createQuizDraft(db, { userId, title: 'Gone' });
    expect(await deleteQuizDraft(db, userId)).toBe(true);
    expect(await deleteQuizDraft(db, userId)).toBe(false);
    expect(await getQuizDraft(db, userId)).toBeUndefined();
  });
});
