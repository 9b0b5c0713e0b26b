/**
 * `npm run test:deploy`: the compose stack up for real (tests/stack/compose-stack.ts says how),
 * a quiz played through the proxy while two replicas die (a crash and a `docker kill`), with the
 * webhook deliveries that failed around the kills counted and timed (tests/stack/delivery-watch.ts:
 * what deploy/caddy/Caddyfile makes of dead replicas), every container's healthcheck, each
 * replica's /monitoring/stats, and everything torn down. Needs a Docker Engine and the images the
 * compose file names (tests/stack/run.sh builds local stand-ins when no registry is reachable);
 * not part of `npm test`.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIZ_FORMAT_EXAMPLE } from '../../src/bot/texts/help.js';
import { freePort } from '../helpers/free-port.js';
import { ComposeStack, REPLICAS } from './compose-stack.js';
import { watchDeliveries, type DeliveryWatchResult } from './delivery-watch.js';
import { check, type ProjectContainer } from './docker.js';
import { SimControl, type SimUser, type TranscriptEntry } from './sim-control.js';

const REPO = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const PLAYERS = 12;
const SECONDS_PER_QUESTION = 10;
/**
 * Deliveries around the kills: from just before them, 10 private messages a second for 15 s (10
 * users, each an own delivery line), counters read for 20 s (failed deliveries come back after
 * 1, 2, 4 ... s).
 */
const STREAM = { users: 10, perSecond: 10, streamMs: 15_000, watchMs: 20_000 };
/**
 * How long after the kills deliveries may still fail. deploy/caddy/Caddyfile looks the replicas
 * up every second (Docker's DNS drops a dead one at once) and gives up a dial after 1 s, so a dead
 * replica's address is out of the rotation about 2 s after the kill; 5 s leaves room for a
 * redelivery already on its way and a busy machine. The previous Caddyfile (lookups every 10 s,
 * Caddy's 3 s dial timeout) kept failing until 5.6-7.4 s after the kills in 5 runs. How
 * many fail is no measure of it: Caddy 2.6 fails every POST it sends to a dead address (it cannot
 * retry one), so the count follows the stream's rate and the crashed replica's restart.
 */
const LAST_FAILURE_BOUND_MS = 5_000;
const started = Date.now();
/** Progress with the seconds since the start: the phases' durations are read off these lines. */
const log = (line: string): void => {
  process.stdout.write(`[stack +${Math.round((Date.now() - started) / 1000)} s] ${line}\n`);
};

/** Polls `probe` every `everyMs` until it returns a value, for at most `timeoutMs` (real time: containers). */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; attempt < Math.ceil(timeoutMs / everyMs) + 1; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A contiguous range of `count` free loopback ports (each replica publishes one). */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    const probes = await Promise.all(Array.from({ length: count }, (_, i) => portIsFree(first + i)));
    if (probes.every(Boolean)) return first;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function monitoringStats(stack: ComposeStack, index: number): Promise<Record<string, Record<string, unknown>>> {
  const response = await fetch(`${stack.replicaUrl(index)}/monitoring/stats`, {
    headers: { authorization: `Bearer ${stack.monitoringToken}` },
    signal: AbortSignal.timeout(5_000),
  });
  if (response.status !== 200) throw new Error(`replica ${index}: /monitoring/stats answered ${response.status}`);
  return (await response.json()) as Record<string, Record<string, unknown>>;
}

const botPolls = (entries: TranscriptEntry[]): TranscriptEntry[] => entries.filter((e) => e.by === 'bot' && e.kind === 'poll');
/** Kills two replicas mid-quiz: one by SIGKILL to its process (a crash), one with `docker kill`. */
async function killTwoReplicas(stack: ComposeStack): Promise<{ crashed: ProjectContainer; dockerKilled: ProjectContainer }> {
  const [crashed, dockerKilled] = (await stack.containers()).filter((c) => c.service === 'quiz-agent');
  if (!crashed || !dockerKilled) throw new Error('fewer than two replicas to kill');
  const pid = (await check('docker', ['inspect', '--format', '{{.State.Pid}}', crashed.id])).trim();
  log(`crashing ${crashed.name} (kill -9 of its process ${pid}) and docker kill ${dockerKilled.name}, mid-quiz`);
  process.kill(Number(pid), 'SIGKILL');
  await check('docker', ['kill', dockerKilled.id]);
  return { crashed, dockerKilled };
}

const botTexts = (entries: TranscriptEntry[]): string[] =>
  entries.filter((e) => e.by === 'bot' && e.kind === 'message').map((e) => e.text ?? '');

describe('the production compose stack (3 replicas, Redis, Caddy) with the simulator as Telegram', () => {
  let stack: ComposeStack;
  let sim: SimControl;

  beforeAll(async () => {
    stack = new ComposeStack({
      repo: REPO,
      firstHttpPort: await freePortRange(REPLICAS),
      simPort: await freePort(),
      // STACK_CADDYFILE=<file> npm run test:deploy: the same run with another Caddyfile, e.g. an
      // earlier one (git show <commit>:deploy/caddy/Caddyfile > /tmp/Caddyfile.old).
      ...(process.env.STACK_CADDYFILE ? { caddyfile: process.env.STACK_CADDYFILE } : {}),
      log,
    });
    sim = new SimControl(stack.simRoot);
    try {
      await stack.up();
      await waitFor('the simulator', 60_000, async () => ((await sim.stats()) ? true : undefined));
      log('waiting for every container with a healthcheck to be healthy');
      await waitFor(
        'healthy containers',
        240_000,
        async () => {
          const containers = await stack.containers();
          const replicas = containers.filter((c) => c.service === 'quiz-agent');
          const ready =
            replicas.length === REPLICAS &&
            containers.every((c) => c.state === 'running' && (c.health === 'healthy' || c.health === 'none'));
          return ready ? true : undefined;
        },
        2_000,
      );
      log('every container with a healthcheck is healthy');
    } catch (error) {
      log(`the stack did not come up:\n${await stack.logs().catch(() => '')}`);
      throw error;
    }
  }, 1_500_000);

  afterAll(async () => {
    await stack?.down();
  }, 300_000);

  it('runs every service, each container with a healthcheck healthy, 3 replicas in webhook mode sharing Redis', async () => {
    const containers = await stack.containers();
    const byService = (service: string) => containers.filter((c) => c.service === service);
    expect(byService('quiz-agent')).toHaveLength(REPLICAS);
    expect(byService('postgres')).toHaveLength(1);
    expect(byService('redis')).toHaveLength(1);
    expect(byService('caddy')).toHaveLength(1);
    for (const c of [...byService('quiz-agent'), ...byService('postgres'), ...byService('redis')])
      expect(`${c.name}: ${c.health}`).toBe(`${c.name}: healthy`);
    for (let i = 0; i < REPLICAS; i++) {
      const stats = await monitoringStats(stack, i);
      expect(stats.update_intake?.mode).toBe('webhook');
      expect(stats.message_queue?.running).toBe(true);
    }
    const logs = await stack.compose(['logs', '--no-color', 'quiz-agent']);
    expect(logs.match(/Webhook set/g)?.length ?? 0).toBeGreaterThanOrEqual(REPLICAS);
    // Without the token the stats stay closed.
    const open = await fetch(`${stack.replicaUrl(0)}/monitoring/stats`, { signal: AbortSignal.timeout(5_000) });
    expect(open.status).toBe(401);
  });

  it('plays a quiz through Caddy while two replicas die: they come back, every question once, every answer stored', async () => {
    const admin = await sim.createUser('Ada');
    await sim.sendText(admin.id, '/start');
    await sim.sendText(admin.id, QUIZ_FORMAT_EXAMPLE);
    const quizId = await waitFor('the quiz to be created', 60_000, async () => {
      const texts = botTexts(await sim.transcript(admin.id)).join('\n');
      const id = /start=quiz_(\d+)/.exec(texts)?.[1];
      return id === undefined ? undefined : Number(id);
    });

    const players: SimUser[] = [];
    for (let i = 0; i < PLAYERS; i++) players.push(await sim.createUser(`Player ${i + 1}`));
    const streamUsers: SimUser[] = [];
    for (let i = 0; i < STREAM.users; i++) streamUsers.push(await sim.createUser(`Passer-by ${i + 1}`));
    const group = await sim.createGroup(
      'Stack night',
      admin.id,
      players.map((p) => p.id),
    );
    await sim.sendText(admin.id, `/startquiz ${quizId} ${SECONDS_PER_QUESTION}s`, group.id);

    const answered = new Set<string>();
    let victims: { crashed: ProjectContainer; dockerKilled: ProjectContainer } | undefined;
    let deliveries: Promise<DeliveryWatchResult> | undefined;
    const results = await waitFor(
      'the results of the quiz',
      240_000,
      async () => {
        const entries = await sim.transcript(group.id);
        for (const poll of botPolls(entries)) {
          const pollId = poll.detail?.pollId;
          if (pollId === undefined || answered.has(pollId)) continue;
          answered.add(pollId);
          const correct = poll.detail?.correct?.[0] ?? 0;
          const wrong = (correct + 1) % (poll.detail?.options?.length ?? 2);
          // Player i answers right when i is even.
          await Promise.all(players.map((p, i) => sim.answerPoll(p.id, pollId, [i % 2 === 0 ? correct : wrong])));
          if (!victims) {
            // The watch reads its baseline first, so every failure the kills cause is counted.
            deliveries ??= watchDeliveries(sim, { ...STREAM, users: streamUsers });
            victims = await killTwoReplicas(stack);
          }
        }
        return botTexts(entries).find((t) => /has finished|stopped early/.test(t));
      },
      1_000,
    );
    expect(results).toMatch(/has finished/);
    log('the quiz has finished');

    const questions = botPolls(await sim.transcript(group.id)).map((p) => p.text);
    expect(new Set(questions).size, `questions sent: ${questions.join(' | ')}`).toBe(questions.length);
    expect(questions.length).toBeGreaterThanOrEqual(2);
    expect(Number(await stack.sql('select count(*) from answers'))).toBe(questions.length * PLAYERS);

    if (!victims || !deliveries) throw new Error('no replica was killed');
    // What the proxy makes of two dead replicas, as Telegram sees it: failed deliveries are sent
    // again (after 1, 2, 4 ... s), so none is lost, but each is an update late by seconds.
    const watched = await deliveries;
    log(
      `webhook deliveries in the ${STREAM.watchMs / 1_000} s from the kills: ${watched.failed} failed, ` +
        `the last ${(watched.lastFailureMs / 1_000).toFixed(2)} s after the kills ` +
        `(per second: ${watched.failedPerSecond.join(' ')}), ${watched.sent} stream messages posted; ` +
        `getWebhookInfo's last error: ${(await sim.lastWebhookError(stack.botToken)) ?? 'none'}`,
    );
    expect(watched.lastFailureMs, 'ms from the kills to the last failed webhook delivery').toBeLessThanOrEqual(LAST_FAILURE_BOUND_MS);
    const { crashed, dockerKilled } = victims;
    // A crash (the process killed, as the kernel's OOM killer does): the restart policy
    // (restart: unless-stopped) starts the container again, and it becomes healthy.
    const restarted = await waitFor(
      `${crashed.name} to be restarted and healthy`,
      180_000,
      async () => {
        const again = (await stack.containers()).find((c) => c.id === crashed.id);
        return again && again.startedAt !== crashed.startedAt && again.health === 'healthy' ? again : undefined;
      },
      2_000,
    );
    expect(restarted.restartCount).toBeGreaterThanOrEqual(1);
    // `docker kill` is a stop by hand for Docker: no restart policy restarts it (Docker's rule)
    // until `up -d`, which brings the service back to its replicas.
    const stopped = (await stack.containers()).find((c) => c.id === dockerKilled.id);
    expect(stopped?.state).toBe('exited');
    await stack.compose(['--profile', 'scale', '--profile', 'proxy', 'up', '-d'], 300_000);
    await waitFor(
      `${REPLICAS} healthy replicas after up -d`,
      180_000,
      async () => {
        const replicas = (await stack.containers()).filter((c) => c.service === 'quiz-agent' && c.health === 'healthy');
        return replicas.length === REPLICAS ? true : undefined;
      },
      2_000,
    );

    // Every replica answers its stats; the webhooks went to more than one of them (round robin).
    const received: number[] = [];
    for (let i = 0; i < REPLICAS; i++) received.push(Number((await monitoringStats(stack, i)).update_intake?.received ?? 0));
    log(`updates received per replica since its start: ${received.join(', ')}; the quiz and both recoveries checked`);
    expect(received.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
