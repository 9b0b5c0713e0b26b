/**
 * One ingest measurement, run in a child process by bench/ingest.ts so that its peak RSS is its
 * own. Reads a JSON scenario from argv[2], prints one JSON result line on stdout.
 */
import { createLogger } from '../src/logger.js';
import { createAnswerWriter, type AnswerRecord } from '../src/store/answer-writer.js';
import { createDatabase } from '../src/store/database.js';
import { quantile, round } from './lib/stats.js';

export interface Scenario {
  name: string;
  url: string;
  runId: number;
  questionIds: number[];
  answers: number;
  producers: number;
  /** Records each producer keeps in flight (closed loop), like a runner handling updates concurrently. */
  window: number;
  /** Open loop instead: answers offered per second in total (ignores `window`). */
  offeredPerSecond?: number;
  writer: { batchSize: number; flushMs: number; concurrency: number; bufferLimit: number };
  updateIdBase: number;
}

export interface ScenarioResult {
  name: string;
  answers: number;
  seconds: number;
  answersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  batches: number;
  meanBatch: number;
  peakBuffered: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

const scenario = JSON.parse(process.argv[2] ?? '{}') as Scenario;
const logger = createLogger({ level: 'warn', pretty: false });
const database = createDatabase({ url: scenario.url, poolSize: 30, maxOverflow: 50, connectTimeoutS: 10, idleTimeoutS: 30, logger });
const writer = createAnswerWriter({ db: database.db, logger, ...scenario.writer });
const latencies = new Float64Array(scenario.answers);
const usersPerProducer = Math.ceil(scenario.answers / scenario.questionIds.length / scenario.producers);

/** The i-th answer of producer p: question by question, each of the producer's users in turn. */
function answerOf(p: number, i: number): AnswerRecord {
  const question = Math.floor(i / usersPerProducer);
  const userId = 1_000_000 + p * usersPerProducer + (i % usersPerProducer);
  const option = (userId + question) % 4;
  return {
    runId: scenario.runId,
    questionId: scenario.questionIds[question % scenario.questionIds.length] as number,
    user: { id: userId, firstName: `Player ${userId}`, username: null },
    optionIds: [option],
    isCorrect: option === 1,
    responseMs: 1_000 + (userId % 9_000),
    answeredAt: new Date(),
    updateId: scenario.updateIdBase + p * 10_000_000 + i,
  };
}

let recorded = 0;
async function save(record: AnswerRecord): Promise<void> {
  const started = performance.now();
  await writer.record(record);
  latencies[recorded++] = performance.now() - started;
}

async function closedLoop(): Promise<void> {
  const perProducer = Math.floor(scenario.answers / scenario.producers);
  await Promise.all(
    Array.from({ length: scenario.producers }, async (_, p) => {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < perProducer) await save(answerOf(p, next++));
      };
      await Promise.all(Array.from({ length: scenario.window }, lane));
    }),
  );
}

/** Offers answers at a fixed rate whatever the writer does (arrivals do not wait for commits). */
async function openLoop(rate: number): Promise<void> {
  const perProducer = Math.floor(scenario.answers / scenario.producers);
  const tickMs = 10;
  const perTick = (rate * tickMs) / 1000;
  const saves: Promise<void>[] = [];
  const started = performance.now();
  let offered = 0;
  while (offered < perProducer * scenario.producers) {
    const due = Math.min(perProducer * scenario.producers, Math.floor(((performance.now() - started) / tickMs + 1) * perTick));
    for (; offered < due; offered++) saves.push(save(answerOf(offered % scenario.producers, Math.floor(offered / scenario.producers))));
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await Promise.all(saves);
}

const rssBefore = process.memoryUsage().rss;
const started = performance.now();
if (scenario.offeredPerSecond) await openLoop(scenario.offeredPerSecond);
else await closedLoop();
const seconds = (performance.now() - started) / 1000;
await writer.close();
await database.close();

const sorted = latencies.subarray(0, recorded).sort();
const stats = writer.stats();
const result: ScenarioResult = {
  name: scenario.name,
  answers: recorded,
  seconds: round(seconds, 2),
  answersPerSecond: Math.round(recorded / seconds),
  p50Ms: round(quantile(sorted, 0.5), 2),
  p99Ms: round(quantile(sorted, 0.99), 2),
  maxMs: round(sorted[sorted.length - 1] ?? Number.NaN, 2),
  batches: stats.batches,
  meanBatch: round(stats.answers_saved / Math.max(1, stats.batches), 1),
  peakBuffered: stats.peak_buffered,
  peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
  rssBeforeMb: round(rssBefore / 1024 / 1024, 1),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
