/**
 * The many-groups scenario on a fleet: groups-storm.ts's storm (a quiz created in chat, `groups`
 * groups of `players` virtual players starting it within one second, /leaderboard and /myscore
 * during the first question), with the simulator delivering every update by webhook to the
 * proxy in front of the replicas. Optionally one replica is killed with SIGKILL `killAfterS`
 * into the storm (the failover run): the replica holding the most run claims at that moment, and
 * the runs it held then are "affected" (scale-kill.ts).
 *
 * Checked afterwards: every group against its players' log (groups-verify.ts: each answer stored
 * exactly, each player scored, the results message right, no question doubled), each group's
 * questions in the simulator's transcript exactly once and in order (scale-pauses.ts), every
 * poll_answer handed out seen committed, no command answered twice, and Telegram's limits over
 * all replicas together (the simulator's flood counters and its 429 answers).
 */
import { createDatabase } from '../../src/store/database.js';
import { playStorm, type StormObservations, type StormPlan } from './groups-storm.js';
import { verifyGroups, type GroupsVerification } from './groups-verify.js';
import type { ReplicaFleet } from './replica-fleet.js';
import type { ConnectionFigures } from './scale-connections.js';
import { killBusiest, killFigures, killLater, type KillFigures, type Killed } from './scale-kill.js';
import { inQuizOrder, readRunTranscript } from './scale-pauses.js';
import { fleetIdle, startScaleSetup, type ScaleSetupOptions } from './scale-setup.js';
import { deliveredAll, spread, within, type Spread } from './scale-figures.js';
import { round } from './stats.js';

/** What one storm run does: bench:groups' storm, named, and maybe a kill. */
export interface ScaleStormPlan extends StormPlan {
  name: string;
  /** Kill one replica this long after the first /startquiz (the failover run); none when undefined. */
  killAfterS?: number;
}

/** Everything measured in one storm run. */
export interface ScaleStormResult {
  name: string;
  replicas: number;
  groups: number;
  players: number;
  questions: number;
  openPeriodS: number;
  endReason: StormObservations['endReason'];
  groupsFinished: number;
  /** First /startquiz -> last results, s (the budget when not finished). */
  stormS: number;
  answersStored: number;
  answersExpected: number;
  /** Answers committed per second over the storm. */
  answersPerSecond: number;
  handOutToCommit: Spread & { unseen: number };
  /** /leaderboard and /myscore: sent -> reply. */
  replies: Spread & { commands: number; answeredTwice: number };
  /** CPU seconds of all replicas (and of the proxy) per 1,000 answers stored, over the storm. */
  cpuPer1000Answers: { bots: number; proxy: number };
  /** Cores used by all replicas together over the storm. */
  botCores: number;
  limits: LimitCounts;
  doubledQuestions: number;
  /** Groups whose transcript does not show questions 1..n once each, in order. */
  groupsOutOfOrder: number;
  /** Webhook deliveries that failed (the simulator delivered them again), updates handed out twice, why they failed (sampled). */
  webhook: { failed: number; redelivered: number; errors: Record<string, number> };
  connections: ConnectionFigures;
  /** Largest pause of any run beyond its schedule, s. */
  maxPauseS: number;
  kill: KillFigures | null;
  /** What the replicas logged at warn level or above, by message, all replicas together. */
  replicaWarnings: Record<string, number>;
  verification: GroupsVerification;
}

/** Telegram's limits over the whole storm, all replicas together, as the simulator counted them. */
export interface LimitCounts {
  /** 429 answers of every kind (flood limits, and setWebhook more than once a second). */
  tooManyRequests: number;
  /** Calls refused by each flood limit (a violation, or a call during the penalty it earned). */
  byScope: { global: number; group: number; chat: number };
}

/** Runs one storm on a fresh fleet of `setup.replicas`; throws only when it could not run. */
export async function runScaleStorm(setup: Omit<ScaleSetupOptions, 'dbPrefix'>, plan: ScaleStormPlan): Promise<ScaleStormResult> {
  const t = await startScaleSetup({ ...setup, dbPrefix: 'quiz_agent_scale' });
  const { sim, fleet, probe, cpu, connections, cleanups } = t;
  try {
    let kill: Promise<Killed | undefined> = Promise.resolve(undefined);
    let before = { tooMany: 0, webhookFailed: 0 };
    const storm = await playStorm(sim, plan, {
      botIdle: () => fleetIdle(fleet),
      beforeStorm: () => {
        connections.reset();
        t.webhookErrors.reset();
        before = { tooMany: sim.stats().botApi.tooManyRequests, webhookFailed: sim.stats().updates.webhook.failed };
        if (plan.killAfterS !== undefined)
          kill = killLater(plan.killAfterS, () => killBusiest(setup.adminUrl, t.dbName, fleet, () => sim.clock.now()), cleanups);
      },
      cleanups,
    });
    await within(Promise.all(storm.groups.map((g) => g.players.settled())), 10_000);
    // Updates whose delivery failed come again after Telegram's backoff: an answer is lost only if it never lands.
    await deliveredAll(sim);
    await probe.waitForCommits(storm.handOuts.handedOutAt.size, 10_000).catch(() => {});
    const killed = await kill;
    const end = storm.endedAt;
    const used = cpu.over([[storm.startedAt, end]]);
    const connectionFigures = connections.figures();

    const database = createDatabase({
      url: t.url,
      poolSize: 2,
      maxOverflow: 0,
      connectTimeoutS: 10,
      idleTimeoutS: 30,
      logger: setup.logger,
    });
    cleanups.unshift(() => database.close(1));
    const verification = await verifyGroups(database.db, storm.quizId, storm.groups, plan.questions);
    const transcripts = storm.groups.map((g) => readRunTranscript(sim.world, g.chatId, plan.openPeriodS));
    const stormS = (end - storm.startedAt) / 1000;
    const per1000 = (seconds: number): number => round((seconds * 1000) / Math.max(1, verification.answersStored), 3);
    return {
      name: plan.name,
      replicas: fleet.replicas.length,
      groups: plan.groups,
      players: plan.players,
      questions: plan.questions,
      openPeriodS: plan.openPeriodS,
      endReason: storm.endReason,
      groupsFinished: storm.groups.filter((g) => g.log.resultsAt !== undefined).length,
      stormS: round(stormS, 1),
      answersStored: verification.answersStored,
      answersExpected: verification.answersExpected,
      answersPerSecond: Math.round(verification.answersStored / stormS),
      handOutToCommit: handOutToCommit(storm, probe.commits),
      replies: replies(storm),
      cpuPer1000Answers: { bots: per1000(used.bots), proxy: per1000(used.proxy) },
      botCores: round(used.bots / stormS, 2),
      limits: limitCounts(storm, sim.stats().botApi.tooManyRequests - before.tooMany),
      doubledQuestions: verification.doubledQuestions,
      groupsOutOfOrder: transcripts.filter((r) => !inQuizOrder(r.questionOrder, plan.questions)).length,
      webhook: {
        failed: sim.stats().updates.webhook.failed - before.webhookFailed,
        redelivered: storm.handOuts.redeliveries,
        errors: t.webhookErrors.seen(),
      },
      connections: connectionFigures,
      maxPauseS: round(Math.max(0, ...transcripts.map((r) => r.pauseMs)) / 1000, 1),
      kill: killed ? killFigures(killed, storm.startedAt, transcripts, sim.world) : null,
      replicaWarnings: warningsOf(fleet),
      verification,
    };
  } finally {
    await t.finish();
  }
}

function handOutToCommit(storm: StormObservations, commits: ReadonlyMap<number, { committedAt: number }>): Spread & { unseen: number } {
  const latencies: number[] = [];
  let unseen = 0;
  for (const [updateId, at] of storm.handOuts.handedOutAt) {
    const commit = commits.get(updateId);
    if (commit) latencies.push(commit.committedAt - at);
    else unseen++;
  }
  return { ...spread(latencies), unseen };
}

function replies(storm: StormObservations): ScaleStormResult['replies'] {
  const latencies: number[] = [];
  let commands = 0;
  let answeredTwice = 0;
  for (const g of storm.groups) {
    for (const [sentAt, replied] of [
      [g.commandsAt.leaderboard, g.log.leaderboardRepliesAt],
      [g.commandsAt.myScore, g.log.myScoreRepliesAt],
    ] as const) {
      if (sentAt === undefined) continue;
      commands++;
      if (replied.length > 1) answeredTwice++;
      const reply = replied.find((at) => at >= sentAt);
      if (reply !== undefined) latencies.push(reply - sentAt);
    }
  }
  return { ...spread(latencies), commands, answeredTwice };
}

function limitCounts(storm: StormObservations, tooManyRequests: number): LimitCounts {
  const refused = (scope: 'global' | 'group' | 'chat'): number => {
    const after = storm.floodAfter.scopes[scope];
    const before = storm.floodBefore.scopes[scope];
    return after.violations + after.refusedDuringPenalty - (before.violations + before.refusedDuringPenalty);
  };
  return { tooManyRequests, byScope: { global: refused('global'), group: refused('group'), chat: refused('chat') } };
}

/** Log lines at warn level or above (pino: 40 and more) of every replica, counted by message. */
function warningsOf(fleet: ReplicaFleet): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const replica of fleet.replicas) {
    for (const line of replica.process.output().split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) >= 40) counts[entry.msg ?? '?'] = (counts[entry.msg ?? '?'] ?? 0) + 1;
      } catch {
        // not a log line
      }
    }
  }
  return counts;
}
