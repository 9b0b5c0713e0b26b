/**
 * What it takes, in one transaction, for a question's send to count as sent with its poll, be it
 * from sendPoll's answer (send-outcome.ts) or from a `poll` update that identified a send of
 * unknown outcome (reconcile.ts): the send settles as sent, the run question is recorded, the run
 * moves on to wait for the poll to close, and answers parked in the inbox for this poll get
 * their turn. One owner, so that the two ways of learning a poll cannot drift apart.
 */
import { ANSWER_GRACE_MS } from '../quiz/run-steps.js';
import type { Transaction } from '../store/database.js';
import { wakeInboxWaitingFor } from '../store/queries/inbox.js';
import { settleSend } from '../store/queries/outbox.js';
import { recordSentQuestion, type ReservedQuestion } from '../store/queries/run-questions.js';
import { advanceRun } from '../store/queries/runs.js';
import type { OutboxRow } from '../store/schema/outbox.js';

export interface QuestionSent {
  row: OutboxRow;
  reserved: ReservedQuestion;
  pollId: string;
  /** The poll's message; null when only a `poll` update told the poll (it carries no message). */
  messageId: number | null;
  sentAt: Date;
  closesAt: Date;
  now: Date;
  /** Why the send settled other than by Telegram's answer, kept on the send. */
  note?: string;
}

/**
 * Settles the send as sent and records its question; `settled` is false when the send was no
 * longer dispatched or unknown (someone else settled it: nothing else changed), `moved` whether
 * the run moved on to this question.
 */
export async function settleQuestionSent(tx: Transaction, sent: QuestionSent): Promise<{ settled: boolean; moved: boolean }> {
  const { row, reserved, pollId, now } = sent;
  const settled = await settleSend(tx, {
    id: row.id,
    from: ['dispatched', 'unknown'],
    to: 'sent',
    at: now,
    ...(sent.messageId !== null ? { messageId: sent.messageId } : {}),
    pollId,
    ...(sent.note !== undefined ? { error: sent.note } : {}),
  });
  if (!settled) return { settled: false, moved: false };
  await recordSentQuestion(tx, {
    runId: row.runId,
    questionId: reserved.questionId,
    position: row.position,
    pollId,
    messageId: sent.messageId,
    shownOrder: reserved.shownOrder,
    sentAt: sent.sentAt,
    closesAt: sent.closesAt,
  });
  const moved = await advanceRun(tx, {
    runId: row.runId,
    position: row.position,
    nextActionAt: new Date(sent.closesAt.getTime() + ANSWER_GRACE_MS),
    now,
  });
  // Answers that came before the poll was known (a crash, another instance's fresh poll) wait in the inbox for it.
  await wakeInboxWaitingFor(tx, { waitsFor: pollId, now });
  return { settled: true, moved };
}
