/**
 * Where a step's latency went, from the replicas' own /metrics (prom-client), read before and
 * after the step: the mean time from a replica receiving a poll answer to its acceptance (the
 * commit included) and the answer batches committed (count, mean size, mean commit time), summed
 * over the replicas; and the replicas' event-loop delay over the step (prom-client's
 * monitorEventLoopDelay, which every scrape resets, so the reading after the step covers the
 * step: nothing else scrapes these replicas). What Locust measures beyond the acceptance is the
 * proxy, the connections and Locust itself; the acceptance histogram's buckets bound its
 * percentiles (p95 <= 250 ms: the bucket it falls in), which says whether a tail is inside the
 * replicas.
 */

/** Histogram sums and counts, added up over the replicas, by series name as Prometheus prints it. */
const SUMMED = {
  acceptSum: 'quiz_agent_update_duration_seconds_sum{type="poll_answer"}',
  acceptCount: 'quiz_agent_update_duration_seconds_count{type="poll_answer"}',
  batchSecondsSum: 'quiz_agent_answer_batch_duration_seconds_sum',
  batchCount: 'quiz_agent_answer_batch_duration_seconds_count',
  batchSizeSum: 'quiz_agent_answer_batch_size_sum',
} as const;

/** Gauges of the event-loop delay since the previous scrape, the largest over the replicas. */
const LARGEST = {
  loopDelayP99: 'quiz_agent_nodejs_eventloop_lag_p99_seconds',
  loopDelayMax: 'quiz_agent_nodejs_eventloop_lag_max_seconds',
} as const;

/** The acceptance histogram's buckets: cumulative counts by upper bound in seconds (`+Inf`: Infinity). */
const ACCEPT_BUCKET = 'quiz_agent_update_duration_seconds_bucket{';

type Reading = Record<keyof typeof SUMMED | keyof typeof LARGEST, number> & { acceptBuckets: Map<number, number> };

/** The replicas' figures over one step. */
export interface ReplicaFigures {
  /** Poll answers the replicas accepted. */
  accepted: number;
  /** Their mean time from arrival at a replica to acceptance (committed), in ms. */
  meanAcceptMs: number;
  batches: number;
  meanBatchSize: number;
  /** Mean time to commit one batch (one transaction), in ms. */
  meanBatchMs: number;
  /** Upper bounds of the acceptance's p50, p95 and p99, in ms: the histogram bucket each falls in (Infinity: above the largest). */
  acceptUpToMs: { p50: number; p95: number; p99: number };
  /** Event-loop delay p99 and max of the replica where it was largest, in ms (a timer's 10 ms resolution included). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Reads every replica's /metrics now; `finish()` reads them again and returns the step's figures. */
export async function startReplicaMetrics(httpPorts: readonly number[]): Promise<{ finish(): Promise<ReplicaFigures> }> {
  const before = await readAll(httpPorts);
  return {
    async finish() {
      const after = await readAll(httpPorts);
      const delta = (key: keyof typeof SUMMED): number => after[key] - before[key];
      const batches = delta('batchCount');
      return {
        accepted: delta('acceptCount'),
        meanAcceptMs: (delta('acceptSum') * 1000) / delta('acceptCount'),
        batches,
        meanBatchSize: delta('batchSizeSum') / batches,
        meanBatchMs: (delta('batchSecondsSum') * 1000) / batches,
        acceptUpToMs: {
          p50: bucketOf(before.acceptBuckets, after.acceptBuckets, 0.5),
          p95: bucketOf(before.acceptBuckets, after.acceptBuckets, 0.95),
          p99: bucketOf(before.acceptBuckets, after.acceptBuckets, 0.99),
        },
        loopDelayP99Ms: after.loopDelayP99 * 1000,
        loopDelayMaxMs: after.loopDelayMax * 1000,
      };
    },
  };
}

async function readAll(httpPorts: readonly number[]): Promise<Reading> {
  const readings = await Promise.all(httpPorts.map(readOne));
  const total = {
    ...(Object.fromEntries([...Object.keys(SUMMED), ...Object.keys(LARGEST)].map((key) => [key, 0])) as Omit<Reading, 'acceptBuckets'>),
    acceptBuckets: new Map<number, number>(),
  };
  for (const reading of readings) {
    for (const [le, count] of reading.acceptBuckets) total.acceptBuckets.set(le, (total.acceptBuckets.get(le) ?? 0) + count);
    for (const key of Object.keys(SUMMED) as (keyof typeof SUMMED)[]) total[key] += reading[key];
    for (const key of Object.keys(LARGEST) as (keyof typeof LARGEST)[]) total[key] = Math.max(total[key], reading[key]);
  }
  return total;
}

async function readOne(httpPort: number): Promise<Reading> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /metrics of the replica on port ${httpPort} answered ${response.status}`);
  const values = new Map<string, number>();
  const acceptBuckets = new Map<number, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    const series = line.slice(0, space);
    const value = Number(line.slice(space + 1));
    values.set(series, value);
    const le = /le="([^"]+)"/.exec(series)?.[1];
    if (series.startsWith(ACCEPT_BUCKET) && series.includes('type="poll_answer"') && le !== undefined)
      acceptBuckets.set(le === '+Inf' ? Infinity : Number(le), value);
  }
  // A series not printed yet (nothing observed) is 0.
  const named = { ...SUMMED, ...LARGEST };
  return {
    ...(Object.fromEntries(Object.entries(named).map(([key, name]) => [key, values.get(name) ?? 0])) as Omit<Reading, 'acceptBuckets'>),
    acceptBuckets,
  };
}

/** The upper bound (ms) of the bucket where quantile `q` of the step's acceptances falls; NaN without any. */
function bucketOf(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total === 0) return Number.NaN;
  const bound = bounds.find((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0) >= q * total);
  return (bound ?? Infinity) * 1000;
}
