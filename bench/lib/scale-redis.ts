/**
 * A Redis database of its own for one benchmark run. The bot names its shared limiters in Redis
 * with a fixed prefix (`quiz-agent`, not configurable from the environment), so two fleets on
 * one Redis server, or a fleet and another program's bot, would share Telegram's limits and
 * each other's leftovers. Redis numbers its databases (0-15 by default): a run takes the highest
 * one that holds no key, gives the bots its number in REDIS_URL (`redis://host:port/<n>`, which
 * the bot's Redis client reads), and deletes the bots' keys afterwards. Publish/subscribe
 * channels are the server's, not a database's: the 429 pauses the replicas tell each other
 * (`quiz-agent:pause-events`) would reach any other bot with the default prefix on this server.
 */
import { Redis } from 'ioredis';

/** A database taken for one run. See {@link takeEmptyRedisDatabase}. */
export interface RunRedis {
  /** REDIS_URL for the bots: the server's URL with the database number as its path. */
  url: string;
  database: number;
  /** Deletes the keys the bots left: Bottleneck's limiters (`b_quiz-agent:...`) and the shared pauses (`quiz-agent:pauses`). */
  release(): Promise<void>;
}

/** Databases tried, highest first (0 is left alone: it is every client's default). */
const CANDIDATES = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

/** The highest-numbered empty database of the server at `serverUrl` (a redis:// URL). */
export async function takeEmptyRedisDatabase(serverUrl: string): Promise<RunRedis> {
  const base = new URL(serverUrl);
  const client = new Redis({ host: base.hostname, port: Number(base.port || 6379), lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    for (const database of CANDIDATES) {
      await client.select(database);
      if ((await client.dbsize()) > 0) continue;
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;
      return { url: url.toString(), database, release: () => deleteLimiterKeys(serverUrl, database) };
    }
  } finally {
    client.disconnect();
  }
  throw new Error(`every Redis database 1-15 of ${base.host} holds keys: none is free for the run's shared limits`);
}

/** Deletes the keys holding `quiz-agent` in `database` (SCAN, in pages: the server is shared). */
async function deleteLimiterKeys(serverUrl: string, database: number): Promise<void> {
  const base = new URL(serverUrl);
  const client = new Redis({
    host: base.hostname,
    port: Number(base.port || 6379),
    db: database,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  await client.connect();
  try {
    let cursor = '0';
    for (let page = 0; page < 10_000; page++) {
      const [next, keys] = await client.scan(cursor, 'MATCH', '*quiz-agent*', 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    client.disconnect();
  }
}

/** The server's version (INFO server's redis_version), for a report. */
export async function redisVersion(serverUrl: string): Promise<string> {
  const base = new URL(serverUrl);
  const client = new Redis({ host: base.hostname, port: Number(base.port || 6379), lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    return /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? 'unknown';
  } finally {
    client.disconnect();
  }
}
