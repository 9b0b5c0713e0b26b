/**
 * The limits the outbound queue asks before a message goes out, beyond a chat's own lane: the
 * limit over all chats and the paid broadcast budget (arrival-limiter.ts: slots held until a
 * window after the answer), and, with REDIS_URL, each chat's limit shared with the other
 * instances. With REDIS_URL every one of them lives in Redis, so all instances of the bot
 * share them. Without it, per-chat spacing is the lanes' job alone (chat-lanes.ts), which
 * measures it from the actual send on the queue's clock.
 */
import Bottleneck from 'bottleneck';
import type { Clock } from '../lib/clock.js';
import { ArrivalLimiter, type ArrivalSlot } from './arrival-limiter.js';
import type { DueOrder } from './due-order.js';
import type { ChatKind } from './method-policy.js';
import { spacingMs, type QueueSettings } from './queue-settings.js';
import { DEFAULT_REDIS_PREFIX, redisClientOptions } from './redis-options.js';

export interface GlobalLimiter {
  /**
   * Resolves with a slot of the global limit (or the paid broadcast budget) when the call may
   * go out: free slots go to the waiting call served first by `order`. Release it when the
   * answer came back, or at once if nothing was sent.
   */
  acquire(options: { order: DueOrder; paid: boolean }): Promise<ArrivalSlot>;
  /**
   * With Redis only: resolves when the chat's shared limit allows its next message (other
   * instances' sends included); undefined in-process.
   */
  chatSlot(kind: ChatKind, chatKey: string): Promise<void> | undefined;
  /** Rejects every call waiting for a slot with `reason` (shutdown). */
  cancelWaiting(reason: unknown): void;
  /** Stops the limiters and closes the Redis connection. */
  stop(): Promise<void>;
}

export interface GlobalLimiterOptions {
  settings: Pick<
    QueueSettings,
    'globalPerS' | 'paidBroadcastPerS' | 'privateChatPerS' | 'groupPerMin' | 'limitWindowMs' | 'sharedSlotExpiryMs'
  >;
  clock: Clock;
  /** Shares the limits with other instances through this Redis server. */
  redisUrl?: string;
  /** Name of the shared limiters in Redis (instances of one bot use the same) [quiz-agent]. */
  redisPrefix?: string;
  onError?: (error: unknown) => void;
}

export function createGlobalLimiter(options: GlobalLimiterOptions): GlobalLimiter {
  const { settings, clock, onError } = options;
  const prefix = options.redisPrefix ?? DEFAULT_REDIS_PREFIX;
  const connection = options.redisUrl
    ? new Bottleneck.IORedisConnection({ clientOptions: redisClientOptions(options.redisUrl) })
    : undefined;
  const arrivals = (slots: number, id: string) =>
    new ArrivalLimiter({
      slots,
      windowMs: settings.limitWindowMs,
      clock,
      ...(connection ? { shared: { connection, id: `${prefix}:${id}`, expirationMs: settings.sharedSlotExpiryMs } } : {}),
      ...(onError ? { onError } : {}),
    });
  // New names in Redis: limiters there keep the settings they were created with, and the old
  // 'global' gate (maxConcurrent 1, minTime) must not be reused by a rolling deploy.
  const global = arrivals(settings.globalPerS, 'global-arrivals');
  const paid = arrivals(settings.paidBroadcastPerS, 'paid-broadcast-arrivals');
  // Per-chat limits shared through Redis keep Bottleneck's minTime spacing, which holds its
  // rate when clustered; they run on Redis's time, not the queue's clock (in-process, the
  // lanes space chats on the clock).
  const clustered = (id: string): Bottleneck.ConstructorOptions => ({
    datastore: 'ioredis',
    connection,
    id: `${prefix}:${id}`,
    timeout: 60_000,
  });
  const chats = connection
    ? {
        private: new Bottleneck.Group({ minTime: spacingMs(settings.privateChatPerS), ...clustered('chat') }),
        group: new Bottleneck.Group({ minTime: spacingMs(settings.groupPerMin / 60), ...clustered('group') }),
      }
    : undefined;
  return {
    acquire: ({ order, paid: isPaid }) => (isPaid ? paid : global).acquire(order),
    chatSlot: (kind, chatKey) => chats?.[kind].key(chatKey).schedule(() => Promise.resolve()),
    cancelWaiting(reason) {
      global.cancelWaiting(reason);
      paid.cancelWaiting(reason);
    },
    async stop() {
      await Promise.all([global.stop(), paid.stop()]);
      if (connection) await connection.disconnect(true);
    },
  };
}
