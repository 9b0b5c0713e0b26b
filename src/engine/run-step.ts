/**
 * One step of one claimed run, written as intents: close the question whose time is up, then
 * ask the next question (its announcement first, for the first one) or finish the run (score,
 * credit rewards, results), in one short transaction that sends nothing. The messages are
 * outbox rows the engine sends after the commit (run-engine.ts); their outcomes move the run on
 * (send-outcome.ts). A step taken again after its claim lapsed finds its open sends and decides
 * each one's fate in resume-open-sends.ts: never a second copy of a message that may have
 * reached its chat.
 */
import type { Translate } from '../i18n/translator.js';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import { createRankKeyboard } from '../bot/keyboards/rank-keyboard.js';
import { displayName } from '../bot/texts/format.js';
import { announcementText, pollQuestionText, resultsText } from '../bot/texts/run.js';
import { untitledQuizText } from '../bot/texts/run-results.js';
import type { Clock } from '../lib/clock.js';
import { nextRunStep, type RunStep } from '../quiz/run-steps.js';
import { shownCorrectIds, showOptions, shuffledOrder } from '../quiz/scoring.js';
import type { Database, Transaction } from '../store/database.js';
import { hasAnswersWaitingForRun } from '../store/queries/inbox.js';
import { creditRewards, runResults } from '../store/queries/run-rewards.js';
import { insertOutboxIntents, openSendsOfRun, type OutboxIntent } from '../store/queries/outbox.js';
import { closeRunQuestion, getRunQuestion, reserveRunQuestion, type ReservedQuestion } from '../store/queries/run-questions.js';
import type { ClaimedRun } from '../store/queries/run-claims.js';
import { getQuizById, getQuizQuestionAt, type QuestionContent } from '../store/queries/quizzes.js';
import { endRun, releaseRun, updateRun } from '../store/queries/runs.js';
import type { OutboxRow } from '../store/schema/outbox.js';
import type { Run } from '../store/schema/runs.js';
import type { QuestionMedia } from '../quiz/question-check.js';
import type { PollDirectory } from './poll-directory.js';
import type { QuestionCache } from './question-cache.js';
import { resumeOpenSends } from './resume-open-sends.js';

/** What a step needs besides the run. */
export interface StepContext {
  db: Database;
  clock: Clock;
  logger: Logger;
  polls: PollDirectory;
  questions: QuestionCache;
  counters: EngineCounters;
  /** Outbox rows this instance is sending right now (in its queue, or recording their outcome). */
  inFlight: ReadonlySet<number>;
  /** Closes a group's poll in the chat (a question closed before its time); best effort. */
  stopPoll(chatId: number, messageId: number): void;
  /** The texts of the language `run` speaks (the chat's when it started). */
  textsOf(run: Run): Translate;
}

/** What the engine has done, for /monitoring/stats. */
export interface EngineCounters {
  questionsSent: number;
  /** Questions whose send's outcome stayed unknown: the run went on without them. */
  questionsSkipped: number;
  /** Unknown sends whose poll a `poll` update identified. */
  questionsReconciled: number;
  runsFinished: number;
  runsCancelled: number;
  /** Sends that did not reach Telegram and were put off for a later attempt. */
  stepsRetried: number;
}

/** What a step leaves to the engine. */
export interface StepResult {
  /** Outbox rows to send now, in order (a chat's messages keep this order in the queue). */
  send: OutboxRow[];
  /**
   * The question each question send asks (by outbox row id), when the step knows it: recording
   * the send's outcome then needs no database read before the poll goes into the directory.
   */
  questions?: Map<number, ReservedQuestion>;
  /** The run is due again now (the step resolved what was open): take it again at once. */
  dueNow: boolean;
}

/** Answers accepted within this long and still waiting for their poll hold a run's results back. */
const DEFERRED_ANSWERS_WAIT_MS = 15_000;

/** Takes the step of a run the caller has claimed. */
export async function takeRunStep(claimed: ClaimedRun, ctx: StepContext): Promise<StepResult> {
  const { run } = claimed;
  const open = await openSendsOfRun(ctx.db, run.id);
  if (open.length > 0) return resumeOpenSends(run, open, ctx);
  const step = nextRunStep(run);
  if (step.kind === 'none') {
    await releaseRun(ctx.db, { runId: run.id, nextActionAt: null });
    return { send: [], dueNow: false };
  }
  if (step.kind === 'ask') return ask(run, step, claimed.dueAt, ctx);
  return finish(run, step, claimed.dueAt, ctx);
}

async function ask(run: Run, step: Extract<RunStep, { kind: 'ask' }>, dueAt: Date, ctx: StepContext): Promise<StepResult> {
  const question = await questionAt(run, step.position, ctx);
  if (!question) {
    ctx.logger.error(
      { runId: run.id, quizId: run.quizId, position: step.position },
      'Run question missing from the database: cancelling the run',
    );
    if (await endRun(ctx.db, { runId: run.id, status: 'cancelled', now: new Date(ctx.clock.now()) })) ctx.counters.runsCancelled++;
    return { send: [], dueNow: false };
  }
  const now = new Date(ctx.clock.now());
  const settings = run.settings;
  const openPeriodS = settings.openPeriodFixed ? settings.openPeriodS : (question.openPeriodS ?? settings.openPeriodS);
  const order = settings.shuffleOptions ? shuffledOrder(question.options.length) : null;
  const common = { runId: run.id, dueAt, createdAt: now };
  const intents: OutboxIntent[] = [];
  if (step.announce) {
    intents.push({
      ...common,
      kind: 'announce',
      position: -1,
      method: 'sendMessage',
      priority: 'announce',
      payload: {
        chat_id: run.chatId,
        text: announcementText(ctx.textsOf(run), {
          title: await runTitle(run, ctx),
          questionCount: run.questionCount,
          openPeriodS,
          mode: run.mode,
        }),
      },
    });
  }
  intents.push({
    ...common,
    kind: 'question',
    position: step.position,
    method: 'sendPoll',
    priority: 'question',
    payload: {
      chat_id: run.chatId,
      question: pollQuestionText(ctx.textsOf(run), question.text, step.position + 1, run.questionCount),
      options: showOptions(question.options, order).map((text) => ({ text })),
      type: 'quiz',
      is_anonymous: false,
      correct_option_ids: shownCorrectIds(question.correctOptionIds, order),
      ...(question.explanation ? { explanation: question.explanation } : {}),
      // Bot API 10.0: the question's picture, video or animation, and its explanation's.
      ...(question.media ? { media: inputPollMedia(question.media) } : {}),
      ...(question.explanationMedia ? { explanation_media: inputPollMedia(question.explanationMedia) } : {}),
      open_period: openPeriodS,
      // Group players may change their mind until the question closes; the last vote counts.
      allows_revoting: run.mode === 'group',
    },
  });
  let stop: EarlyClose | undefined;
  const rows = await ctx.db.transaction(async (tx) => {
    if (step.closePosition !== null) stop = await closeQuestion(tx, run, step.closePosition, now);
    await reserveRunQuestion(tx, { runId: run.id, questionId: question.id, position: step.position, shownOrder: order });
    return insertOutboxIntents(tx, intents);
  });
  afterClose(run, stop, ctx);
  const questions = new Map<number, ReservedQuestion>();
  for (const row of rows) {
    if (row.kind === 'question')
      questions.set(row.id, {
        questionId: question.id,
        shownOrder: order,
        correctOptionIds: question.correctOptionIds,
        optionCount: question.options.length,
      });
  }
  const pending = rows.filter((row) => row.state === 'pending');
  // An intent written by an earlier attempt keeps its own option order: read it back then.
  const fresh = pending.every((row) => row.createdAt.getTime() === now.getTime());
  return { send: pending, dueNow: false, ...(fresh ? { questions } : {}) };
}

async function finish(run: Run, step: Extract<RunStep, { kind: 'finish' }>, dueAt: Date, ctx: StepContext): Promise<StepResult> {
  const now = new Date(ctx.clock.now());
  // Answers given in time may still wait in the inbox for their poll to be known (a question
  // just reconciled after a crash): they are handled within moments; score after them.
  if (await hasAnswersWaitingForRun(ctx.db, { runId: run.id, since: new Date(now.getTime() - DEFERRED_ANSWERS_WAIT_MS) })) {
    await releaseRun(ctx.db, { runId: run.id, nextActionAt: new Date(now.getTime() + 500) });
    return { send: [], dueNow: false };
  }
  const settings = run.settings;
  const title = await runTitle(run, ctx);
  let stop: EarlyClose | undefined;
  const rows = await ctx.db.transaction(async (tx) => {
    if (step.closePosition !== null) stop = await closeQuestion(tx, run, step.closePosition, now);
    if (run.status === 'running') await updateRun(tx, run.id, { status: 'finishing' });
    await creditRewards(tx, {
      runId: run.id,
      chatId: run.chatId,
      pointsByRank: settings.rewardPoints,
      participationPoints: settings.participationPoints,
    });
    if (run.resultsPostedAt !== null) {
      await endRun(tx, { runId: run.id, status: 'finished', now });
      return [];
    }
    // What was just credited, as credited: the points rules live in src/quiz/ranking.ts only.
    const board = await runResults(tx, run.id, { limit: 10 });
    const t = ctx.textsOf(run);
    const text = resultsText(t, {
      title,
      questionCount: run.questionCount,
      players: board.players,
      stopped: run.currentPosition + 1 < run.questionCount,
      top: board.top.map((entry) => ({ ...entry, name: displayName(t, entry) })),
    });
    const keyboard: InlineKeyboardMarkup | undefined =
      run.mode === 'group' && board.players > 0 ? createRankKeyboard(t, run.id) : undefined;
    return insertOutboxIntents(tx, [
      {
        runId: run.id,
        kind: 'results',
        position: -1,
        method: 'sendMessage',
        priority: 'results',
        dueAt,
        createdAt: now,
        payload: { chat_id: run.chatId, text, ...(keyboard ? { reply_markup: keyboard } : {}) },
      },
    ]);
  });
  afterClose(run, stop, ctx);
  if (rows.length === 0) ctx.counters.runsFinished++;
  return { send: rows.filter((row) => row.state === 'pending'), dueNow: false };
}

/** A question closed before its time in a group: its poll should be stopped in the chat too. */
interface EarlyClose {
  position: number;
  messageId: number | null;
  closedAt: Date;
}

async function closeQuestion(tx: Transaction, run: Run, position: number, now: Date): Promise<EarlyClose | undefined> {
  if (!(await closeRunQuestion(tx, { runId: run.id, position, closedAt: now }))) return undefined;
  const question = await getRunQuestion(tx, { runId: run.id, position });
  const early = question?.closesAt && question.closesAt.getTime() > now.getTime() + 1_000;
  return { position, messageId: early && run.mode === 'group' ? (question.messageId ?? null) : null, closedAt: now };
}

/**
 * After the step committed: the cache learns the close, and a group poll closed early
 * (/stopquiz) is stopped in the chat, so nobody keeps voting on a question that no longer
 * counts. Not in private chats: the player has moved on, and the stop would cost a message slot.
 */
function afterClose(run: Run, closed: EarlyClose | undefined, ctx: StepContext): void {
  if (!closed) return;
  ctx.polls.markClosed(run.id, closed.position, closed.closedAt);
  if (closed.messageId !== null) ctx.stopPoll(run.chatId, closed.messageId);
}

/**
 * The question a run asks at `position`: the one its start snapshot names (runs.settings.questionIds),
 * retired since or not. Runs started before quizzes could be edited (no snapshot; only those
 * running during the upgrade to migration 0005) ask the quiz's live question at that place.
 */
async function questionAt(run: Run, position: number, ctx: StepContext): Promise<QuestionContent | undefined> {
  const snapshot = run.settings.questionIds;
  if (snapshot) {
    const id = snapshot[position];
    // The run's next questions come along on a miss: one query for the run, not one per step.
    return id === undefined ? undefined : ctx.questions.get(id, snapshot.slice(position + 1));
  }
  return (await getQuizQuestionAt(ctx.db, { quizId: run.quizId, position }))?.question;
}

/** The quiz's title as the run started with it (older runs: the quiz's now; a vanished quiz: its number). */
async function runTitle(run: Run, ctx: StepContext): Promise<string> {
  if (run.settings.title !== undefined) return run.settings.title;
  return (await getQuizById(ctx.db, run.quizId))?.title ?? untitledQuizText(ctx.textsOf(run), run.quizId);
}

/** A question's media as sendPoll takes it: an InputMedia whose `media` is the file_id or https URL stored. */
function inputPollMedia(media: QuestionMedia): { type: QuestionMedia['type']; media: string } {
  return { type: media.type, media: media.source };
}
