/**
 * The throughput scenario on a fleet (bench:e2e's, by webhook): a user creates the quiz in chat,
 * `players` virtual players in one group answer each of `questions` questions the moment it
 * appears, so every answer of a question waits at the simulator at once; the simulator delivers
 * them by webhook (at most WEBHOOK_MAX_CONNECTIONS requests in flight, one per user at a time, as
 * Telegram does) to the proxy, which spreads them over the replicas. Per question, answers/s from
 * its first hand-out to its last commit (e2e-commits.ts), hand-out -> commit per answer, and the
 * replicas' CPU over those bursts; afterwards every answer and score is checked against the
 * players' log (e2e-verify.ts) and the group's transcript for each question once, in order.
 */
import { sql } from 'drizzle-orm';
import { nextBotMessage } from 'telegram-sim/bot-messages';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { createDatabase } from '../../src/store/database.js';
import { createQuizInChat } from './e2e-chat.js';
import { driverNow } from './e2e-commits.js';
import { verifyRun, type Verification } from './e2e-verify.js';
import type { ConnectionFigures } from './scale-connections.js';
import { deliveredAll, spread, within, type Spread } from './scale-figures.js';
import { inQuizOrder, readRunTranscript } from './scale-pauses.js';
import { startScaleSetup, type ScaleSetup, type ScaleSetupOptions } from './scale-setup.js';
import { round } from './stats.js';

/** What one throughput run does. */
export interface ScaleThroughputPlan {
  name: string;
  players: number;
  questions: number;
  openPeriodS: number;
  seed: number;
}

/** Everything measured in one throughput run. */
export interface ScaleThroughputResult {
  name: string;
  replicas: number;
  players: number;
  questions: number;
  /** All answers over the sum of the questions' bursts (first hand-out -> last commit). */
  answersPerSecond: number;
  /** Per question: answers, seconds, answers/s. */
  bursts: { answers: number; seconds: number; perSecond: number }[];
  handOutToCommit: Spread & { unseen: number };
  /** CPU seconds of all replicas (and of the proxy) per 1,000 answers, over the bursts. */
  cpuPer1000Answers: { bots: number; proxy: number };
  /** Cores used by all replicas together over the bursts. */
  botCores: number;
  /** 429 answers of the simulator and flood-limit refusals over the run. */
  tooManyRequests: number;
  floodRefusals: number;
  /** The group's transcript shows questions 1..n once each, in order. */
  questionsInOrder: boolean;
  webhook: { failed: number; redelivered: number; errors: Record<string, number> };
  connections: ConnectionFigures;
  verification: Verification;
}

/** Runs the throughput scenario once on a fresh fleet of `setup.replicas`. */
export async function runScaleThroughput(
  setup: Omit<ScaleSetupOptions, 'dbPrefix'>,
  plan: ScaleThroughputPlan,
): Promise<ScaleThroughputResult> {
  const t = await startScaleSetup({ ...setup, dbPrefix: 'quiz_agent_scale' });
  try {
    return await play(t, setup, plan);
  } finally {
    await t.finish();
  }
}

async function play(t: ScaleSetup, setup: Omit<ScaleSetupOptions, 'dbPrefix'>, plan: ScaleThroughputPlan): Promise<ScaleThroughputResult> {
  const { sim, probe, cpu, connections, cleanups, fleet } = t;
  const { world } = sim;
  const owner = world.createStartedUser({ firstName: 'Bench', username: 'bench_owner' });
  const quizId = await createQuizInChat(world, owner.id, 'Scale throughput', plan.questions);
  const group = world.createGroup({ title: 'Throughput group', creator: owner.id });
  const players = startVirtualPlayers({
    world,
    clock: sim.clock,
    chat: group.id,
    players: plan.players,
    seed: plan.seed,
    thinkTimeMs: [0, 0],
    silentRate: 0,
    revoteRate: 0,
    retractRate: 0,
  });
  cleanups.unshift(async () => players.stop());
  const handedOut = new Map<number, number>();
  let redelivered = 0;
  const stopTracking = sim.updates.onHandedOut((batch) => {
    const at = driverNow();
    batch.updateIds.forEach((updateId, i) => {
      if (batch.types[i] !== 'poll_answer') return;
      if (handedOut.has(updateId)) redelivered++;
      else handedOut.set(updateId, at);
    });
  });
  cleanups.unshift(async () => stopTracking());
  connections.reset();
  t.webhookErrors.reset();
  const before = { stats: sim.stats(), flood: sim.limits.stats() };
  const start = world.sendText(owner.id, group.id, `/startquiz ${quizId} ${plan.openPeriodS}s`);
  const budgetMs = plan.questions * (plan.openPeriodS + 10) * 1000 + 120_000;
  const results = await nextBotMessage(
    world,
    group.id,
    start.messageId,
    (m) => /has finished|was stopped early/.test(m.text ?? ''),
    budgetMs,
    'the results',
  );
  if (!results.text?.includes('has finished')) throw new Error(`the run did not finish normally: ${results.text ?? ''}`);
  await within(players.settled(), 10_000);
  await deliveredAll(sim);
  await probe.waitForCommits(handedOut.size, 10_000).catch(() => {});
  const after = { stats: sim.stats(), flood: sim.limits.stats() };

  const latencies: number[] = [];
  let unseen = 0;
  const byQuestion = new Map<number, { first: number; last: number; answers: number }>();
  for (const [updateId, at] of handedOut) {
    const commit = probe.commits.get(updateId);
    if (!commit) {
      unseen++;
      continue;
    }
    latencies.push(commit.committedAt - at);
    const burst = byQuestion.get(commit.questionId) ?? { first: Infinity, last: -Infinity, answers: 0 };
    burst.first = Math.min(burst.first, at);
    burst.last = Math.max(burst.last, commit.committedAt);
    burst.answers++;
    byQuestion.set(commit.questionId, burst);
  }
  const windows = [...byQuestion.values()].sort((a, b) => a.first - b.first);
  const seconds = windows.reduce((sum, w) => sum + (w.last - w.first) / 1000, 0);
  const answers = windows.reduce((sum, w) => sum + w.answers, 0);
  const used = cpu.over(windows.map((w) => [w.first, w.last] as const));
  const per1000 = (s: number): number => round((s * 1000) / Math.max(1, answers), 3);

  const database = createDatabase({ url: t.url, poolSize: 2, maxOverflow: 0, connectTimeoutS: 10, idleTimeoutS: 30, logger: setup.logger });
  cleanups.unshift(() => database.close(1));
  const [run] = await database.db.execute<{ id: string | number }>(
    sql`select id from runs where quiz_id = ${quizId}::bigint order by id desc limit 1`,
  );
  if (!run) throw new Error(`no run of quiz ${quizId} in the database`);
  const verification = await verifyRun(database.db, Number(run.id), players, handedOut.keys(), probe.commits);
  const floodRefused = (f: typeof before.flood): number => f.violations + f.refusedDuringPenalty;
  return {
    name: plan.name,
    replicas: fleet.replicas.length,
    players: plan.players,
    questions: plan.questions,
    answersPerSecond: Math.round(answers / seconds),
    bursts: windows.map((w) => ({
      answers: w.answers,
      seconds: round((w.last - w.first) / 1000, 3),
      perSecond: Math.round((w.answers * 1000) / (w.last - w.first)),
    })),
    handOutToCommit: { ...spread(latencies), unseen },
    cpuPer1000Answers: { bots: per1000(used.bots), proxy: per1000(used.proxy) },
    botCores: round(used.bots / seconds, 2),
    tooManyRequests: after.stats.botApi.tooManyRequests - before.stats.botApi.tooManyRequests,
    floodRefusals: floodRefused(after.flood) - floodRefused(before.flood),
    questionsInOrder: inQuizOrder(readRunTranscript(world, group.id, plan.openPeriodS).questionOrder, plan.questions),
    webhook: {
      failed: after.stats.updates.webhook.failed - before.stats.updates.webhook.failed,
      redelivered,
      errors: t.webhookErrors.seen(),
    },
    connections: connections.figures(),
    verification,
  };
}
