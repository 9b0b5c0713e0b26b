/**
 * The limit over all chats (and the paid broadcast budget), as Bottleneck limiters spacing the
 * moments calls go out. With REDIS_URL they live in Redis and every instance of the bot shares
 * them, and per-chat limiters join them so that two instances writing to one chat share its
 * limit too: Bottleneck's minTime limiters keep their rate when clustered (its reservoir-based
 * ones were measured to slow down badly there). Without Redis, per-chat spacing is the lanes'
 * job (outbound-queue.ts), which measures it from the actual send.
 */
import Bottleneck from 'bottleneck';
import type { ChatKind } from './method-policy.js';
import { spacingMs, type QueueSettings } from './queue-settings.js';

export interface GlobalLimiter {
  /**
   * Resolves when the global (or paid broadcast) limit allows the next message; send right
   * then. Waiting calls are served by priority (0 first).
   */
  slot(options: { priority: number; paid: boolean }): Promise<void>;
  /**
   * With Redis only: resolves when the chat's shared limit allows its next message (other
   * instances' sends included); undefined in-process.
   */
  chatSlot(kind: ChatKind, chatKey: string): Promise<void> | undefined;
  disconnect(): Promise<void>;
}

export interface GlobalLimiterOptions {
  settings: Pick<QueueSettings, 'globalPerS' | 'paidBroadcastPerS' | 'privateChatPerS' | 'groupPerMin'>;
  /** Shares the limit with other instances through this Redis server. */
  redisUrl?: string;
  /** Name of the shared limiter in Redis (instances of one bot use the same) [quiz-agent]. */
  redisPrefix?: string;
  onError?: (error: unknown) => void;
}

export function createGlobalLimiter(options: GlobalLimiterOptions): GlobalLimiter {
  const prefix = options.redisPrefix ?? 'quiz-agent';
  const connection = options.redisUrl
    ? new Bottleneck.IORedisConnection({ clientOptions: redisClientOptions(options.redisUrl) })
    : undefined;
  const clustered = (id: string): Bottleneck.ConstructorOptions =>
    connection ? { datastore: 'ioredis', connection, id: `${prefix}:${id}`, timeout: 60_000 } : {};
  // A limiter with no maxConcurrent hands each job its send time the moment it arrives, so a
  // later, more urgent job could never pass it. With one job at a time (an instant gate), the
  // next job is chosen when the previous one is done, by priority.
  const gate = (perSecond: number, id: string) => new Bottleneck({ minTime: spacingMs(perSecond), maxConcurrent: 1, ...clustered(id) });
  const global = gate(options.settings.globalPerS, 'global');
  const paid = gate(options.settings.paidBroadcastPerS, 'paid-broadcast');
  for (const limiter of [global, paid]) limiter.on('error', (error: unknown) => options.onError?.(error));
  const chats = connection
    ? {
        private: new Bottleneck.Group({ minTime: spacingMs(options.settings.privateChatPerS), ...clustered('chat') }),
        group: new Bottleneck.Group({ minTime: spacingMs(options.settings.groupPerMin / 60), ...clustered('group') }),
      }
    : undefined;
  return {
    slot: (opts) => (opts.paid ? paid : global).schedule({ priority: opts.priority }, () => Promise.resolve()),
    chatSlot: (kind, chatKey) => chats?.[kind].key(chatKey).schedule(() => Promise.resolve()),
    async disconnect() {
      if (connection) await connection.disconnect(true);
      else await Promise.all([global.stop({ dropWaitingJobs: false }), paid.stop({ dropWaitingJobs: false })]);
    },
  };
}

/** ioredis options from a redis:// or rediss:// URL. */
function redisClientOptions(url: string): Record<string, unknown> {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
