import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { questions } from '../schema/questions.js';
import { runQuestions, type RunQuestion } from '../schema/run-questions.js';
import { runs, type Run } from '../schema/runs.js';

/** What {@link recordSentQuestion} takes: a question of a run as Telegram received it. */
export interface SentQuestion {
  runId: number;
  questionId: number;
  position: number;
  /** Telegram's poll id, how a `poll_answer` finds its way back. */
  pollId: string;
  /** The poll's message; null when the poll was identified from a `poll` update (no message id there). */
  messageId: number | null;
  /** shownOrder[i] = index in the question's options of the i-th option shown; null when not shuffled. */
  shownOrder: number[] | null;
  sentAt: Date;
  closesAt: Date;
}

/** What an incoming `poll_answer` needs to know about its poll (see {@link findRunQuestionByPollId}). */
export interface PolledQuestion {
  runId: number;
  /** The run's chat and kind: a private run moves on as soon as its player answers. */
  chatId: number;
  mode: Run['mode'];
  questionId: number;
  position: number;
  sentAt: Date | null;
  closesAt: Date | null;
  closedAt: Date | null;
  shownOrder: number[] | null;
  /** The question's correct options, in the quiz's own order (map shown ids through `shownOrder` first). */
  correctOptionIds: number[];
  /** How many options the poll has: a vote for any other option was forged. */
  optionCount: number;
}

/**
 * Records the poll sent for a run's question. A row already there for the same (run,
 * position), such as one reserved before sending, is completed with these values; a second
 * call for the same position therefore replaces the poll it points to.
 */
export async function recordSentQuestion(executor: Executor, sent: SentQuestion): Promise<RunQuestion> {
  const values = {
    questionId: sent.questionId,
    pollId: sent.pollId,
    messageId: sent.messageId,
    shownOrder: sent.shownOrder,
    sentAt: sent.sentAt,
    closesAt: sent.closesAt,
  };
  const [row] = await executor
    .insert(runQuestions)
    .values({ runId: sent.runId, position: sent.position, ...values })
    .onConflictDoUpdate({ target: [runQuestions.runId, runQuestions.position], set: values })
    .returning();
  if (!row) throw new Error('recordSentQuestion: INSERT ... RETURNING returned no row');
  return row;
}

/**
 * The run question a poll belongs to, with its question's correct options, or `undefined`
 * for a poll this bot did not send in a run (one lookup through run_questions_poll_id_uq).
 */
export async function findRunQuestionByPollId(executor: Executor, pollId: string): Promise<PolledQuestion | undefined> {
  const [row] = await executor
    .select({
      runId: runQuestions.runId,
      chatId: runs.chatId,
      mode: runs.mode,
      questionId: runQuestions.questionId,
      position: runQuestions.position,
      sentAt: runQuestions.sentAt,
      closesAt: runQuestions.closesAt,
      closedAt: runQuestions.closedAt,
      shownOrder: runQuestions.shownOrder,
      correctOptionIds: questions.correctOptionIds,
      optionCount: optionCountOf(),
    })
    .from(runQuestions)
    .innerJoin(questions, eq(questions.id, runQuestions.questionId))
    .innerJoin(runs, eq(runs.id, runQuestions.runId))
    .where(eq(runQuestions.pollId, pollId));
  return row;
}

/**
 * Stamps the run's question at `position` as closed (answers after this are late). Returns
 * false when there is no such question or it was already closed; the first stamp is kept.
 */
export async function closeRunQuestion(executor: Executor, params: { runId: number; position: number; closedAt?: Date }): Promise<boolean> {
  const closed = await executor
    .update(runQuestions)
    .set({ closedAt: params.closedAt ?? new Date() })
    .where(and(eq(runQuestions.runId, params.runId), eq(runQuestions.position, params.position), isNull(runQuestions.closedAt)))
    .returning({ id: runQuestions.id });
  return closed.length > 0;
}

/** The poll sent for a run's question at `position`, or `undefined` when none was recorded. */
export async function getRunQuestion(executor: Executor, params: { runId: number; position: number }): Promise<RunQuestion | undefined> {
  const [row] = await executor
    .select()
    .from(runQuestions)
    .where(and(eq(runQuestions.runId, params.runId), eq(runQuestions.position, params.position)));
  return row;
}

/**
 * Reserves the row of a run's question as its step decides to ask it, with the option order
 * it will be shown in; the poll's id and times are filled in once Telegram accepted it
 * ({@link recordSentQuestion}). A row already reserved is kept as it is (the step was taken
 * again: the order must stay the one its outbox intent was written with).
 */
export async function reserveRunQuestion(
  executor: Executor,
  params: { runId: number; questionId: number; position: number; shownOrder: number[] | null },
): Promise<void> {
  await executor
    .insert(runQuestions)
    .values({ runId: params.runId, questionId: params.questionId, position: params.position, shownOrder: params.shownOrder })
    .onConflictDoNothing({ target: [runQuestions.runId, runQuestions.position] });
}

/** A reserved run question: which quiz question, in which option order, with its correct options. */
export interface ReservedQuestion {
  questionId: number;
  shownOrder: number[] | null;
  correctOptionIds: number[];
  /** How many options the question (and so its poll) has. */
  optionCount: number;
}

/** The question reserved at `position` of a run (see {@link reserveRunQuestion}), or undefined. */
export async function getReservedQuestion(
  executor: Executor,
  params: { runId: number; position: number },
): Promise<ReservedQuestion | undefined> {
  const [row] = await executor
    .select({
      questionId: runQuestions.questionId,
      shownOrder: runQuestions.shownOrder,
      correctOptionIds: questions.correctOptionIds,
      optionCount: optionCountOf(),
    })
    .from(runQuestions)
    .innerJoin(questions, eq(questions.id, runQuestions.questionId))
    .where(and(eq(runQuestions.runId, params.runId), eq(runQuestions.position, params.position)));
  return row;
}

/** A question's number of options, read with the row (a poll answer is checked against it). */
function optionCountOf() {
  return sql<number>`cardinality(${questions.options})`.mapWith(Number);
}

/**
 * How many times each question of quiz `quizId` was asked in chat `chatId` (reserved by one of
 * the chat's runs of that quiz): what a pool draw balances.
 */
export async function timesAskedInChat(executor: Executor, params: { chatId: number; quizId: number }): Promise<Map<number, number>> {
  const rows = await executor
    .select({ questionId: runQuestions.questionId, times: sql<number>`count(*)::int` })
    .from(runQuestions)
    .innerJoin(runs, eq(runs.id, runQuestions.runId))
    .where(and(eq(runs.chatId, params.chatId), eq(runs.quizId, params.quizId)))
    .groupBy(runQuestions.questionId);
  return new Map(rows.map((row) => [row.questionId, row.times]));
}
