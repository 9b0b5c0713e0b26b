/**
 * Quiz edits in the store (src/store/queries/quiz-edits.ts): question rows are retired, never
 * changed or deleted; the live list stays numbered 0..n-1; only the author's live quiz is edited;
 * concurrent edits of one quiz queue on its row lock; a run keeps the ids it started with and
 * its answer sheet still names the questions it asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertChat } from '../../src/store/queries/chats.js';
import { editQuizQuestions, renameQuiz, setQuizOpenPeriod } from '../../src/store/queries/quiz-edits.js';
import { createQuiz, deleteQuiz, getQuizToStart, getQuizWithQuestions, listQuizzesByOwner } from '../../src/store/queries/quizzes.js';
import { runAnswerSheet } from '../../src/store/queries/run-answer-sheet.js';
import { reserveRunQuestion } from '../../src/store/queries/run-questions.js';
import { startRun } from '../../src/store/queries/runs.js';
import { upsertUser } from '../../src/store/queries/users.js';
import { createMigratedTestDatabase } from '../helpers/database.js';

const question = (text: string, options = ['yes', 'no']) => ({ text, options, correctOptionIds: [0] });

describe('quiz edits', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  const ownerId = 71;
  const otherId = 72;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    await upsertUser(database.handle.db, { id: ownerId, firstName: 'Owner', username: null });
    await upsertUser(database.handle.db, { id: otherId, firstName: 'Other', username: null });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const newQuiz = (texts: readonly string[]) =>
    createQuiz(database.handle.db, { ownerId, title: 'Edits', questions: texts.map((t) => question(t)) });
  /** The live questions' texts in order, checking their positions run 0..n-1. */
  async function liveTexts(quizId: number): Promise<string[]> {
    const quiz = await getQuizWithQuestions(database.handle.db, quizId);
    expect(quiz?.questions.map((q) => q.position)).toEqual(quiz?.questions.map((_, i) => i));
    return quiz?.questions.map((q) => q.text) ?? [];
  }
  async function rowsOf(quizId: number): Promise<{ live: number; retired: number }> {
    const [row] = await database.handle.sql<{ live: number; retired: number }[]>`
      select count(*) filter (where retired_at is null)::int as live, count(*) filter (where retired_at is not null)::int as retired
      from questions where quiz_id = ${quizId}`;
    return row ?? { live: -1, retired: -1 };
  }

  it('replaces, deletes, inserts and moves, retiring rows instead of changing them', async () => {
    const { db } = database.handle;
    const quiz = await newQuiz(['A', 'B', 'C', 'D']);
    const before = await getQuizWithQuestions(db, quiz.id);
    const idOf = (text: string) => before?.questions.find((q) => q.text === text)?.id;

    const replaced = await editQuizQuestions(db, {
      quizId: quiz.id,
      ownerId,
      edit: { kind: 'replace', number: 2, question: question('B2') },
    });
    expect(replaced.ok && replaced.removed.map((q) => q.text)).toEqual(['B']);
    expect(replaced.ok && replaced.changed).toEqual([2]);
    expect(await liveTexts(quiz.id)).toEqual(['A', 'B2', 'C', 'D']);

    await editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'delete', number: 1 } });
    expect(await liveTexts(quiz.id)).toEqual(['B2', 'C', 'D']);
    const inserted = await editQuizQuestions(db, {
      quizId: quiz.id,
      ownerId,
      edit: { kind: 'insert', before: 2, questions: [question('X'), question('Y')] },
    });
    expect(inserted.ok && inserted.changed).toEqual([2, 3]);
    expect(await liveTexts(quiz.id)).toEqual(['B2', 'X', 'Y', 'C', 'D']);
    await editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'move', from: 5, to: 1 } });
    expect(await liveTexts(quiz.id)).toEqual(['D', 'B2', 'X', 'Y', 'C']);
    await editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'insert', before: 'end', questions: [question('Z')] } });
    expect(await liveTexts(quiz.id)).toEqual(['D', 'B2', 'X', 'Y', 'C', 'Z']);

    // A and B are retired, not deleted; the kept ones are the same rows (ids) as before.
    expect(await rowsOf(quiz.id)).toEqual({ live: 6, retired: 2 });
    const after = await getQuizWithQuestions(db, quiz.id);
    expect(after?.questions.find((q) => q.text === 'C')?.id).toBe(idOf('C'));
    expect(after?.questions.find((q) => q.text === 'D')?.id).toBe(idOf('D'));
    expect((await listQuizzesByOwner(db, ownerId)).find((q) => q.id === quiz.id)?.questionCount).toBe(6);
    const toStart = await getQuizToStart(db, quiz.id);
    expect(toStart?.questionIds).toEqual(after?.questions.map((q) => q.id));
  });

  it('refuses what does not fit, changing nothing', async () => {
    const { db } = database.handle;
    const quiz = await newQuiz(['Only']);
    expect(await editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'delete', number: 1 } })).toEqual({
      ok: false,
      reason: 'refused',
      refusal: { kind: 'last_question' },
      questionCount: 1,
    });
    expect(
      await editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'replace', number: 2, question: question('N') } }),
    ).toMatchObject({
      ok: false,
      refusal: { kind: 'no_such_question', number: 2, count: 1 },
    });
    expect(await rowsOf(quiz.id)).toEqual({ live: 1, retired: 0 });
  });

  it("edits only the author's live quiz", async () => {
    const { db } = database.handle;
    const quiz = await newQuiz(['A', 'B']);
    const edit = { kind: 'delete', number: 1 } as const;
    expect(await editQuizQuestions(db, { quizId: quiz.id, ownerId: otherId, edit })).toEqual({ ok: false, reason: 'not-found' });
    expect(await renameQuiz(db, { quizId: quiz.id, ownerId: otherId, title: 'Mine' })).toBeUndefined();
    expect(await setQuizOpenPeriod(db, { quizId: quiz.id, ownerId: otherId, openPeriodS: 10 })).toBeUndefined();
    expect((await renameQuiz(db, { quizId: quiz.id, ownerId, title: 'Renamed' }))?.title).toBe('Renamed');
    expect((await setQuizOpenPeriod(db, { quizId: quiz.id, ownerId, openPeriodS: 45 }))?.openPeriodS).toBe(45);
    await deleteQuiz(db, { quizId: quiz.id, ownerId });
    expect(await editQuizQuestions(db, { quizId: quiz.id, ownerId, edit })).toEqual({ ok: false, reason: 'not-found' });
    expect(await renameQuiz(db, { quizId: quiz.id, ownerId, title: 'Again' })).toBeUndefined();
    expect(await rowsOf(quiz.id)).toEqual({ live: 2, retired: 0 });
  });

  it('queues concurrent edits of one quiz on its row: none is lost, the order stays whole', async () => {
    const { db } = database.handle;
    const quiz = await newQuiz(['A', 'B', 'C']);
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'insert', before: 1, questions: [question(`N${i}`)] } }),
      ),
      editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'move', from: 1, to: 3 } }),
      editQuizQuestions(db, { quizId: quiz.id, ownerId, edit: { kind: 'replace', number: 2, question: question('R') } }),
    ]);
    const texts = await liveTexts(quiz.id);
    expect(texts).toHaveLength(9);
    // Eight of the nine written before the replace, whichever it hit, and its question.
    expect(texts.filter((t) => t === 'R')).toHaveLength(1);
    expect(texts.filter((t) => /^(N\d|A|B|C)$/.test(t))).toHaveLength(8);
    expect(await rowsOf(quiz.id)).toEqual({ live: 9, retired: 1 });
  });

  it("keeps a run's questions: its answer sheet names the questions it asked after they were replaced", async () => {
    const { db } = database.handle;
    const quiz = await createQuiz(db, {
      ownerId,
      title: 'Sheet',
      questions: [question('One?', ['red', 'blue']), question('Two?', ['Paris', 'Rome'])],
    });
    const chatId = -7100;
    await upsertChat(db, { id: chatId, type: 'supergroup', title: 'Sheet group' });
    const start = await getQuizToStart(db, quiz.id);
    const questionIds = start?.questionIds ?? [];
    const run = await startRun(db, {
      quizId: quiz.id,
      chatId,
      startedBy: ownerId,
      mode: 'group',
      questionCount: questionIds.length,
      settings: { openPeriodS: 10, shuffleOptions: false, rewardPoints: [3], participationPoints: 1, questionIds, title: 'Sheet' },
      nextActionAt: null,
    });
    for (const [position, questionId] of questionIds.entries())
      await reserveRunQuestion(db, { runId: run.id, questionId, position, shownOrder: null });
    await editQuizQuestions(db, {
      quizId: quiz.id,
      ownerId,
      edit: { kind: 'replace', number: 2, question: question('Other?', ['x', 'y']) },
    });
    expect((await runAnswerSheet(db, run.id)).questions).toEqual([{ options: ['red', 'blue'] }, { options: ['Paris', 'Rome'] }]);
    expect(await liveTexts(quiz.id)).toEqual(['One?', 'Other?']);
  });
});
