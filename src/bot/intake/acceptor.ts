/**
 * Acceptance, the first half of durable intake: an update is accepted once it is committed,
 * and only then does long polling move its offset past it or the webhook answer 200. A poll
 * answer is committed straight through the AnswerWriter (the hot path: no inbox, never behind a
 * chat's messages); every other update goes into the inbox table for its handlers, which run
 * afterwards (src/bot/inbox); a `poll` update about a poll already known tells nothing and is
 * accepted as it is. Both writers commit by group commit, so acceptance takes milliseconds,
 * whatever a handler would wait for. `accept` rejects only when the update was not accepted (the
 * database unreachable at shutdown): it must then not be confirmed, and Telegram delivers it again.
 *
 * Before anything is written, the update is checked (./update-validation.ts) and its strings made
 * storable. An update that breaks the rules (forged, mangled: an option the poll does not have,
 * an id past 2^53, a missing field) is *refused*: counted by reason, logged once, and
 * acknowledged like an accepted one, since delivering it again cannot make it better; nothing of
 * it is stored.
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
import { checkUpdate, type CheckedKind, type RefusalReason } from './update-validation.js';

export interface Acceptor {
  /**
   * Resolves once `update` is durably accepted: true when that took the database (a commit, a
   * poll looked up), false when there was nothing to store (a `poll` update about a known poll,
   * an anonymous answer, a refused update), which says nothing about the database's health.
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
  /** Told when an update was refused (the refusal count by reason). */
  onRefused?(reason: RefusalReason): void;
}

export function createAcceptor(options: AcceptorOptions): Acceptor {
  const { deps, inbox, clock, logger } = options;

  const refuse = (raw: Update, kind: CheckedKind, reason: RefusalReason): false => {
    // Only the id, type and reason: the update's text is the user's, and a forged one may be anything.
    const updateId = Number.isSafeInteger(raw.update_id) ? raw.update_id : undefined;
    logger.warn(
      { updateId, type: kind, reason },
      'Update refused at intake (it breaks the rules of a Telegram update): acknowledged, not stored',
    );
    options.onRefused?.(reason);
    return false;
  };

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
      // An option the poll does not have (known only once the poll is): refused, nothing stored.
      if (disposition === 'invalid-vote') return refuse(update, 'poll_answer', 'invalid_option_ids');
      return disposition !== 'anonymous';
    } catch (error) {
      if (!(error instanceof AnswerRejectedError)) throw error;
      // The database refused it for good: it can never be saved; keep it for the operator, and let intake move on.
      deps.answers.refused++;
      logger.warn(
        { updateId: update.update_id, error: describeError(error) },
        'Poll answer refused for good: kept as a dead letter in the inbox',
      );
      await inbox.add(inboxEntryOf(update, acceptedAt, { reason: describeError(error) }));
      options.onDeadLetter?.('poll_answer');
      return true;
    }
  };

  return {
    async accept(raw) {
      const checked = checkUpdate(raw);
      if (!checked.ok) return refuse(raw, checked.kind, checked.reason);
      const update = checked.update;
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
