/**
 * Where a step's latency went, from the replicas' own /metrics (prom-client histograms, read
 * before and after the step and summed over the replicas): the mean time from a replica
 * receiving a poll answer to its acceptance (the commit included), and the answer batches
 * committed (count, mean size, mean commit time). What Locust measures beyond the acceptance is
 * the proxy, the connection and Locust itself.
 */

/** The histogram sums and counts used, by series name with labels, as Prometheus prints them. */
const SERIES = {
  acceptSum: 'quiz_agent_update_duration_seconds_sum{type="poll_answer"}',
  acceptCount: 'quiz_agent_update_duration_seconds_count{type="poll_answer"}',
  batchSecondsSum: 'quiz_agent_answer_batch_duration_seconds_sum',
  batchCount: 'quiz_agent_answer_batch_duration_seconds_count',
  batchSizeSum: 'quiz_agent_answer_batch_size_sum',
} as const;

type Reading = Record<keyof typeof SERIES, number>;

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
}

/** Reads every replica's /metrics now; `finish()` reads them again and returns the difference. */
export async function startReplicaMetrics(httpPorts: readonly number[]): Promise<{ finish(): Promise<ReplicaFigures> }> {
  const before = await readAll(httpPorts);
  return {
    async finish() {
      const after = await readAll(httpPorts);
      const delta = (key: keyof Reading): number => after[key] - before[key];
      const batches = delta('batchCount');
      return {
        accepted: delta('acceptCount'),
        meanAcceptMs: (delta('acceptSum') * 1000) / delta('acceptCount'),
        batches,
        meanBatchSize: delta('batchSizeSum') / batches,
        meanBatchMs: (delta('batchSecondsSum') * 1000) / batches,
      };
    },
  };
}

async function readAll(httpPorts: readonly number[]): Promise<Reading> {
  const readings = await Promise.all(httpPorts.map(readOne));
  const total = Object.fromEntries(Object.keys(SERIES).map((key) => [key, 0])) as Reading;
  for (const reading of readings) for (const key of Object.keys(SERIES) as (keyof Reading)[]) total[key] += reading[key];
  return total;
}

async function readOne(httpPort: number): Promise<Reading> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /metrics of the replica on port ${httpPort} answered ${response.status}`);
  const values = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  // A series not printed yet (nothing observed) is 0.
  return Object.fromEntries(Object.entries(SERIES).map(([key, series]) => [key, values.get(series) ?? 0])) as Reading;
}
