/**
 * Learning the poll of a question whose send's outcome is unknown. Telegram tells a bot the
 * state of every poll it sent with a `poll` update (when votes change, and when the poll
 * closes), carrying the poll's id and question but no chat or message. A quiz-agent poll whose
 * id nobody recorded is matched to the unresolved sends with the same question, options and open
 * period whose closing time fits. When several match (the same question sent to several chats at
 * once, all unknown: an instance died with a popular quiz's question in flight to many groups),
 * the poll's voters tell them apart (poll-voters.ts); until they do, the poll is not guessed and
 * its update is handled again later. A question no poll was matched to by its deadline is skipped.
 */
import type { Poll } from 'grammy/types';
import type { Logger } from 'pino';
import type { Database } from '../store/database.js';
import { votersWaitingFor } from '../store/queries/inbox.js';
import { unresolvedQuestionSends } from '../store/queries/outbox.js';
import { getReservedQuestion } from '../store/queries/run-questions.js';
import { getRun } from '../store/queries/runs.js';
import type { OutboxRow } from '../store/schema/outbox.js';
import { polledQuestionOf, type PollDirectory } from './poll-directory.js';
import { identifyByVoters, VOTERS_ASKED_MAX, type IsMember } from './poll-voters.js';
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
  /** Asks Telegram whether a voter is in a chat (getChatMember). */
  isMember: IsMember;
  now(): number;
}

export async function reconcilePoll(poll: Poll, ctx: ReconcileContext): Promise<ReconcileResult> {
  if (await ctx.polls.lookup(poll.id)) return 'known';
  if (poll.type !== 'quiz') return 'no-match';
  const candidates = (await unresolvedQuestionSends(ctx.db)).filter((row) => pollMatchesSend(poll, row));
  if (candidates.length === 0) return 'no-match';
  const row = await pickSend(poll, candidates, ctx);
  if (row === 'none') return 'no-match';
  if (row === 'undecided') return 'ambiguous';
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

/**
 * Which of the sends matching `poll` by content it is. A lone candidate is taken while nobody voted
 * yet (a broken connection, the common case); once someone did, the voters must be in its chat:
 * a poll of a chat whose send was given up must not be taken for another chat's.
 */
async function pickSend(poll: Poll, candidates: OutboxRow[], ctx: ReconcileContext): Promise<OutboxRow | 'none' | 'undecided'> {
  const voters = await votersWaitingFor(ctx.db, { pollId: poll.id, limit: VOTERS_ASKED_MAX });
  if (voters.length === 0 && candidates.length === 1) return candidates[0] as OutboxRow;
  const verdict = await identifyByVoters(candidates, voters, ctx.isMember);
  const log = { pollId: poll.id, candidates: candidates.map((row) => row.id), voters: voters.length };
  if (typeof verdict === 'object') {
    if (candidates.length > 1)
      ctx.logger.info(
        { ...log, sendId: verdict.send.id },
        'A poll matching several questions of unknown delivery was told apart by its voters',
      );
    return verdict.send;
  }
  if (verdict === 'none')
    ctx.logger.info(log, 'A poll update matches questions of unknown delivery, but its voters are in none of their chats');
  else ctx.logger.debug(log, 'A poll update matches several questions of unknown delivery: waiting for a voter to tell them apart');
  return verdict;
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
