/**
 * One run of the group storm, from an empty database to a dropped one: a fresh scratch
 * database (migrated, with the commit triggers of e2e-commits.ts), the simulator (Telegram's
 * default flood limits) and the players in this process, the bot as its own process
 * (`node --import tsx src/main.ts`, what `npm start` runs, long polling), the monitors of
 * groups-monitors.ts and the bot's memory and CPU from /proc; then the storm (groups-storm.ts),
 * its figures, and the check of every group (groups-verify.ts).
 */
import { once } from 'node:events';
import type { Logger } from 'pino';
import { createDatabase } from '../../src/store/database.js';
import type { BotProcess } from '../../tests/helpers/bot-process.js';
import { startBotUnderTest } from './bot-under-test.js';
import { driverNow, type CommitProbe } from './e2e-commits.js';
import { readProcessMemory, type CoresUsed, type ProcessSampler } from './e2e-proc.js';
import { againstBound, GLOBAL_PER_S, startOrderFloorS, type BoundFigures } from './groups-first-question.js';
import { idealSchedule } from './groups-ideal-schedule.js';
import { startMonitors, type MonitorFigures } from './groups-monitors.js';
import { snapshotStall, type StallSnapshot } from './groups-stall.js';
import { playStorm, type StormObservations, type StormPlan } from './groups-storm.js';
import { verifyGroups, type GroupsVerification } from './groups-verify.js';
import { median, quantile, round } from './stats.js';

/** What one run does. */
export interface GroupsScenario extends StormPlan {
  /** Shown in the output and the report, e.g. `run #1`. */
  name: string;
  /** Superuser URL of the server the run's own database is created on. */
  adminUrl: string;
  /** Extra environment for the bot, on top of the defaults. */
  botEnv: Record<string, string>;
  logger: Logger;
}

/** Quantiles in milliseconds and how many values they summarise. */
export interface Spread {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Everything measured in one run; seconds are from the first /startquiz. */
export interface GroupsRunResult {
  name: string;
  groups: number;
  players: number;
  questions: number;
  openPeriodS: number;
  budgetS: number;
  /** Every group's results arrived within the budget. */
  complete: boolean;
  /** Why the storm ended: `finished`, `budget` (ran out) or `stalled` (the bot silent in every group, groups-storm.ts). */
  endReason: StormObservations['endReason'];
  groupsFinished: number;
  /** Rate-limited messages the simulator admitted from the first /startquiz to the end. */
  messages: number;
  /** messages / 30 per s. */
  floorS: number;
  /** The last group's results; null when the budget ran out first. */
  allDoneS: number | null;
  firstQuestion: {
    medianS: number | null;
    /** The last group to get its first question; null when some never did. */
    lastS: number | null;
    startOrder: BoundFigures;
    ideal: BoundFigures;
  };
  /** Each group's times in seconds from the first /startquiz, actual and in the ideal schedule, in start order. */
  perGroup: {
    order: number;
    startS: number;
    announcementS: number | null;
    firstQuestionS: number | null;
    idealAnnouncementS: number;
    idealFirstQuestionS: number;
    resultsS: number | null;
  }[];
  /** The ideal schedule of this run's timings (groups-ideal-schedule.ts). */
  ideal: { messages: number; allDoneS: number; lastFirstQuestionS: number; againstStartOrder: BoundFigures };
  /** poll_answer queued at the simulator -> first hand-out to the bot. */
  handOutDelay: Spread;
  /** poll_answer first hand-out -> its commit seen (e2e-commits.ts); `unseen` never seen committed. */
  handOutToCommit: Spread & { unseen: number };
  /** /leaderboard and /myscore: command sent -> the bot's reply in the group. */
  replies: Spread & { commands: number };
  tooManyRequests: { total: number; byScope: Record<string, number> };
  /** poll_answer updates handed out more than once. */
  redeliveries: number;
  pool: MonitorFigures['pool'] & { poolSize: number };
  health: MonitorFigures['health'];
  memory: { idleRssMb: number; peakSampledRssMb: number; hwmMb: number };
  cores: CoresUsed;
  driverLoopDelay: { p99Ms: number; maxMs: number };
  botExit: { code: number | null; signal: string | null };
  /** When the budget ran out: what the bot and its backends were doing then (groups-stall.ts). */
  stall: StallSnapshot | null;
  verification: GroupsVerification;
}

const SHUTDOWN_WAIT_MS = 60_000;

/** Runs the storm once; throws only when it could not run (the bot died, the setup failed). */
export async function runGroupsScenario(scenario: GroupsScenario): Promise<GroupsRunResult> {
  const t = await startBotUnderTest({
    adminUrl: scenario.adminUrl,
    dbPrefix: 'quiz_agent_groups',
    logger: scenario.logger,
    botEnv: scenario.botEnv,
  });
  const { url, dbName, probe, sim, httpPort, bot, pid, sampler, cleanups } = t;
  try {
    const monitors = startMonitors({ httpPort, url: scenario.adminUrl, dbName });
    cleanups.unshift(() => monitors.stop());

    // A bot that dies (a bad setting, a crash) ends the run at once, with what it printed.
    let playing = true;
    const died = once(bot.child, 'exit').then(([code, signal]) => {
      if (playing) throw new Error(`the bot exited during the run (exit ${code}, signal ${signal})`);
    });
    let idleRssMb = 0;
    const storm = await Promise.race([
      playStorm(sim, scenario, {
        botIdle: () => queueIdle(httpPort),
        beforeStorm: () => {
          idleRssMb = readProcessMemory(pid).rssMb;
          sampler.resetPeak();
          monitors.reset();
        },
        cleanups,
      }),
      died.then(() => new Promise<never>(() => {})),
    ]).catch((error: unknown) => {
      throw new Error(
        `${scenario.name}: ${error instanceof Error ? error.message : String(error)}\nThe bot's last output:\n${bot.output().slice(-4000)}`,
        { cause: error },
      );
    });
    // Answers cast just before the last poll closed may still be on their way to the database.
    await within(Promise.all(storm.groups.map((g) => g.players.settled())), 10_000);
    await probe.waitForCommits(storm.handOuts.handedOutAt.size, 10_000).catch(() => {});
    const stall = storm.complete ? null : await snapshotStall({ httpPort, url: scenario.adminUrl, dbName });
    const seenAt = driverNow();
    const memory = readProcessMemory(pid);
    const monitored = monitors.figures();
    const figures = measure(scenario, storm, probe, sampler, seenAt);
    playing = false;

    const database = createDatabase({ url, poolSize: 2, maxOverflow: 0, connectTimeoutS: 10, idleTimeoutS: 30, logger: scenario.logger });
    cleanups.unshift(() => database.close(1));
    const verification = await verifyGroups(database.db, storm.quizId, storm.groups, scenario.questions);
    const botExit = await stopBot(bot);
    return {
      ...figures,
      pool: { ...monitored.pool, poolSize: Number(scenario.botEnv.DB_POOL_SIZE ?? 30) },
      health: monitored.health,
      memory: {
        idleRssMb: round(idleRssMb),
        peakSampledRssMb: round(Math.max(sampler.peakRssMb, memory.rssMb)),
        hwmMb: round(memory.hwmMb),
      },
      botExit,
      stall,
      verification,
    };
  } finally {
    await t.finish();
  }
}

/** The storm's figures (all but those of the monitors, memory and the checks). */
function measure(
  scenario: GroupsScenario,
  storm: StormObservations,
  probe: CommitProbe,
  sampler: ProcessSampler,
  seenAt: number,
): Omit<GroupsRunResult, 'pool' | 'health' | 'memory' | 'botExit' | 'stall' | 'verification'> {
  const s = (driverMs: number): number => (driverMs - storm.startedAt) / 1000;
  const groups = storm.groups;
  const firstQuestionS = groups.map((g) => (g.log.polls[0] ? s(g.log.polls[0].at) : undefined));
  const finished = groups.filter((g) => g.log.resultsAt !== undefined).length;

  const ideal = idealSchedule({
    groups: groups.map((g) => ({ startAt: g.startAt - storm.startedAt, replyOffsetsMs: replyOffsets(g) })),
    questions: scenario.questions,
    openPeriodMs: scenario.openPeriodS * 1000,
  });
  const idealFirstS = ideal.groups.map((g) => (g.questionsAt[0] as number) / 1000);
  const floorsS = groups.map((g) => startOrderFloorS(g.order));

  const handedOut = storm.handOuts.handedOutAt;
  const toCommit: number[] = [];
  let unseen = 0;
  for (const [updateId, at] of handedOut) {
    const commit = probe.commits.get(updateId);
    if (commit) toCommit.push(commit.committedAt - at);
    else unseen++;
  }
  const replyLatencies: number[] = [];
  let commands = 0;
  for (const g of groups) {
    for (const [sentAt, replies] of [
      [g.commandsAt.leaderboard, g.log.leaderboardRepliesAt],
      [g.commandsAt.myScore, g.log.myScoreRepliesAt],
    ] as const) {
      if (sentAt === undefined) continue;
      commands++;
      const reply = replies.find((at) => at >= sentAt);
      if (reply !== undefined) replyLatencies.push(reply - sentAt);
    }
  }

  const messages = storm.floodAfter.scopes.global.admitted - storm.floodBefore.scopes.global.admitted;
  const flood = storm.floodAfter;
  const firstKnown = firstQuestionS.filter((x): x is number => x !== undefined);
  return {
    name: scenario.name,
    groups: scenario.groups,
    players: scenario.players,
    questions: scenario.questions,
    openPeriodS: scenario.openPeriodS,
    budgetS: scenario.budgetS,
    complete: storm.complete,
    endReason: storm.endReason,
    groupsFinished: finished,
    messages,
    floorS: round(messages / GLOBAL_PER_S, 1),
    allDoneS: storm.complete ? round(s(storm.endedAt), 1) : null,
    firstQuestion: {
      medianS: firstKnown.length > 0 ? round(median(firstKnown), 1) : null,
      lastS: firstKnown.length === groups.length ? round(Math.max(...firstKnown), 1) : null,
      startOrder: againstBound(firstQuestionS, floorsS),
      ideal: againstBound(firstQuestionS, idealFirstS),
    },
    perGroup: groups.map((g, i) => ({
      order: g.order,
      startS: round(s(g.startAt), 3),
      announcementS: g.log.announcementAt === undefined ? null : round(s(g.log.announcementAt), 3),
      firstQuestionS: firstQuestionS[i] === undefined ? null : round(firstQuestionS[i] as number, 3),
      idealAnnouncementS: round((ideal.groups[i]?.announcementAt ?? Number.NaN) / 1000, 3),
      idealFirstQuestionS: round(idealFirstS[i] as number, 3),
      resultsS: g.log.resultsAt === undefined ? null : round(s(g.log.resultsAt), 3),
    })),
    ideal: {
      messages: ideal.messages,
      allDoneS: round(ideal.allDoneAt / 1000, 1),
      lastFirstQuestionS: round(Math.max(...idealFirstS), 1),
      againstStartOrder: againstBound(idealFirstS, floorsS),
    },
    handOutDelay: spread(storm.handOuts.delays()),
    handOutToCommit: { ...spread(toCommit), unseen },
    replies: { ...spread(replyLatencies), commands },
    tooManyRequests: {
      total: flood.tooManyRequests,
      byScope: Object.fromEntries(Object.entries(flood.scopes).map(([scope, c]) => [scope, c.violations + c.refusedDuringPenalty])),
    },
    redeliveries: storm.handOuts.redeliveries,
    cores: roundCores(sampler.coresUsed([[storm.startedAt, Math.min(storm.endedAt, seenAt)]])),
    driverLoopDelay: { p99Ms: round(storm.loopDelay.percentile(99) / 1e6, 1), maxMs: round(storm.loopDelay.max / 1e6, 1) },
  };
}

/** The group's commands as offsets from its first question (how the ideal schedule takes them). */
function replyOffsets(g: StormObservations['groups'][number]): number[] {
  const first = g.log.polls[0]?.at;
  if (first === undefined) return [];
  return [g.commandsAt.leaderboard, g.commandsAt.myScore]
    .filter((at): at is number => at !== undefined)
    .map((at) => Math.max(0, at - first));
}

/** Whether the bot's outbound queue has nothing waiting or in flight (GET /monitoring/stats). */
async function queueIdle(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/monitoring/stats`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { message_queue?: { queue_size?: number; in_flight?: number } };
    const q = body.message_queue;
    return response.ok && (q?.queue_size ?? 0) === 0 && (q?.in_flight ?? 0) === 0;
  } catch {
    return false; // not up yet
  }
}

/** SIGTERM, and SIGKILL if the bot has not exited within {@link SHUTDOWN_WAIT_MS}. */
async function stopBot(bot: BotProcess): Promise<GroupsRunResult['botExit']> {
  const outcome = await within(bot.kill('SIGTERM'), SHUTDOWN_WAIT_MS);
  if (outcome) return { code: outcome.code, signal: outcome.signal };
  const killed = await bot.kill('SIGKILL');
  return { code: killed.code, signal: `${killed.signal ?? 'none'} (SIGTERM ignored for ${SHUTDOWN_WAIT_MS / 1000} s)` };
}

function spread(values: number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => (sorted.length === 0 ? Number.NaN : round(quantile(sorted, q), 1));
  return { count: sorted.length, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
}

function roundCores(cores: CoresUsed): CoresUsed {
  return { bot: round(cores.bot, 2), postgres: round(cores.postgres, 2), driver: round(cores.driver, 2), others: round(cores.others, 2) };
}

/** `promise`'s value, or undefined once `ms` have passed (the timer does not outlive it). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)))]);
  } finally {
    clearTimeout(timer);
  }
}
