/**
 * Locust's request statistics (the CSV that bench/locust/locustfile.py writes when Locust quits,
 * in the columns of Locust's own `--csv` stats file) and the seed deployments' release gate:
 * >= 300 req/s with p50 < 50 ms, p95 < 100 ms and p99 < 150 ms.
 */

/** The gate, as the seed deployments state it. */
export const SEED_THRESHOLDS = { minRps: 300, p50Ms: 50, p95Ms: 100, p99Ms: 150 } as const;

/**
 * Share of the asked rate a step must reach to count as run at that rate: Locust's Requests/s
 * runs from the first request to the last, so a step that kept up lands within a few percent.
 */
export const REACHED_SHARE = 0.95;

/** The Aggregated row of one Locust run. */
export interface LocustFigures {
  requests: number;
  failures: number;
  /** Locust's Requests/s: requests over the time from the start to the last request. */
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The Aggregated row of a Locust requests CSV. Locust records response times in whole
 * milliseconds (truncated), and its percentiles round further above 100 ms (to 10 ms) and above
 * 1,000 ms (to 100 ms).
 *
 * @example
 * parseLocustStats(fs.readFileSync('/tmp/run_final_stats.csv', 'utf8')).p99Ms
 */
export function parseLocustStats(csv: string): LocustFigures {
  const [header, ...rows] = csv
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
  const aggregated = rows.find((row) => row[1] === 'Aggregated');
  if (!header || !aggregated) throw new Error(`no Aggregated row in Locust's stats:\n${csv.slice(0, 2000)}`);
  const column = (name: string): number => {
    const index = header.indexOf(name);
    const value = Number(aggregated[index]);
    if (index < 0 || !Number.isFinite(value)) throw new Error(`Locust's stats have no number in column "${name}":\n${csv.slice(0, 2000)}`);
    return value;
  };
  // A run without a single request has "N/A" percentiles: nothing was measured.
  if (column('Request Count') === 0) throw new Error('Locust sent no request');
  return {
    requests: column('Request Count'),
    failures: column('Failure Count'),
    rps: column('Requests/s'),
    p50Ms: column('50%'),
    p95Ms: column('95%'),
    p99Ms: column('99%'),
    maxMs: column('100%'),
  };
}

/**
 * The failures of a Locust failures CSV (Method,Name,Error,Occurrences) as "<error> × <count>",
 * e.g. `CatchResponseError('HTTP 503') × 2`.
 */
export function parseLocustFailures(csv: string): string[] {
  return csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      // The error is the only field that may hold commas (quoted): it lies between the name and the count.
      const lastComma = line.lastIndexOf(',');
      const error = line.slice(0, lastComma).split(',').slice(2).join(',');
      return `${error.replace(/^"|"$/g, '').replaceAll('""', '"')} × ${line.slice(lastComma + 1)}`;
    });
}

/** What a step at `askedRps` fell short in; empty when it met the latency gate at that rate. */
export function shortfalls(figures: LocustFigures, askedRps: number): string[] {
  const problems: string[] = [];
  if (figures.failures > 0) problems.push(`${figures.failures} failed requests`);
  if (figures.rps < askedRps * REACHED_SHARE) problems.push(`reached ${figures.rps.toFixed(0)} of ${askedRps} req/s`);
  if (figures.p50Ms >= SEED_THRESHOLDS.p50Ms) problems.push(`p50 ${figures.p50Ms} >= ${SEED_THRESHOLDS.p50Ms} ms`);
  if (figures.p95Ms >= SEED_THRESHOLDS.p95Ms) problems.push(`p95 ${figures.p95Ms} >= ${SEED_THRESHOLDS.p95Ms} ms`);
  if (figures.p99Ms >= SEED_THRESHOLDS.p99Ms) problems.push(`p99 ${figures.p99Ms} >= ${SEED_THRESHOLDS.p99Ms} ms`);
  return problems;
}
