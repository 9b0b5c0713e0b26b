/**
 * 429 pauses shared by the instances of one bot (REDIS_URL, one prefix). Bottleneck's clustered
 * limiters share counts, not pauses: without this, a 429 that paused a chat (or everything) at
 * one instance left the others sending into it. So a pause this instance takes after a 429 is
 * recorded in Redis and published on a channel, and every other instance applies it as if it
 * had seen the 429 itself (rate-limit-pauses.ts).
 *
 * - Ends are absolute, epoch ms of the injected Clock: instances share wall time, and a message
 *   that arrives late (a reconnect) pauses only what is left of it.
 * - Redis keeps the pauses in force in one sorted set (scope -> end, pruned as it is written,
 *   expiring with its last end), so an instance that starts, or subscribes again after losing
 *   Redis, during a pause reads it and honours it too.
 * - No echo: a pause heard from another instance is applied, never published again; and Redis
 *   publishes a pause only when it ends later than the one it already knows for that scope.
 * - Redis unreachable: each instance keeps its own pauses, as without Redis; the outage is
 *   logged once when it starts and once when it ends (outage-log.ts), not per 429.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { createOutageLog } from '../lib/outage-log.js';
import type { ChatKind } from './method-policy.js';
import { DEFAULT_REDIS_PREFIX, redisClientOptions, redisTarget } from './redis-options.js';

/** What a 429 paused (the whole bot, or one chat) and until when, epoch ms. */
export type SharedPause = { scope: 'global'; untilEpochMs: number } | { scope: 'chat'; chat: string; kind: ChatKind; untilEpochMs: number };

export interface SharedPauses {
  /**
   * Tells the other instances of a pause this instance took after a 429 of its own. Resolves
   * when Redis has it, or when its failure is reported; never rejects (no caller waits for it).
   */
  publish(pause: SharedPause): Promise<void>;
  /** Closes the Redis connections: no more pauses are heard or told. */
  stop(): Promise<void>;
}

export interface SharedPausesOptions {
  redisUrl: string;
  /** The start of the key and the channel; the instances of one bot use the same [quiz-agent]. */
  prefix?: string;
  clock: Clock;
  logger: Logger;
  /** A pause another instance took, still in force: apply it (and do not publish it). */
  onPause(pause: SharedPause): void;
}

/** The channel on which the instances of one bot (one prefix) tell each other of their pauses. */
export function pauseChannel(prefix: string): string {
  return `${prefix}:pause-events`;
}

/**
 * Records a scope's pause end unless a later one is known, and then publishes it. KEYS[1]: the
 * sorted set; ARGV: scope, end, now (epoch ms), channel, message. Ends passed are pruned first,
 * and the set expires with its last end (relative ms: Redis's clock need not be the queue's).
 */
const RECORD_AND_PUBLISH = `
local untilMs, nowMs = tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
local known = redis.call('ZSCORE', KEYS[1], ARGV[1])
if untilMs <= nowMs or (known and tonumber(known) >= untilMs) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(last[2]) - nowMs))
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`;

export function createSharedPauses(options: SharedPausesOptions): SharedPauses {
  const { clock, onPause } = options;
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  const key = `${prefix}:pauses`;
  const channel = pauseChannel(prefix);
  /** This instance, so that it skips its own messages. */
  const self = randomUUID();
  const outage = createOutageLog({
    part: 'shared-pauses',
    dependency: 'redis',
    target: redisTarget(options.redisUrl),
    logger: options.logger,
    clock,
  });
  let stopped = false;
  const failed = (error: unknown): void => {
    if (!stopped) outage.failure(error);
  };
  // One retry per command: a 429's pause is not worth queueing for long while Redis is away.
  const commands = new Redis({ ...redisClientOptions(options.redisUrl), maxRetriesPerRequest: 1 });
  // Subscribed again by hand on every (re)connect, so that the pauses still in force are read
  // right after the subscription holds: none is missed between the two.
  const subscriber = new Redis({ ...redisClientOptions(options.redisUrl), autoResubscribe: false });
  commands.on('error', failed);
  subscriber.on('error', failed);

  const heard = (pause: SharedPause | undefined): void => {
    if (pause && pause.untilEpochMs > clock.now()) onPause(pause);
  };
  subscriber.on('message', (_channel: string, message: string) => {
    const parsed = parseJson(message) as { from?: unknown; pause?: unknown } | undefined;
    if (parsed?.from !== self) heard(sharedPauseOf(parsed?.pause));
  });
  subscriber.on('ready', () => {
    void (async () => {
      await subscriber.subscribe(channel);
      const ends = await commands.zrangebyscore(key, `(${clock.now()}`, '+inf', 'WITHSCORES');
      for (let i = 0; i + 1 < ends.length; i += 2)
        heard(sharedPauseOf({ ...(parseJson(ends[i]!) as object), untilEpochMs: Number(ends[i + 1]) }));
      outage.success();
    })().catch(failed);
  });

  return {
    async publish(pause) {
      if (stopped) return;
      const message = JSON.stringify({ from: self, pause });
      await commands
        .eval(RECORD_AND_PUBLISH, 1, key, scopeOf(pause), pause.untilEpochMs, clock.now(), channel, message)
        .then(() => outage.success(), failed);
    },
    async stop() {
      stopped = true;
      subscriber.disconnect();
      commands.disconnect();
    },
  };
}

/** A pause's scope as its member of the sorted set: its fields but the end, in a fixed order. */
function scopeOf(pause: SharedPause): string {
  return JSON.stringify(pause.scope === 'global' ? { scope: 'global' } : { scope: 'chat', chat: pause.chat, kind: pause.kind });
}

/** A pause read from Redis (another instance wrote it), or undefined when it is not one. */
function sharedPauseOf(value: unknown): SharedPause | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { scope, chat, kind, untilEpochMs } = value as Record<string, unknown>;
  if (typeof untilEpochMs !== 'number' || !Number.isFinite(untilEpochMs)) return undefined;
  if (scope === 'global') return { scope, untilEpochMs };
  if (scope === 'chat' && typeof chat === 'string' && (kind === 'private' || kind === 'group')) return { scope, chat, kind, untilEpochMs };
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
