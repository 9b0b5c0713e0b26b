import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { QuizQuestion } from '../../quiz/question-check.js';
import type { Executor } from '../database.js';
import { quizDrafts, type QuizDraft } from '../schema/quiz-drafts.js';
import type { Quiz } from '../schema/quizzes.js';
import { createQuiz } from './quizzes.js';

/** What {@link appendQuizDraftQuestions} did. */
export type AppendDraftResult =
  | { ok: true; questionCount: number }
  /**
   * Nothing was added: the user has no draft, the draft has no title yet, or the questions
   * would take it past `maxQuestions` (`questionCount` is what the draft holds).
   */
  | { ok: false; reason: 'no-draft' | 'no-title' }
  | { ok: false; reason: 'too-many'; questionCount: number };

/** What {@link saveQuizDraft} did. */
export type SaveDraftResult =
  | { ok: true; quiz: Quiz; questionCount: number }
  /** Nothing was saved and the draft (if any) is untouched. */
  | { ok: false; reason: 'no-draft' | 'no-title' | 'no-questions' };

/** The user's draft, or `undefined` when they are not creating a quiz. */
export async function getQuizDraft(executor: Executor, userId: number): Promise<QuizDraft | undefined> {
  const [draft] = await executor.select().from(quizDrafts).where(eq(quizDrafts.userId, userId));
  return draft;
}

/**
 * Starts a draft for the user, with its title when known (null: ask for it). Returns false,
 * changing nothing, when the user already has one: a draft is never silently replaced.
 *
 * @example
 * if (!(await createQuizDraft(db, { userId, title: null }))) await ctx.reply('You are already creating a quiz.');
 */
export async function createQuizDraft(executor: Executor, params: { userId: number; title: string | null }): Promise<boolean> {
  const created = await executor
    .insert(quizDrafts)
    .values({ userId: params.userId, title: params.title })
    .onConflictDoNothing({ target: quizDrafts.userId })
    .returning({ userId: quizDrafts.userId });
  return created.length > 0;
}

/** Gives a draft that has no title yet its title. False when there is no such draft. */
export async function setQuizDraftTitle(executor: Executor, params: { userId: number; title: string }): Promise<boolean> {
  const updated = await executor
    .update(quizDrafts)
    .set({ title: params.title, updatedAt: sql`now()` })
    .where(and(eq(quizDrafts.userId, params.userId), isNull(quizDrafts.title)))
    .returning({ userId: quizDrafts.userId });
  return updated.length > 0;
}

/**
 * Appends questions to the user's titled draft in one UPDATE (jsonb concatenation), so two
 * messages handled at once, even by two instances, both land and neither overwrites the
 * other. All or nothing: when the questions would take the draft past `maxQuestions`, none is
 * added. On success `questionCount` is the draft's count after this append, so the questions
 * added are numbers `questionCount - questions.length + 1` to `questionCount`.
 */
export async function appendQuizDraftQuestions(
  executor: Executor,
  params: { userId: number; questions: readonly QuizQuestion[]; maxQuestions: number },
): Promise<AppendDraftResult> {
  const count = params.questions.length;
  const [appended] = await executor
    .update(quizDrafts)
    .set({
      questions: sql`${quizDrafts.questions} || ${JSON.stringify(params.questions)}::jsonb`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(quizDrafts.userId, params.userId),
        isNotNull(quizDrafts.title),
        sql`jsonb_array_length(${quizDrafts.questions}) + ${count}::int <= ${params.maxQuestions}::int`,
      ),
    )
    .returning({ questionCount: sql<number>`jsonb_array_length(${quizDrafts.questions})` });
  if (appended) return { ok: true, questionCount: appended.questionCount };
  // Only to say why: the UPDATE above already decided, atomically.
  const [draft] = await executor
    .select({ title: quizDrafts.title, questionCount: sql<number>`jsonb_array_length(${quizDrafts.questions})` })
    .from(quizDrafts)
    .where(eq(quizDrafts.userId, params.userId));
  if (!draft) return { ok: false, reason: 'no-draft' };
  if (draft.title === null) return { ok: false, reason: 'no-title' };
  return { ok: false, reason: 'too-many', questionCount: draft.questionCount };
}

/** Discards the user's draft. False when there was none. */
export async function deleteQuizDraft(executor: Executor, userId: number): Promise<boolean> {
  const deleted = await executor.delete(quizDrafts).where(eq(quizDrafts.userId, userId)).returning({ userId: quizDrafts.userId });
  return deleted.length > 0;
}

/**
 * Turns the user's draft into a quiz: deletes the draft and creates the quiz with its
 * questions in ONE transaction (a savepoint when given one). Either both happen or neither;
 * the DELETE locks the draft row, so a second /done handled at the same time (here or on
 * another instance) waits, then finds no draft and creates nothing.
 *
 * @example
 * const saved = await saveQuizDraft(db, ctx.from.id);
 * if (saved.ok) await ctx.reply(`Saved quiz ${saved.quiz.id}`);
 */
export async function saveQuizDraft(executor: Executor, userId: number): Promise<SaveDraftResult> {
  return executor.transaction(async (tx): Promise<SaveDraftResult> => {
    const [draft] = await tx
      .delete(quizDrafts)
      .where(and(eq(quizDrafts.userId, userId), isNotNull(quizDrafts.title), sql`jsonb_array_length(${quizDrafts.questions}) > 0`))
      .returning();
    if (!draft || draft.title === null) {
      const current = await getQuizDraft(tx, userId);
      if (!current) return { ok: false, reason: 'no-draft' };
      return { ok: false, reason: current.title === null ? 'no-title' : 'no-questions' };
    }
    const quiz = await createQuiz(tx, { ownerId: userId, title: draft.title, questions: draft.questions });
    return { ok: true, quiz, questionCount: draft.questions.length };
  });
}
