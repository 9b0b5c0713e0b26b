import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { QuestionMedia } from '../../quiz/question-check.js';
import type { Executor } from '../database.js';
import { questions, type NewQuestion, type Question } from '../schema/questions.js';
import { quizzes, type Quiz } from '../schema/quizzes.js';

/**
 * The predicate of the partial unique index questions_quiz_position_uq, spelt as it is (the
 * planner uses a partial index only when the query implies its predicate): the quiz as it is now.
 */
export const isLive = sql`${questions.retiredAt} is null`;

/** One question of a quiz being created, in the quiz's own option order. */
export interface NewQuizQuestion {
  text: string;
  options: string[];
  /** Indexes into `options`; several are allowed. */
  correctOptionIds: number[];
  explanation?: string | null;
  /** Seconds this question stays open; null or absent falls back to the quiz's value. */
  openPeriodS?: number | null;
  /** A photo, video or animation shown with the question; null or absent: none. */
  media?: QuestionMedia | null;
  /** The same for the explanation. */
  explanationMedia?: QuestionMedia | null;
}

/** What {@link createQuiz} takes. */
export interface CreateQuizParams {
  /** The creator's Telegram user id; the user must exist (see `upsertUser`). */
  ownerId: number;
  title: string;
  /** Seconds each question stays open (default 30, the column's default). */
  openPeriodS?: number;
  /** Shuffle the options of every poll (default false). */
  shuffleOptions?: boolean;
  /** At least one; stored at positions 0..n-1 in this order. */
  questions: NewQuizQuestion[];
}

/** A quiz with its live questions (not retired by an edit) ordered by position. */
export interface QuizWithQuestions extends Quiz {
  questions: Question[];
}

/** A row of {@link listQuizzesByOwner}. */
export interface QuizSummary extends Quiz {
  questionCount: number;
}

/**
 * Saves a quiz and all of its questions in one transaction, so a failure on any question
 * leaves nothing behind. Given a transaction, it runs as a savepoint inside it, so the caller
 * can bind more work to the same commit (the guided flow deletes the draft it came from).
 * Content is not validated here beyond what the schema enforces: the quiz parser does that.
 *
 * @example
 * const quiz = await createQuiz(db, { ownerId, title: 'Capitals', questions: [{ text: 'Capital of France?', options: ['Berlin', 'Paris'], correctOptionIds: [1] }] });
 */
export async function createQuiz(executor: Executor, params: CreateQuizParams): Promise<Quiz> {
  if (params.questions.length === 0) {
    throw new RangeError(`createQuiz: quiz "${params.title}" has no questions; expected at least one`);
  }
  return executor.transaction(async (tx) => {
    const [quiz] = await tx
      .insert(quizzes)
      .values({
        ownerId: params.ownerId,
        title: params.title,
        openPeriodS: params.openPeriodS,
        shuffleOptions: params.shuffleOptions,
      })
      .returning();
    if (!quiz) throw new Error('createQuiz: INSERT ... RETURNING returned no row');
    await tx.insert(questions).values(params.questions.map((question, position) => newQuestionRow(quiz.id, position, question)));
    return quiz;
  });
}

/** The row of a new question of quiz `quizId` at `position` (creating a quiz, and edits). */
export function newQuestionRow(quizId: number, position: number, question: NewQuizQuestion): NewQuestion {
  return {
    quizId,
    position,
    text: question.text,
    options: question.options,
    correctOptionIds: question.correctOptionIds,
    explanation: question.explanation ?? null,
    openPeriodS: question.openPeriodS ?? null,
    media: question.media ?? null,
    explanationMedia: question.explanationMedia ?? null,
  };
}

/**
 * The quiz with its live questions (those no edit retired) ordered by position, or `undefined`
 * when it does not exist or was deleted. Pass a transaction to read both in one snapshot.
 */
export async function getQuizWithQuestions(executor: Executor, quizId: number): Promise<QuizWithQuestions | undefined> {
  const [quiz] = await executor
    .select()
    .from(quizzes)
    .where(and(eq(quizzes.id, quizId), isNull(quizzes.deletedAt)));
  if (!quiz) return undefined;
  return { ...quiz, questions: await getLiveQuestions(executor, quizId) };
}

/** The live questions of quiz `quizId` (not retired by an edit), ordered by position. */
export async function getLiveQuestions(executor: Executor, quizId: number): Promise<Question[]> {
  return executor
    .select()
    .from(questions)
    .where(and(eq(questions.quizId, quizId), isLive))
    .orderBy(asc(questions.position));
}

/** What a question asks, without its place in the quiz (the only part of a row an edit changes). */
export type QuestionContent = Omit<Question, 'position' | 'retiredAt'>;

/**
 * Questions by id, retired or not, in no particular order: a run asks the questions it started
 * with even after an edit retired them. Their content never changes, so callers may cache it.
 */
export async function getQuestionsByIds(executor: Executor, ids: readonly number[]): Promise<QuestionContent[]> {
  if (ids.length === 0) return [];
  const { position: _position, retiredAt: _retiredAt, ...content } = getTableColumns(questions);
  return executor
    .select(content)
    .from(questions)
    .where(inArray(questions.id, [...ids]));
}

/** The owner's quizzes that are not deleted, newest first, each with its number of live questions. */
export async function listQuizzesByOwner(executor: Executor, ownerId: number): Promise<QuizSummary[]> {
  return executor
    .select({
      ...getTableColumns(quizzes),
      // Spelt out: drizzle renders columns in a single-table select list unqualified, and an
      // unqualified "id" inside this subquery would mean questions.id.
      questionCount: sql<number>`(select count(*) from questions where questions.quiz_id = quizzes.id and questions.retired_at is null)::int`,
    })
    .from(quizzes)
    .where(and(eq(quizzes.ownerId, ownerId), isNull(quizzes.deletedAt)))
    .orderBy(desc(quizzes.createdAt), desc(quizzes.id));
}

/**
 * Soft-deletes a quiz: it disappears from lists and cannot be started, while past runs keep
 * their leaderboards. Returns false, changing nothing, when the quiz does not exist, belongs to
 * someone else or is already deleted.
 */
export async function deleteQuiz(executor: Executor, params: { quizId: number; ownerId: number }): Promise<boolean> {
  const deleted = await executor
    .update(quizzes)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(quizzes.id, params.quizId), eq(quizzes.ownerId, params.ownerId), isNull(quizzes.deletedAt)))
    .returning({ id: quizzes.id });
  return deleted.length > 0;
}

/**
 * A quiz, deleted or not, and its live question at `position`. `undefined` when either is
 * missing. (Runs do not read their questions this way: they keep the ids they started with.)
 */
export async function getQuizQuestionAt(
  executor: Executor,
  params: { quizId: number; position: number },
): Promise<{ quiz: Quiz; question: Question } | undefined> {
  const [row] = await executor
    .select({ quiz: quizzes, question: questions })
    .from(quizzes)
    .innerJoin(questions, and(eq(questions.quizId, quizzes.id), eq(questions.position, params.position), isLive))
    .where(eq(quizzes.id, params.quizId));
  return row;
}

/** The quiz with this id, deleted or not (for a run's announcement and results). */
export async function getQuizById(executor: Executor, quizId: number): Promise<Quiz | undefined> {
  const [quiz] = await executor.select().from(quizzes).where(eq(quizzes.id, quizId));
  return quiz;
}

/** What {@link getQuizToStart} reads: the quiz and its live questions' ids in order. */
export interface QuizToStart {
  quiz: Quiz;
  questionIds: number[];
}

/**
 * A quiz that may be started (not deleted) with the ids of its live questions in order, read in
 * ONE statement: one snapshot, so an edit committing meanwhile (one transaction) is seen whole or
 * not at all. The ids stay valid whatever is edited later (rows are retired, never changed), so a
 * run that keeps them plays this version. Undefined when the quiz is deleted or does not exist.
 */
export async function getQuizToStart(executor: Executor, quizId: number): Promise<QuizToStart | undefined> {
  const [row] = await executor
    .select({
      quiz: quizzes,
      // Spelt out, as in listQuizzesByOwner; text[] because postgres.js reads bigint as text.
      questionIds: sql<string[]>`array(select questions.id::text from questions
        where questions.quiz_id = quizzes.id and questions.retired_at is null order by questions.position)`,
    })
    .from(quizzes)
    .where(and(eq(quizzes.id, quizId), isNull(quizzes.deletedAt)));
  return row && { quiz: row.quiz, questionIds: row.questionIds.map(Number) };
}
