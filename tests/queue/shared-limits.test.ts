/**
 * Several bot instances share the global limit through Redis (REDIS_URL): two queues
 * broadcasting at once stay within one global limit together, where two queues without Redis
 * go over it. Runs when REDIS_URL points at a Redis server (CI sets it); skipped otherwise.
 */
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';

const redisUrl = process.env.REDIS_URL;
const logger = createLogger({ level: 'silent', pretty: false });
/** Telegram's 30/s scaled up; each queue alone would stay under it, two together would not. */
const SIM_GLOBAL = { perSecond: 40, burst: 5 };
const QUEUE_GLOBAL_PER_S = 30;
const PER_INSTANCE = 60;

let sim: Simulator | undefined;
const queues: OutboundQueue[] = [];

afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close(5_000)));
  await sim?.close();
});

async function broadcastFromTwoInstances(shared: boolean): Promise<{ delivered: number; globalViolations: number }> {
  sim = await startSimulator({ limits: { chat: { perSecond: 100, burst: 3 }, global: SIM_GLOBAL } });
  const prefix = `quiz-agent-test-${process.pid}-${Date.now()}`;
  const users = Array.from({ length: 2 * PER_INSTANCE }, (_, i) => sim!.world.createStartedUser({ firstName: `User ${i}` }).id);
  const sends = [0, 1].flatMap((instance) => {
    const queue = createOutboundQueue({ logger, globalPerS: QUEUE_GLOBAL_PER_S, ...(shared ? { redisUrl, redisPrefix: prefix } : {}) });
    queues.push(queue);
    const api = new Api(sim!.token, { apiRoot: sim!.apiRoot });
    api.config.use(queue.transformerFor('bulk'));
    return users.slice(instance * PER_INSTANCE, (instance + 1) * PER_INSTANCE).map((user) => api.sendMessage(user, 'News'));
  });
  await Promise.all(sends);
  return { delivered: sim.stats().botApi.calls.sendmessage ?? 0, globalViolations: sim.stats().floodLimits.scopes.global.violations };
}

/** Two instances writing to one private chat (as with webhooks behind a load balancer). */
async function oneChatFromTwoInstances(shared: boolean): Promise<{ delivered: number; chatViolations: number }> {
  // The queue spaces a chat's messages 250 ms apart, Telegram's stand-in allows one per 167 ms
  // (burst 2): only a machine stalling a send by about 300 ms could fake a violation (it was 8/s
  // against 10/s, which a loaded machine's jitter of 150 ms broke once). Two instances without
  // Redis send at 8/s together: 16 messages within 2 s against at most 14, so the control fails.
  sim = await startSimulator({ limits: { chat: { perSecond: 6, burst: 2 } } });
  const prefix = `quiz-agent-test-${process.pid}-${Date.now()}`;
  const user = sim.world.createStartedUser({ firstName: 'Player' });
  const sends = [0, 1].flatMap((instance) => {
    const queue = createOutboundQueue({ logger, privateChatPerS: 4, ...(shared ? { redisUrl, redisPrefix: prefix } : {}) });
    queues.push(queue);
    const api = new Api(sim!.token, { apiRoot: sim!.apiRoot });
    api.config.use(queue.transformer);
    return Array.from({ length: 8 }, (_, i) => api.sendMessage(user.id, `instance ${instance} message ${i}`));
  });
  await Promise.all(sends);
  return { delivered: sim.stats().botApi.calls.sendmessage ?? 0, chatViolations: sim.stats().floodLimits.scopes.chat.violations };
}

describe.skipIf(!redisUrl)('per-chat limit shared through Redis', () => {
  it('keeps two instances within one chat limit together', async () => {
    expect(await oneChatFromTwoInstances(true)).toEqual({ delivered: 16, chatViolations: 0 });
  });

  it('(control) two instances without Redis go over it', async () => {
    expect((await oneChatFromTwoInstances(false)).chatViolations).toBeGreaterThan(0);
  });
});

describe.skipIf(!redisUrl)('global limit shared through Redis', () => {
  it('keeps two instances within one global limit together', async () => {
    const result = await broadcastFromTwoInstances(true);
    expect(result).toEqual({ delivered: 2 * PER_INSTANCE, globalViolations: 0 });
  });

  it('(control) two instances without Redis go over it, so the check above can fail', async () => {
    const result = await broadcastFromTwoInstances(false);
    expect(result.globalViolations).toBeGreaterThan(0);
  });
});
