/**
 * How the queue reaches Redis (REDIS_URL): one URL's client options, shared by Bottleneck's
 * limiters (global-limiter.ts) and the shared pauses (shared-pauses.ts), and the prefix that the
 * instances of one bot share.
 */
import type { RedisOptions } from 'ioredis';

/** The start of the queue's keys and channels in Redis when its options name none (`redisPrefix`). */
export const DEFAULT_REDIS_PREFIX = 'quiz-agent';

/**
 * The prefix of one bot's instances: Telegram's limits are a bot's (its token's), so two bots
 * sharing one Redis (production and staging, say) must not share slots or pauses.
 */
export function redisPrefixOfBot(botToken: string): string {
  return `${DEFAULT_REDIS_PREFIX}:${botToken.split(':')[0] ?? ''}`;
}

/** ioredis options from a redis:// or rediss:// URL. */
export function redisClientOptions(url: string): RedisOptions {
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

/** Where the server is, for log lines: host and port, never the password. */
export function redisTarget(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 6379}`;
}
