/**
 * One end-to-end run: a fresh database (migrated, with the commit triggers of e2e-commits.ts),
 * the simulator and the virtual players in this process, the bot as its own process
 * (`node --import tsx src/main.ts`, what `npm start` runs, so that /proc shows its memory
 * alone). A user creates the quiz in chat, the group's creator starts it, the crowd plays, and
 * the run is measured (hand-out -> commit per answer, answers/s per question, the bot's memory
 * and CPU) and checked against the players' own log.
 */
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Simulator } from 'telegram-sim/simulator';
import { startVirtualPlayers, type VirtualPlayers } from 'telegram-sim/virtual-players';
import { createDatabase } from '../../src/store/database.js';
import { nextBotMessage } from 'telegram-sim/bot-messages';
import { createQuizInChat } from './e2e-chat.js';
import { startBotUnderTest } from './bot-under-test.js';
import { driverNow, type CommitProbe } from './e2e-commits.js';
import { readProcessMemory, type CoresUsed, type ProcessSampler } from './e2e-proc.js';
import { verifyRun, type Verification } from './e2e-verify.js';
import { quantile, round } from './stats.js';

/** What one run does. */
export interface E2eScenario {
  /** Shown in the output and the report, e.g. `latency #1`. */
  name: string;
  /** Superuser URL of the server the run's own database is created on. */
  adminUrl: string;
  players: number;
  questions: number;
  /** Time per question given to /startquiz, in seconds. */
  openPeriodS: number;
  /** Each player's think time before voting, uniform in [min, max] ms. */
  thinkTimeMs: readonly [number, number];
  seed: number;
  /** Extra environment for the bot (e.g. ANSWER_BATCH_SIZE), on top of the defaults. */
  botEnv?: Record<string, string>;
  logger: Logger;
}

/** Latency figures in milliseconds. */
export interface LatencyFigures {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One question's answers from the first hand-out to the last commit. */
export interface Burst {
  answers: number;
  seconds: number;
  perSecond: number;
}

/** Everything measured in one run. */
export interface E2eRunResult {
  name: string;
  players: number;
  questions: number;
  openPeriodS: number;
  thinkTimeMs: readonly [number, number];
  /** poll_answer updates the simulator handed to the bot (first hand-outs). */
  answersHandedOut: number;
  /** Hand-outs of a poll_answer that had been handed out before. */
  redeliveries: number;
  /** Hand-out -> commit notification arrival: the figure the targets are judged on. */
  latency: LatencyFigures;
  /** Hand-out -> the writing statement's clock_timestamp(): the lower bound of the same latency. */
  latencyLowerBound: LatencyFigures;
  /** Per question (in order of asking): answers committed from its first hand-out to its last commit. */
  bursts: Burst[];
  /** All answers over the sum of the bursts' durations. */
  answersPerSecond: number;
  /**
   * The same from the second question on, when every player is a known user (the first
   * question also creates the users); null with one question.
   */
  answersPerSecondKnownPlayers: number | null;
  /** Commit notifications received (one per committed statement and question). */
  commitNotifications: number;
  memory: { idleRssMb: number; peakSampledRssMb: number; hwmMb: number };
  /**
   * Cores in use (CPU seconds per second) by the bot, PostgreSQL, the driver (simulator,
   * players, measuring) and anything else on the machine: from /startquiz to the results, and
   * over the questions' bursts only.
   */
  cores: { run: CoresUsed; bursts: CoresUsed };
  /** The driver's event-loop delay (it also stamps hand-outs and commit arrivals). */
  driverLoopDelay: { p99Ms: number; maxMs: number };
  /** The bot's own AnswerWriter figures (GET /monitoring/stats). */
  writer: { batches: number; answersSaved: number; meanBatch: number; peakBuffered: number; retries: number };
  /** /startquiz to the results message. */
  runSeconds: number;
  botExitCode: number | null;
  verification: Verification;
}

/** Runs one scenario from an empty database to a dropped one. */
export async function runE2eScenario(scenario: E2eScenario): Promise<E2eRunResult> {
  const t = await startBotUnderTest({
    adminUrl: scenario.adminUrl,
    dbPrefix: 'quiz_agent_e2e',
    logger: scenario.logger,
    ...(scenario.botEnv ? { botEnv: scenario.botEnv } : {}),
  });
  const { url, probe, sim, httpPort, bot, pid, sampler, cleanups } = t;
  try {
    // A bot that dies (a bad setting, a crash) ends the run at once, with what it printed.
    let playing = true;
    const died = once(bot.child, 'exit').then(([code, signal]) => {
      if (playing) throw new Error(`the bot exited during the run (exit ${code}, signal ${signal})`);
    });
    const measured = await Promise.race([playQuiz(scenario, sim, probe, pid, httpPort, sampler), died.then(() => never())]).catch(
      (error: unknown) => {
        throw new Error(
          `${scenario.name}: ${error instanceof Error ? error.message : String(error)}\nThe bot's last output:\n${bot.output().slice(-4000)}`,
          { cause: error },
        );
      },
    );
    playing = false;
    const database = createDatabase({ url, poolSize: 2, maxOverflow: 0, connectTimeoutS: 10, idleTimeoutS: 30, logger: scenario.logger });
    cleanups.unshift(() => database.close(1));
    const [run] = await database.db.execute<{ id: string | number }>(
      sql`select id from runs where quiz_id = ${measured.quizId}::bigint order by id desc limit 1`,
    );
    if (!run) throw new Error(`no run of quiz ${measured.quizId} in the database`);
    const verification = await verifyRun(database.db, Number(run.id), measured.players, measured.handedOut.keys(), probe.commits);
    const exit = await bot.kill('SIGTERM');
    if (exit.code !== 0)
      throw new Error(`the bot did not shut down cleanly (exit ${exit.code}, signal ${exit.signal}):\n${bot.output().slice(-4000)}`);
    return { ...measured.result, botExitCode: exit.code, verification };
  } finally {
    await t.finish();
  }
}

/** Creates the quiz in chat, plays it in a group and measures; the caller verifies and cleans up. */
async function playQuiz(
  scenario: E2eScenario,
  sim: Simulator,
  probe: CommitProbe,
  pid: number,
  httpPort: number,
  sampler: ProcessSampler,
): Promise<{
  result: Omit<E2eRunResult, 'botExitCode' | 'verification'>;
  quizId: number;
  players: VirtualPlayers;
  handedOut: Map<number, number>;
}> {
  const { world } = sim;
  const owner = world.createStartedUser({ firstName: 'Bench', username: 'bench_owner' });
  // The first answer also tells that the bot is up (it starts in a few seconds).
  const quizId = await createQuizInChat(world, owner.id, 'End-to-end benchmark', scenario.questions);
  const group = world.createGroup({ title: 'Benchmark group', creator: owner.id });
  const players = startVirtualPlayers({
    world,
    clock: sim.clock,
    chat: group.id,
    players: scenario.players,
    seed: scenario.seed,
    thinkTimeMs: scenario.thinkTimeMs,
    // Everyone answers every question once: exactly players x questions answers to find.
    silentRate: 0,
    revoteRate: 0,
    retractRate: 0,
  });

  const handedOut = new Map<number, number>();
  let redeliveries = 0;
  const unsubscribe = sim.updates.onHandedOut((batch) => {
    const at = driverNow();
    batch.updateIds.forEach((updateId, i) => {
      if (batch.types[i] !== 'poll_answer') return;
      if (handedOut.has(updateId)) redeliveries++;
      else handedOut.set(updateId, at);
    });
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const idleRssMb = readProcessMemory(pid).rssMb;
    sampler.resetPeak();
    loopDelay.enable();
    const started = driverNow();
    const start = world.sendText(owner.id, group.id, `/startquiz ${quizId} ${scenario.openPeriodS}s`);
    // 3 s between group messages (20 per minute), the grace after each question, and room.
    const runBudgetMs = scenario.questions * (Math.max(scenario.openPeriodS, 3) + 5) * 1000 + 60_000;
    const results = await nextBotMessage(
      world,
      group.id,
      start.messageId,
      (m) => /has finished|was stopped early/.test(m.text ?? ''),
      runBudgetMs,
      'the results of the run',
    );
    const finished = driverNow();
    const runSeconds = (finished - started) / 1000;
    loopDelay.disable();
    if (!results.text?.includes('has finished')) throw new Error(`the run did not finish normally: ${results.text ?? ''}`);
    await players.settled();
    // The results come after the last commit; the notifications may still be on their way.
    await probe.waitForCommits(handedOut.size, 10_000).catch(() => {});
    const memory = readProcessMemory(pid);
    const writer = await writerStats(httpPort);

    const latencies: number[] = [];
    const lowerBounds: number[] = [];
    const byQuestion = new Map<number, { first: number; last: number; answers: number }>();
    for (const [updateId, at] of handedOut) {
      const commit = probe.commits.get(updateId);
      if (!commit) continue;
      latencies.push(commit.committedAt - at);
      lowerBounds.push(commit.writtenAt - at);
      const burst = byQuestion.get(commit.questionId) ?? { first: Infinity, last: -Infinity, answers: 0 };
      burst.first = Math.min(burst.first, at);
      burst.last = Math.max(burst.last, commit.committedAt);
      burst.answers++;
      byQuestion.set(commit.questionId, burst);
    }
    const windows = [...byQuestion.values()].sort((a, b) => a.first - b.first);
    const bursts = windows.map((b) => ({
      answers: b.answers,
      seconds: round((b.last - b.first) / 1000, 3),
      perSecond: Math.round((b.answers * 1000) / (b.last - b.first)),
    }));
    const rate = (of: readonly Burst[]): number =>
      Math.round(of.reduce((sum, b) => sum + b.answers, 0) / of.reduce((sum, b) => sum + b.seconds, 0));
    return {
      quizId,
      players,
      handedOut,
      result: {
        name: scenario.name,
        players: scenario.players,
        questions: scenario.questions,
        openPeriodS: scenario.openPeriodS,
        thinkTimeMs: scenario.thinkTimeMs,
        answersHandedOut: handedOut.size,
        redeliveries,
        latency: figures(latencies),
        latencyLowerBound: figures(lowerBounds),
        bursts,
        answersPerSecond: rate(bursts),
        answersPerSecondKnownPlayers: bursts.length > 1 ? rate(bursts.slice(1)) : null,
        commitNotifications: probe.notifications,
        memory: {
          idleRssMb: round(idleRssMb),
          peakSampledRssMb: round(Math.max(sampler.peakRssMb, memory.rssMb)),
          hwmMb: round(memory.hwmMb),
        },
        cores: {
          run: roundCores(sampler.coresUsed([[started, finished]])),
          bursts: roundCores(sampler.coresUsed(windows.map((w) => [w.first, w.last] as const))),
        },
        driverLoopDelay: { p99Ms: round(loopDelay.percentile(99) / 1e6, 1), maxMs: round(loopDelay.max / 1e6, 1) },
        writer,
        runSeconds: round(runSeconds, 1),
      },
    };
  } finally {
    unsubscribe();
    loopDelay.disable();
    players.stop();
  }
}

function roundCores(cores: CoresUsed): CoresUsed {
  return { bot: round(cores.bot, 2), postgres: round(cores.postgres, 2), driver: round(cores.driver, 2), others: round(cores.others, 2) };
}

function figures(values: number[]): LatencyFigures {
  const sorted = Float64Array.from(values).sort();
  return {
    p50Ms: round(quantile(sorted, 0.5), 1),
    p90Ms: round(quantile(sorted, 0.9), 1),
    p99Ms: round(quantile(sorted, 0.99), 1),
    maxMs: round(quantile(sorted, 1), 1),
  };
}

/** A promise that never settles (the losing side of a race). */
function never(): Promise<never> {
  return new Promise(() => {});
}

/** The bot's AnswerWriter figures from its monitoring endpoint. */
async function writerStats(port: number): Promise<E2eRunResult['writer']> {
  const response = await fetch(`http://127.0.0.1:${port}/monitoring/stats`);
  if (!response.ok) throw new Error(`GET /monitoring/stats answered ${response.status}`);
  const body = (await response.json()) as {
    answer_writer: { batches: number; answers_saved: number; peak_buffered: number; retries: number };
  };
  const w = body.answer_writer;
  return {
    batches: w.batches,
    answersSaved: w.answers_saved,
    meanBatch: round(w.answers_saved / Math.max(1, w.batches), 1),
    peakBuffered: w.peak_buffered,
    retries: w.retries,
  };
}
