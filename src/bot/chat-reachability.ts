/**
 * Which chats the bot cannot write to (blocked by the user, removed from the group): the one
 * owner of that fact. The record is `chats.blocked_at` (durable, every instance sees it); the
 * outbound queue's refusal after a 403 is this instance's fast copy of it, set and lifted only
 * through here, so the two cannot drift apart.
 */
import type { Logger } from 'pino';
import { dateOf, systemClock, type Clock } from '../lib/clock.js';
import type { OutboundQueue } from '../queue/outbound-queue.js';
import type { Database } from '../store/database.js';
import { clearChatBlocked, markChatBlocked } from '../store/queries/chats.js';

export interface ChatReachability {
  /** The bot was removed or blocked: recorded; true when it was not recorded before. */
  markBlocked(chatId: number): Promise<boolean>;
  /** The bot may write there again: the record and the queue's refusal are lifted; true when a record was lifted. */
  markReachable(chatId: number): Promise<boolean>;
}

export interface ChatReachabilityOptions {
  db: Database;
  queue: Pick<OutboundQueue, 'markReachable' | 'on'>;
  logger: Logger;
  /** The time `blocked_at` records [the system clock]; the app passes its one clock. */
  clock?: Clock;
}

/**
 * Creates the owner and subscribes it to the queue's 403s (`chatUnreachable`), which it records
 * as blocked.
 */
export function createChatReachability(options: ChatReachabilityOptions): ChatReachability {
  const { db, queue, logger } = options;
  const clock = options.clock ?? systemClock;
  queue.on('chatUnreachable', (chatId) => {
    markChatBlocked(db, Number(chatId), dateOf(clock)).catch((error: unknown) =>
      logger.error({ err: error, chatId }, 'Could not record an unreachable chat'),
    );
  });
  return {
    markBlocked: (chatId) => markChatBlocked(db, chatId, dateOf(clock)),
    async markReachable(chatId) {
      queue.markReachable(chatId);
      return clearChatBlocked(db, chatId);
    },
  };
}
