/**
 * The monitoring endpoints over real HTTP, on a real database, pool, answer writer and queue:
 * JSON shapes operators' runbooks rely on, the token check, and /health going 503 with the
 * failing part when the database stops answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveStats } from '../../src/monitoring/live-stats.js';
import { startMonitoringServer, type MonitoringServer } from '../../src/monitoring/http-server.js';
import { createMetricsRegistry } from '../../src/monitoring/metrics.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import type { Store } from '../../src/store/open-store.js';
import { createMigratedTestDatabase, storeOnTestDatabase, testLogger } from '../helpers/database.js';
import { openRaw } from '../helpers/raw-http.js';

const TOKEN = 'monitoring-token-for-tests-0123456789';

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let queue: OutboundQueue;
let open: MonitoringServer;
let guarded: MonitoringServer;

async function startServer(store: Store, token?: string): Promise<MonitoringServer> {
  return startMonitoringServer({
    host: '127.0.0.1',
    port: 0,
    ...(token ? { token } : {}),
    logger: testLogger,
    ...createLiveStats({ store, queue }),
    registry: createMetricsRegistry({ store, queue }),
  });
}

beforeAll(async () => {
  database = await createMigratedTestDatabase({ poolSize: 3, maxOverflow: 2 });
  const store = storeOnTestDatabase(database.handle);
  queue = createOutboundQueue({ logger: testLogger, workers: 7 });
  open = await startServer(store);
  guarded = await startServer(store, TOKEN);
});

afterAll(async () => {
  await open.close();
  await guarded.close();
  await queue.close(1_000);
  await database.drop();
});

const get = async (server: MonitoringServer, path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
};

describe('monitoring endpoints', () => {
  it('answers /health and /health/ with 200 healthy', async () => {
    for (const path of ['/health', '/health/']) {
      const health = await get(open, path);
      expect([health.status, JSON.parse(health.text)]).toEqual([200, { status: 'healthy' }]);
    }
  });

  it('serves the stats document of ARCHITECTURE.md from live counters', async () => {
    const stats = JSON.parse((await get(open, '/monitoring/stats')).text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(stats.message_queue ?? {})).toEqual(
      expect.arrayContaining(['num_workers', 'queue_size', 'in_flight', 'total_processed', 'total_failed', 'rate_limit_hits', 'running']),
    );
    expect(stats.message_queue).toMatchObject({ num_workers: 7, running: true });
    expect(Object.keys(stats.database_pool ?? {})).toEqual(
      expect.arrayContaining([
        'pool_size',
        'max_overflow',
        'total_connections',
        'checked_out_connections',
        'idle_connections',
        'overflow_connections',
        'waiting',
      ]),
    );
    expect(stats.database_pool).toMatchObject({ pool_size: 3, max_overflow: 2 });
    expect(Object.keys(stats.answer_writer ?? {})).toEqual(
      expect.arrayContaining(['buffered', 'batches', 'answers_saved', 'last_batch_ms']),
    );
  });

  it('serves Prometheus text with process, queue, pool and writer metrics', async () => {
    const metrics = await get(open, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain/);
    for (const name of [
      'quiz_agent_process_cpu_seconds_total',
      'quiz_agent_queue_workers 7',
      'quiz_agent_db_connections{state="max"} 5',
      'quiz_agent_answers_saved_total 0',
    ]) {
      expect(metrics.text).toContain(name);
    }
  });

  it('requires MONITORING_TOKEN as a bearer token on stats and metrics, not on health', async () => {
    for (const path of ['/monitoring/stats', '/metrics']) {
      expect((await get(guarded, path)).status).toBe(401);
      expect((await get(guarded, path, { authorization: 'Bearer wrong-token' })).status).toBe(401);
      expect((await get(guarded, path, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    }
    expect((await get(guarded, '/health')).status).toBe(200);
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    expect((await get(open, '/admin')).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${open.port}/health`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('cuts off a client that sends its headers slower than the headers timeout, and one whose body is slower than the request timeout', async () => {
    const strict = await startMonitoringServer({
      host: '127.0.0.1',
      port: 0,
      logger: testLogger,
      health: async () => ({ healthy: true, failing: {} }),
      stats: async () => ({}),
      registry: createMetricsRegistry({
        store: storeOnTestDatabase(database.handle),
        queue,
      }),
      // A route that reads the body, as the webhook does.
      webhook: {
        path: '/hook',
        handle: async (req, res) => {
          for await (const chunk of req) void chunk;
          res.end('read\n');
        },
      },
      headersTimeoutMs: 300,
      requestTimeoutMs: 800,
    });
    try {
      // Headers that never end: a slowloris. Node's default would keep it for 60 s.
      const slowHeaders = await openRaw(strict.port);
      slowHeaders.write('GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n');
      const headers = await slowHeaders.settled(5_000);
      slowHeaders.destroy();
      expect(headers).toMatchObject({ status: 408, ended: true });
      expect(headers.elapsedMs).toBeGreaterThanOrEqual(250);

      // Complete headers, then a body that trickles: cut off by the request timeout (default 300 s).
      const slowBody = await openRaw(strict.port);
      slowBody.write('POST /hook HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 100\r\n\r\n');
      const trickle = setInterval(() => slowBody.write('x'), 100);
      const body = await slowBody.settled(5_000);
      clearInterval(trickle);
      slowBody.destroy();
      expect(body.ended || body.error !== undefined).toBe(true);
      expect(body.response).toMatch(/^HTTP\/1\.1 408/);
      expect(body.elapsedMs).toBeGreaterThanOrEqual(700);

      // A client in time is served.
      expect((await fetch(`http://127.0.0.1:${strict.port}/health`)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('reports 503 with the failing part when the database stops answering', async () => {
    await database.handle.close(1);
    const health = await get(open, '/health');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'unhealthy', failing: { database: expect.any(String) } });
  });
});
