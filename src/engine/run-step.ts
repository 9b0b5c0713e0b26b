/**
 * One step of one due run, inside the transaction that claimed it: close the question whose
 * time is up, then ask the next question or finish the run (score, credit rewards, post the
 * results). The run row stays locked until the step commits, so no other instance can take
 * the same step; a crash rolls the step back and the run is simply due again.
 */
import type { Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import { nextRunStep, ANSWER_GRACE_MS } from '../quiz/run-steps.js';
import { shownCorrectIds, showOptions, shuffledOrder } from '../quiz/scoring.js';
import { announcementText, displayName, pollQuestionText, resultsText } from '../quiz/texts.js';
import type { AnswerWriter } from '../store/answer-writer.js';
import type { Transaction } from '../store/database.js';
import { creditRewards, runLeaderboard } from '../store/queries/leaderboard.js';
import { getQuizById, getQuizQuestionAt } from '../store/queries/quizzes.js';
import { closeRunQuestion, getRunQuestion, recordSentQuestion } from '../store/queries/run-questions.js';
import { updateRun } from '../store/queries/runs.js';
import type { Run } from '../store/schema/runs.js';
import type { PollDirectory } from './poll-directory.js';
import { classifySendFailure } from './telegram-failures.js';

/** What a step needs besides the run and its transaction. */
export interface StepContext {
  /** Questions and announcements: queued as interactive (ahead of everything else). */
  api: Api;
  /** Results: queued behind questions and replies, ahead of bulk sends. */
  resultsApi: Api;
  polls: PollDirectory;
  answerWriter: AnswerWriter;
  logger: Logger;
  counters: EngineCounters;
}

/** What the engine has done, for /monitoring/stats. */
export interface EngineCounters {
  questionsSent: number;
  runsFinished: number;
  runsCancelled: number;
  /** Steps that failed and were put off for a later attempt. */
  stepsRetried: number;
}

/** A step that could not reach Telegram is tried again this much later. */
export const STEP_RETRY_MS = 5_000;

/** Callback data of the "My rank" button under a run's results. */
export function rankButtonData(runId: number): string {
  return `rank:${runId}`;
}

/** Takes the next step of `run`, which the caller has claimed in `tx`. */
export async function takeRunStep(tx: Transaction, run: Run, ctx: StepContext): Promise<void> {
  const step = nextRunStep(run);
  if (step.kind === 'none') return;
  if (step.closePosition !== null) await closeQuestion(tx, run, step.closePosition, ctx);
  try {
    if (step.kind === 'ask') await ask(tx, run, step.position, step.announce, ctx);
    else await finish(tx, run, ctx);
  } catch (error) {
    await onSendFailure(tx, run, step.kind, error, ctx);
  }
}

async function closeQuestion(tx: Transaction, run: Run, position: number, ctx: StepContext): Promise<void> {
  const now = new Date();
  if (!(await closeRunQuestion(tx, { runId: run.id, position, closedAt: now }))) return;
  ctx.polls.markClosed(run.id, position, now);
  // Stopped before its time (/stopquiz, or a private player who answered): close the poll in
  // the chat too, so nobody keeps voting on a question that no longer counts. Group polls only:
  // in a private chat the player has moved on, and the stop would cost a message slot.
  const question = await getRunQuestion(tx, { runId: run.id, position });
  if (run.mode === 'group' && question?.messageId && question.closesAt && question.closesAt.getTime() > now.getTime() + 1_000) {
    const messageId = question.messageId;
    await ctx.api
      .stopPoll(run.chatId, messageId)
      .catch((error: unknown) => ctx.logger.warn({ err: error, runId: run.id, position }, 'Could not stop the poll of a question closed early'));
  }
}

async function ask(tx: Transaction, run: Run, position: number, announce: boolean, ctx: StepContext): Promise<void> {
  const found = await getQuizQuestionAt(tx, { quizId: run.quizId, position });
  if (!found) {
    ctx.logger.error({ runId: run.id, quizId: run.quizId, position }, 'Run question missing from the database: cancelling the run');
    await cancel(tx, run, ctx);
    return;
  }
  const { quiz, question } = found;
  const settings = run.settings;
  const openPeriodS = settings.openPeriodFixed ? settings.openPeriodS : (question.openPeriodS ?? settings.openPeriodS);
  if (announce) {
    const text = announcementText({ title: quiz.title, questionCount: run.questionCount, openPeriodS, mode: run.mode });
    await ctx.api.sendMessage(run.chatId, text);
  }
  const order = settings.shuffleOptions ? shuffledOrder(question.options.length) : null;
  const message = await ctx.api.sendPoll(
    run.chatId,
    pollQuestionText(question.text, position + 1, run.questionCount),
    showOptions(question.options, order).map((text) => ({ text })),
    {
      type: 'quiz',
      is_anonymous: false,
      correct_option_ids: shownCorrectIds(question.correctOptionIds, order),
      ...(question.explanation ? { explanation: question.explanation } : {}),
      open_period: openPeriodS,
      // Group players may change their mind until the question closes; the last vote counts.
      allows_revoting: run.mode === 'group',
    },
  );
  const sentAt = new Date();
  const closesAt = new Date(sentAt.getTime() + openPeriodS * 1000);
  const pollId = message.poll.id;
  ctx.polls.remember(pollId, {
    runId: run.id,
    chatId: run.chatId,
    mode: run.mode,
    questionId: question.id,
    position,
    sentAt,
    closesAt,
    closedAt: null,
    shownOrder: order,
    correctOptionIds: question.correctOptionIds,
  });
  await recordSentQuestion(tx, { runId: run.id, questionId: question.id, position, pollId, messageId: message.message_id, shownOrder: order, sentAt, closesAt });
  await updateRun(tx, run.id, { currentPosition: position, nextActionAt: new Date(closesAt.getTime() + ANSWER_GRACE_MS) });
  ctx.counters.questionsSent++;
}

async function finish(tx: Transaction, run: Run, ctx: StepContext): Promise<void> {
  if (run.status === 'running') await updateRun(tx, run.id, { status: 'finishing' });
  // Answers this process has accepted must be in the table before the ranking is read.
  await ctx.answerWriter.flush();
  const settings = run.settings;
  await creditRewards(tx, {
    runId: run.id,
    chatId: run.chatId,
    pointsByRank: settings.rewardPoints,
    participationPoints: settings.participationPoints,
  });
  if (run.resultsPostedAt === null) {
    const quiz = await getQuizById(tx, run.quizId);
    const board = await runLeaderboard(tx, run.id, { limit: 10 });
    const text = resultsText({
      title: quiz?.title ?? `Quiz ${run.quizId}`,
      questionCount: run.questionCount,
      players: board.players,
      stopped: run.currentPosition + 1 < run.questionCount,
      top: board.top.map((entry) => ({
        rank: entry.rank,
        name: displayName(entry),
        correct: entry.correct,
        totalCorrectMs: entry.totalCorrectMs,
        points: (settings.rewardPoints[entry.rank - 1] ?? 0) + settings.participationPoints,
      })),
    });
    const keyboard: InlineKeyboardMarkup | undefined =
      run.mode === 'group' && board.players > 0 ? { inline_keyboard: [[{ text: 'My rank', callback_data: rankButtonData(run.id) }]] } : undefined;
    await ctx.resultsApi.sendMessage(run.chatId, text, keyboard ? { reply_markup: keyboard } : {});
  }
  const now = new Date();
  await updateRun(tx, run.id, { status: 'finished', finishedAt: now, resultsPostedAt: run.resultsPostedAt ?? now, nextActionAt: null });
  ctx.counters.runsFinished++;
}

async function cancel(tx: Transaction, run: Run, ctx: StepContext): Promise<void> {
  await updateRun(tx, run.id, { status: 'cancelled', finishedAt: new Date(), nextActionAt: null });
  ctx.counters.runsCancelled++;
}

async function onSendFailure(tx: Transaction, run: Run, kind: 'ask' | 'finish', error: unknown, ctx: StepContext): Promise<void> {
  const failure = classifySendFailure(error);
  const log = { err: error, runId: run.id, chatId: run.chatId, position: run.currentPosition };
  if (failure === 'unreachable') {
    ctx.logger.warn(log, 'The run\'s chat is unreachable (bot blocked or removed): cancelling the run');
    await cancel(tx, run, ctx);
  } else if (failure === 'refused' && kind === 'finish') {
    // Rewards are credited in this transaction; only the results message was refused.
    ctx.logger.error(log, 'Telegram refused the results message: finishing the run without it');
    await updateRun(tx, run.id, { status: 'finished', finishedAt: new Date(), resultsPostedAt: new Date(), nextActionAt: null });
    ctx.counters.runsFinished++;
  } else if (failure === 'refused') {
    ctx.logger.error(log, 'Telegram refused a question of the run: cancelling the run');
    await cancel(tx, run, ctx);
  } else {
    ctx.logger.warn(log, `Run step failed: trying again in ${STEP_RETRY_MS / 1000} s`);
    await updateRun(tx, run.id, { nextActionAt: new Date(Date.now() + STEP_RETRY_MS) });
    ctx.counters.stepsRetried++;
  }
}
