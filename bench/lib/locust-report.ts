/**
 * The Locust load test's verdict and bench/reports/locust.md: one row per step (asked rate,
 * what Locust measured, whether the seed deployments' gate held, the database check, where the
 * cores went) and the one line the gate is judged on.
 */
import type { CoresByGroup } from './locust-cpu.js';
import type { ReplicaFigures } from './locust-metrics.js';
import { SEED_THRESHOLDS, type LocustFigures } from './locust-stats.js';
import type { StepVerification } from './locust-verify.js';

/** One step as measured and checked. */
export interface LocustStepRow {
  askedRps: number;
  users: number;
  figures: LocustFigures;
  /** Why requests failed, as Locust reports it ("<error> × <count>"). */
  failures: string[];
  /** What fell short of the gate at this rate; empty when it held. */
  shortfalls: string[];
  verification: StepVerification;
  /** The replicas' own view: acceptance time and answer batches. */
  replicaFigures: ReplicaFigures;
  cores: CoresByGroup;
  warnings: string[];
}

export interface LocustSummary {
  at: string;
  command: string;
  locustCommand: string;
  commit: string;
  changedSrcFiles: string[];
  machine: { cores: number; memoryGb: number; node: string };
  uptimeBefore: string;
  uptimeAfter: string;
  postgres: string;
  replicas: number;
  workers: number;
  durationS: number;
  redisUrl: string;
  caddyfile: string;
  steps: LocustStepRow[];
}

const { minRps, p50Ms, p95Ms, p99Ms } = SEED_THRESHOLDS;
/** The gate in words, as the verdict line says it. */
export const GATE = `>= ${minRps} req/s with p50 < ${p50Ms} ms, p95 < ${p95Ms} ms, p99 < ${p99Ms} ms`;

/** The highest asked rate whose step met the gate's latencies with no failure and a clean check. */
export function highestMeetingRate(steps: readonly LocustStepRow[]): number | undefined {
  const meeting = steps.filter(meets).map((step) => step.askedRps);
  return meeting.length > 0 ? Math.max(...meeting) : undefined;
}

/** `MET` or `NOT MET` and the gate, with the figures it rests on. */
export function verdictLine(steps: readonly LocustStepRow[], replicas: number): string {
  const best = highestMeetingRate(steps);
  const bestStep = steps.find((step) => step.askedRps === best);
  const met = bestStep !== undefined && bestStep.figures.rps >= minRps;
  const detail = bestStep
    ? `highest rate meeting the latencies with no failed request: ${best} req/s asked, ${bestStep.figures.rps.toFixed(0)} reached, ` +
      `p50 ${bestStep.figures.p50Ms} / p95 ${bestStep.figures.p95Ms} / p99 ${bestStep.figures.p99Ms} ms`
    : 'no step met the latencies with no failed request';
  return `${met ? 'MET' : 'NOT MET'} ${GATE} with ${replicas} replicas behind Caddy: ${detail}`;
}

/** One line per step for the console. */
export function describeStep(step: LocustStepRow): string {
  const f = step.figures;
  const v = step.verification;
  const r = step.replicaFigures;
  return (
    `${String(step.askedRps).padStart(5)} req/s asked: ${f.rps.toFixed(0).padStart(5)} reached, ${f.requests} requests, ${f.failures} failed, ` +
    `p50 ${f.p50Ms} p95 ${f.p95Ms} p99 ${f.p99Ms} max ${f.maxMs} ms; ${step.failures.length > 0 ? `failures: ${step.failures.join(', ')}; ` : ''}${step.shortfalls.length === 0 ? 'meets' : `misses (${step.shortfalls.join('; ')})`}; ` +
    `check ${v.pass ? 'PASS' : 'FAIL'} (${v.stored}/${v.acked} acked answers stored once, ${v.storedWithoutAck} stored without a 200); ` +
    `replicas: acceptance ${fixed(r.meanAcceptMs)} ms mean (${upTo(r)}), ${r.batches} batches of ${fixed(r.meanBatchSize)} in ${fixed(r.meanBatchMs)} ms, ` +
    `event-loop delay p99 ${fixed(r.loopDelayP99Ms)} max ${fixed(r.loopDelayMaxMs)} ms; ` +
    `cores: Locust ${cores(step.cores.locust)}, replicas ${cores(step.cores.replicas)}, Caddy ${cores(step.cores.caddy)}, rest ${cores(step.cores.rest)}`
  );
}

function meets(step: LocustStepRow): boolean {
  return step.shortfalls.length === 0 && step.verification.pass;
}

function cores(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(2);
}

/** Above this many cores used by the rest of the machine, other programs competed with the step. */
const BUSY_REST_CORES = 0.5;
/** A Locust process near a full core cannot send faster: it, not the stack, bounds the step. */
const LOCUST_SATURATED_CORES = 0.8;

/** What the figures say about their own validity: Locust's headroom, competition for the cores, where the latency is. */
function observations(s: LocustSummary): string[] {
  const processes = s.workers + 1;
  const locustPeak = Math.max(...s.steps.map((step) => step.cores.locust ?? 0));
  const saturated = s.steps.filter((step) => (step.cores.locust ?? 0) / (s.workers > 0 ? s.workers : 1) >= LOCUST_SATURATED_CORES);
  const busy = s.steps.filter((step) => step.cores.rest >= BUSY_REST_CORES);
  return [
    saturated.length > 0
      ? `- **Locust was near a full core** (${saturated.map((step) => `${step.askedRps} req/s: ${cores(step.cores.locust)}`).join(', ')}): at those rates Locust bounds what is measured; run with \`--workers\`.`
      : `- **Locust is not the bottleneck**: at most ${cores(locustPeak)} cores over its ${processes} process${processes > 1 ? 'es' : ''} (one Python process uses at most one core).`,
    busy.length > 0
      ? `- **Other programs competed** for the ${s.machine.cores} cores in ${busy.map((step) => `the ${step.askedRps} req/s step (rest ${cores(step.cores.rest)})`).join(', ')}: PostgreSQL serves this run too, but beyond ${BUSY_REST_CORES} cores the rest is mostly someone else.`
      : `- No other program used ${BUSY_REST_CORES} cores or more during a step.`,
    `- **Where the latency is**: the replicas' acceptance (arrival at a replica to committed) against Locust's p50 / p95: ${s.steps
      .map(
        (step) =>
          `${step.askedRps} req/s: ${fixed(step.replicaFigures.meanAcceptMs)} ms mean (${upTo(step.replicaFigures)}) vs ${step.figures.p50Ms} / ${step.figures.p95Ms} ms`,
      )
      .join('; ')}.`,
  ];
}

/** The acceptance percentiles' bucket bounds, e.g. "p50 <= 25, p95 <= 100, p99 <= 250 ms". */
function upTo(r: ReplicaFigures): string {
  const bound = (ms: number): string => (Number.isNaN(ms) ? '-' : ms === Infinity ? '> 10,000' : `<= ${ms}`);
  return `p50 ${bound(r.acceptUpToMs.p50)}, p95 ${bound(r.acceptUpToMs.p95)}, p99 ${bound(r.acceptUpToMs.p99)} ms`;
}

function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : '-';
}

/** bench/reports/locust.md. */
export function renderLocustMarkdown(s: LocustSummary): string {
  const rows = s.steps.map((step) => {
    const f = step.figures;
    const v = step.verification;
    const c = step.cores;
    const r = step.replicaFigures;
    return (
      `| ${step.askedRps} | ${step.users} | ${f.rps.toFixed(0)} | ${f.requests} | ${f.failures} | ${f.p50Ms} | ${f.p95Ms} | ${f.p99Ms} | ${f.maxMs} | ` +
      `${meets(step) ? 'yes' : `no: ${[...step.shortfalls, ...(v.pass ? [] : ['check failed'])].join('; ')}`} | ` +
      `${v.stored} / ${v.acked}${v.ackedTwice + v.duplicateRows > 0 ? ` (ids twice ${v.ackedTwice}, rows twice ${v.duplicateRows})` : ''} | ${v.storedWithoutAck} | ` +
      `${fixed(r.meanAcceptMs)} (${upTo(r)}) | ${r.batches}, ${fixed(r.meanBatchSize)}, ${fixed(r.meanBatchMs)} ms | ${fixed(r.loopDelayP99Ms)} / ${fixed(r.loopDelayMaxMs)} | ` +
      `${cores(c.locust)} / ${cores(c.replicas)} / ${cores(c.caddy)} / ${cores(c.driver)} / ${cores(c.rest)} (${cores(c.machine)}) |`
    );
  });
  const warnings = [...new Set(s.steps.flatMap((step) => step.warnings))];
  const failures = s.steps
    .filter((step) => step.failures.length > 0)
    .map((step) => `- ${step.askedRps} req/s: ${step.failures.join(', ')}`);
  const best = highestMeetingRate(s.steps);
  return `# Locust load test: poll answers through the proxy

${s.at} · ${s.machine.cores} cores, ${s.machine.memoryGb} GiB · Node ${s.machine.node} · ${s.postgres}

Code: ${s.commit}${s.changedSrcFiles.length > 0 ? ` with ${s.changedSrcFiles.length} changed files under src/ (${s.changedSrcFiles.join(', ')})` : ''}. Command: \`${s.command}\`.

Machine load (\`uptime\`) before: \`${s.uptimeBefore}\`; after: \`${s.uptimeAfter}\`.

**${verdictLine(s.steps, s.replicas)}**

Highest rate that still meets the gate with ${s.replicas} replicas on this machine: **${best === undefined ? 'none of the rates tried' : `${best} req/s`}**.

## What runs

- **The stack**, all on 127.0.0.1: ${s.replicas} bot processes (\`npm start\`, BOT_MODE=webhook, LOG_LEVEL=warn, other settings at their defaults) behind Caddy (bench/lib/replica-fleet.ts: deploy/caddy/Caddyfile's shape on plain http, round robin, no access log), Redis (${s.redisUrl}) for the shared Telegram limits, the Bot API simulator in the benchmark process (the bot's Telegram: it delivers the chat's commands by webhook through the same proxy), and a scratch database on the PostgreSQL server above, dropped at the end.
- **The quiz**: a user creates a one-question quiz in private; before each step its creator starts it in a new group with \`/startquiz <id> 600s\`, so the poll stays open through the step; after the step \`/stopquiz\` scores the run and the next step waits for its results.
- **The load**: \`${s.locustCommand}\`, Locust 2.12 (Debian's python3-locust) ${s.workers > 0 ? `as a master and ${s.workers} workers` : 'as one process'}, bench/locust/locustfile.py: each Locust user posts one \`poll_answer\` update a second (\`constant_throughput(1)\`), each from a Telegram user id never used before, to the open poll with a random option, with the webhook's secret header, to the proxy's webhook URL; so the users asked are the rate asked. Users all start in the first second and send for ${s.durationS} s (\`SEND_SECONDS\`), then stop by themselves; Locust's run time is 12 s longer, so that every answer sent gets its response (when its run time ends, this Locust kills some users in the middle of a request). The webhook answers 200 only once the answer is committed (group commit), so every latency includes a commit.
- **Figures** are Locust's own (its Aggregated row, written when Locust quits): Requests/s over the step, percentiles of the response time in whole milliseconds (Locust truncates to the millisecond, and rounds above 100 ms to 10 ms). A step **meets** the gate when p50 < ${p50Ms}, p95 < ${p95Ms} and p99 < ${p99Ms} ms, no request failed (Locust itself exits 1 when one did, which is how a Locust gate fails a release), and Locust reached at least 95 % of the asked rate; the gate as a whole is met when a step with at least ${minRps} req/s reached meets it. Steps go up until two in a row miss.
- **Check**: every player whose answer got a 200 has exactly one row in \`answers\` in the step's run (Locust writes their ids; the database is asked); rows of players without a 200 (a request Locust gave up on) are counted.
- **Replicas**: from each replica's /metrics before and after the step, summed: the time from a poll answer's arrival at a replica to its acceptance (\`quiz_agent_update_duration_seconds\`, the commit included): its mean, and the histogram bucket its p50, p95 and p99 fall in, and the answer batches committed (\`quiz_agent_answer_batch_size\`, \`quiz_agent_answer_batch_duration_seconds\`); the event-loop delay over the step of the replica where it was largest (prom-client's \`nodejs_eventloop_lag_p99_seconds\` and \`_max_seconds\`, reset by each scrape; its 10 ms timer resolution is included, so 10 ms means no delay). Locust's latency minus the acceptance is the proxy, the connections and Locust itself.
- **Cores** are CPU seconds per second over the step, from /proc: Locust (all its processes), the ${s.replicas} replicas together, Caddy, the benchmark process (the simulator; it is idle during a step), and the rest of the machine (PostgreSQL, Redis and anything else running); the machine's total in parentheses. This machine has ${s.machine.cores} cores for all of them, and Locust (Python, one core per process) competes with the stack it measures.

## Steps

| asked req/s | users | reached req/s | requests | failed | p50 ms | p95 ms | p99 ms | max ms | meets | 200s stored / acked | stored without a 200 | replicas: acceptance, mean ms (percentiles' buckets) | replicas: batches, mean size, mean commit | replicas: event-loop delay p99 / max ms | cores: Locust / replicas / Caddy / driver / rest (machine) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${failures.length > 0 ? `Failed requests, as Locust names them (\`HTTP 0\`: no HTTP answer, e.g. a connection reset):\n\n${failures.join('\n')}\n\n` : ''}${warnings.length > 0 ? `Locust warned:\n\n${warnings.map((w) => `    ${w.trim()}`).join('\n')}\n` : 'Locust gave no warning (it warns when its CPU use passes 90 %).\n'}
## Reading it

${observations(s).join('\n')}

## The proxy's configuration

\`\`\`
${s.caddyfile.trim()}
\`\`\`
`;
}
