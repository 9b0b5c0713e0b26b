/**
 * Learning the poll of a question whose send's outcome is unknown. Telegram tells a bot the
 * state of every poll it sent with a `poll` update (when votes change, and when the poll
 * closes), carrying the poll's id and question but no chat or message. A quiz-agent poll whose
 * id nobody recorded is matched to the one unresolved send with the same question, options and
 * open period whose closing time fits; an ambiguous match (the same question sent to several
 * chats at once, all unknown) is not guessed: those questions are skipped.
 */
import type { Poll } from 'grammy/types';
import type { Logger } from 'pino';
import type { Database } from '../store/database.js';
import { unresolvedQuestionSends } from '../store/queries/outbox.js';
import { getReservedQuestion } from '../store/queries/run-questions.js';
import { getRun } from '../store/queries/runs.js';
import type { OutboxRow } from '../store/schema/outbox.js';
import { polledQuestionOf, type PollDirectory } from './poll-directory.js';
import type { EngineCounters } from './run-step.js';
import { settleQuestionSent } from './settle-question-sent.js';

export type ReconcileResult = 'known' | 'reconciled' | 'no-match' | 'ambiguous';

/** Longest time a sendPoll request may take between leaving and Telegram creating the poll. */
const SEND_TIME_MAX_S = 60;

export interface ReconcileContext {
  db: Database;
  logger: Logger;
  polls: PollDirectory;
  counters: EngineCounters;
  now(): number;
}

export async function reconcilePoll(poll: Poll, ctx: ReconcileContext): Promise<ReconcileResult> {
  if (await ctx.polls.lookup(poll.id)) return 'known';
  if (poll.type !== 'quiz') return 'no-match';
  const candidates = (await unresolvedQuestionSends(ctx.db)).filter((row) => pollMatchesSend(poll, row));
  if (candidates.length === 0) return 'no-match';
  if (candidates.length > 1) {
    ctx.logger.warn(
      { pollId: poll.id, candidates: candidates.map((row) => row.id) },
      'A poll update matches several questions of unknown delivery: not guessing, they will be skipped',
    );
    return 'ambiguous';
  }
  const row = candidates[0] as OutboxRow;
  const run = await getRun(ctx.db, row.runId);
  const reserved = await getReservedQuestion(ctx.db, { runId: row.runId, position: row.position });
  if (!run || !reserved) return 'no-match';
  const openPeriodS = poll.open_period ?? 0;
  const closesAt = new Date((poll.close_date ?? 0) * 1000 || (row.dispatchedAt?.getTime() ?? ctx.now()) + openPeriodS * 1000);
  const sentAt = new Date(closesAt.getTime() - openPeriodS * 1000);
  ctx.polls.remember(poll.id, polledQuestionOf(run, { ...reserved, position: row.position, sentAt, closesAt }));
  const now = new Date(ctx.now());
  const reconciled = await ctx.db.transaction(
    async (tx) =>
      (
        await settleQuestionSent(tx, {
          row,
          reserved,
          pollId: poll.id,
          messageId: null,
          sentAt,
          closesAt,
          now,
          note: 'reconciled from a poll update',
        })
      ).settled,
  );
  if (!reconciled) return 'known';
  ctx.counters.questionsReconciled++;
  ctx.logger.info(
    { runId: row.runId, sendId: row.id, position: row.position, pollId: poll.id },
    'A question of unknown delivery was identified from its poll update',
  );
  return 'reconciled';
}

/** Whether `poll` is what the send asked Telegram for, closing when a poll sent then would. */
export function pollMatchesSend(poll: Poll, row: OutboxRow): boolean {
  if (row.method !== 'sendPoll' || row.dispatchedAt === null) return false;
  const asked = JSON.parse(row.payload) as { question?: string; options?: { text: string }[]; open_period?: number };
  if (asked.question !== poll.question) return false;
  const options = asked.options ?? [];
  if (options.length !== poll.options.length || options.some((option, i) => option.text !== poll.options[i]?.text)) return false;
  if (asked.open_period !== undefined && poll.open_period !== undefined && asked.open_period !== poll.open_period) return false;
  if (poll.close_date === undefined || asked.open_period === undefined) return true;
  const earliest = Math.floor(row.dispatchedAt.getTime() / 1000) + asked.open_period - 1;
  return poll.close_date >= earliest && poll.close_date <= earliest + 1 + SEND_TIME_MAX_S;
}
