/**
 * Acceptance, the first half of durable intake: an update is accepted once it is committed,
 * and only then does long polling move its offset past it or the webhook answer 200. A poll
 * answer is committed straight through the AnswerWriter (the hot path: no inbox, never behind a
 * chat's messages); every other update goes into the inbox table for its handlers, which run
 * afterwards (src/bot/inbox); a `poll` update about a poll already known tells nothing and is
 * accepted as it is. Both writers commit by group commit, so acceptance takes milliseconds,
 * whatever a handler would wait for. `accept` rejects only when the update was not accepted (the
 * database unreachable at shutdown): it must then not be confirmed, and Telegram delivers it again.
 */
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { AnswerRejectedError } from '../../store/errors.js';
import type { InboxWriter } from '../../store/inbox-writer.js';
import type { BotDeps } from '../context.js';
import { countAnswer, recordPollAnswer } from '../features/answers.js';
import { describeError } from '../../lib/describe-error.js';
import { inboxEntryOf } from './inbox-entry.js';

export interface Acceptor {
  /**
   * Resolves once `update` is durably accepted: true when that took the database (a commit, a
   * poll looked up), false when there was nothing to store (a `poll` update about a known poll,
   * an anonymous answer), which says nothing about the database's health.
   */
  accept(update: Update): Promise<boolean>;
  /** Commits what is in hand now instead of waiting for batch-mates (intake is waiting for it). */
  flush(): void;
}

export interface AcceptorOptions {
  deps: Pick<BotDeps, 'polls' | 'answerWriter' | 'engine' | 'answers'>;
  inbox: InboxWriter;
  clock: Clock;
  logger: Logger;
  /** Told when updates went into the inbox (the inbox processor looks for work at once). */
  onInboxAccepted(): void;
  /** Told when an update was kept as a dead letter at acceptance (the dead-letter count). */
  onDeadLetter?(kind: string): void;
}

export function createAcceptor(options: AcceptorOptions): Acceptor {
  const { deps, inbox, clock, logger } = options;

  const toInbox = async (update: Update, acceptedAt: Date): Promise<void> => {
    await inbox.add(inboxEntryOf(update, acceptedAt));
    options.onInboxAccepted();
  };

  const acceptAnswer = async (update: Update & { poll_answer: NonNullable<Update['poll_answer']> }, acceptedAt: Date): Promise<boolean> => {
    deps.answers.received++;
    try {
      const disposition = await recordPollAnswer(deps, update.poll_answer, { acceptedAt, updateId: update.update_id });
      if (disposition === 'unknown-poll') {
        deps.answers.deferred++;
        await toInbox(update, acceptedAt);
        return true;
      }
      countAnswer(deps.answers, disposition);
      return disposition !== 'anonymous';
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof AnswerRejectedError)) throw error;
      // It can never be saved; keep it for the operator, and let intake move on.
      deps.answers.refused++;
      logger.warn({ updateId: update.update_id, error: describeError(error) }, 'Poll answer refused for good: kept as a dead letter in the inbox');
      await inbox.add(inboxEntryOf(update, acceptedAt, { reason: describeError(error) }));
      options.onDeadLetter?.('poll_answer');
      return true;
    }
  };

  return {
    async accept(update) {
      const acceptedAt = new Date(clock.now());
      if (update.poll_answer) return acceptAnswer(update as Update & { poll_answer: NonNullable<Update['poll_answer']> }, acceptedAt);
      if (update.poll && deps.polls.isCached(update.poll.id)) return false;
      await toInbox(update, acceptedAt);
      return true;
    },
    flush() {
      void deps.answerWriter.flush().catch(() => undefined);
      void inbox.flush().catch(() => undefined);
    },
  };
}
