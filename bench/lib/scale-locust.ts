/**
 * The seed load-test parity figures in bench:scale's report: bench:locust writes
 * bench/reports/locust.json next to its markdown, and bench:scale's report quotes it (its date,
 * code and command kept, so a reader sees which revision each figure measured), since issue 15
 * wants the Locust figures with the others. The Locust run itself stays its own command: it needs
 * python3-locust and gates a release on its own.
 */
import fs from 'node:fs';
import { GATE, highestMeetingRate, verdictLine, type LocustStepRow, type LocustSummary } from './locust-report.js';

/** What bench/reports/locust.json holds. */
export interface LocustGateReport {
  at: string;
  command: string;
  commit: string;
  changedSrcFiles: string[];
  replicas: number;
  gate: string;
  verdict: string;
  highestMeetingRps: number | null;
  steps: {
    askedRps: number;
    reachedRps: number;
    requests: number;
    failed: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    meets: boolean;
    storedOnce: boolean;
  }[];
}

export const LOCUST_JSON = 'bench/reports/locust.json';

export function locustGateReport(
  summary: Pick<LocustSummary, 'at' | 'command' | 'commit' | 'changedSrcFiles' | 'replicas'>,
  steps: readonly LocustStepRow[],
): LocustGateReport {
  const best = highestMeetingRate(steps);
  return {
    at: summary.at,
    command: summary.command,
    commit: summary.commit,
    changedSrcFiles: summary.changedSrcFiles,
    replicas: summary.replicas,
    gate: GATE,
    verdict: verdictLine(steps, summary.replicas),
    highestMeetingRps: best ?? null,
    steps: steps.map((step) => ({
      askedRps: step.askedRps,
      reachedRps: Math.round(step.figures.rps * 10) / 10,
      requests: step.figures.requests,
      failed: step.figures.failures,
      p50Ms: step.figures.p50Ms,
      p95Ms: step.figures.p95Ms,
      p99Ms: step.figures.p99Ms,
      meets: step.shortfalls.length === 0 && step.verification.pass,
      storedOnce: step.verification.pass,
    })),
  };
}

/** The last bench:locust run's figures, or undefined when it never ran here. */
export function readLocustGateReport(file = LOCUST_JSON): LocustGateReport | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LocustGateReport;
}

/** The report's section on the Locust gate. */
export function renderLocustSection(report: LocustGateReport | undefined): string[] {
  const heading = ['## Seed load-test parity (Locust)', ''];
  if (!report)
    return [
      ...heading,
      'bench:locust has not run on this checkout (no bench/reports/locust.json): `npm run bench:locust`, see bench/locust/README.md.',
      '',
    ];
  const changed = report.changedSrcFiles.length > 0 ? ` with ${report.changedSrcFiles.length} files under src/ changed` : '';
  return [
    ...heading,
    `From bench/reports/locust.md (${report.at}, code ${report.commit}${changed}; \`${report.command}\`): Locust posts valid poll answers with the webhook secret through Caddy to ${report.replicas} replicas, one step per rate.`,
    '',
    `**${report.verdict}**`,
    '',
    '| asked req/s | reached req/s | requests | failed | p50 ms | p95 ms | p99 ms | every answer stored once | meets the gate |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.steps.map(
      (s) =>
        `| ${s.askedRps} | ${s.reachedRps} | ${s.requests} | ${s.failed} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} | ${s.storedOnce ? 'yes' : '**no**'} | ${s.meets ? 'yes' : 'no'} |`,
    ),
    '',
  ];
}
