/**
 * bench/reports/scale.md from the summary of bench/scale.ts: the targets, the figures per
 * replica count, how each was measured, and every run.
 */
import { renderLocustSection, type LocustGateReport } from './scale-locust.js';
import type { IntakeBlast } from './scale-intake.js';
import type { ReplicaFigures, ScaleSummary, ScenarioFigures } from './scale-report.js';
import type { ScaleStormResult } from './scale-storm.js';

export function renderScaleMarkdown(s: ScaleSummary, note: string | undefined, locust?: LocustGateReport): string {
  const m = s.machine;
  const load = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    '# Several replicas behind a proxy (bench:scale)',
    '',
    `${s.at} · ${m.cores} cores (${m.cpu}), ${m.memoryGb} GiB · Node ${m.node.replace(/^v/, 'v')} · PostgreSQL ${s.server.version} ` +
      `(fsync=${s.server.fsync}, synchronous_commit=${s.server.synchronousCommit}) · ${s.tools.caddy} · Redis ${s.tools.redis}`,
    '',
    `Load average (1 / 5 / 15 min) before the first run ${load(s.load.before)}, after the last ${load(s.load.after)}: ` +
      'the machine is shared, and other programs running at the same time slow every figure below.',
    '',
    `Code: ${s.source.commit}${s.source.changedSrcFiles.length > 0 ? ` with ${s.source.changedSrcFiles.length} files under src/ changed (${s.source.changedSrcFiles.join(', ')})` : ''}. ` +
      `Command: \`${s.command}\`. Bot settings beyond the defaults: ${
        Object.keys(s.botEnv).length === 0
          ? 'none'
          : Object.entries(s.botEnv)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')
      }.`,
    '',
    ...(note ? [note, ''] : []),
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...s.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    '## Per replica count (medians of the runs)',
    '',
    'answers/s; hand-out -> commit p50 / p99 ms (blasts: write -> 200); CPU seconds per 1,000 answers, all replicas together / the proxy; cores the replicas used.',
    '',
    '| replicas | many groups | throughput (simulator, webhook via proxy) | blast straight to one replica | blast via the proxy | connections peak (busy) / server peak / max_connections |',
    '| --- | --- | --- | --- | --- | --- |',
    ...s.perReplicas.map(
      (f) =>
        `| ${f.replicas} | ${cell(f.storm)} | ${cell(f.throughput)} | ${cell(f.intake?.direct ?? null)} | ${cell(f.intake?.proxy ?? null)} | ${connections(f)} |`,
    ),
    '',
    ...renderLocustSection(locust),
    ...WHAT_RUNS,
    '',
    '## Runs',
    '',
    '### Many groups (and failover)',
    '',
    '| run | replicas | finished | storm s | answers stored / expected | answers/s | hand-out -> commit p50 / p99 / max ms (unseen) | replies p50 / max ms (twice) | CPU s / 1,000 answers: replicas, proxy | 429s; refused global / group / chat | doubled; out of order | webhook failed / redelivered | max pause s | kill |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...[...s.runs.storm, ...s.runs.failover].map(stormRow),
    '',
    ...problems([...s.runs.storm, ...s.runs.failover]),
    ...killRates(s.runs.failover),
    ...warnings([...s.runs.storm, ...s.runs.failover]),
    '### Throughput',
    '',
    '| run | replicas | answers/s | per question | hand-out -> commit p50 / p99 / max ms (unseen) | CPU s / 1,000 answers: replicas, proxy | cores | 429s; refused | in order | webhook failed / redelivered | check |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...s.runs.throughput.map(
      (r) =>
        `| ${r.name} | ${r.replicas} | ${r.answersPerSecond} | ${r.bursts.map((b) => `${b.answers} in ${b.seconds} s`).join('; ')} | ` +
        `${r.handOutToCommit.p50Ms} / ${r.handOutToCommit.p99Ms} / ${r.handOutToCommit.maxMs} (${r.handOutToCommit.unseen}) | ` +
        `${r.cpuPer1000Answers.bots}, ${r.cpuPer1000Answers.proxy} | ${r.botCores} | ${r.tooManyRequests}; ${r.floodRefusals} | ${r.questionsInOrder ? 'yes' : '**no**'} | ` +
        `${r.webhook.failed} / ${r.webhook.redelivered} | ${r.verification.pass ? 'PASS' : `**FAIL**: ${r.verification.problems.slice(0, 3).join('; ')}`} |`,
    ),
    '',
    '### Webhook blasts',
    '',
    '| run | replicas | target | answers, connections | answers/s | write -> 200 p50 / p99 / max ms | answers | stored exactly | CPU s / 1,000 answers: replicas, proxy | cores |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...s.runs.intake.flatMap((run) => run.blasts.map((b) => blastRow(run.name, run.replicas, b))),
    '',
    '## The proxy',
    '',
    "Generated per run by bench/lib/replica-fleet.ts (the replicas' ports change):",
    '',
    '```',
    s.caddyfile.trim(),
    '```',
    '',
  ];
  return lines.join('\n');
}

function cell(f: ScenarioFigures | null): string {
  if (!f) return '-';
  return `${f.answersPerSecond.toLocaleString('en')}/s; ${f.p50Ms} / ${f.p99Ms} ms; CPU ${f.cpuPer1000.bots} / ${f.cpuPer1000.proxy} s; ${f.botCores} cores`;
}

function connections(f: ReplicaFigures): string {
  const c = f.connections;
  return `${c.peak} (${c.peakBusy}) / ${c.peakServer} / ${c.maxConnections}`;
}

function stormRow(r: ScaleStormResult): string {
  const h = r.handOutToCommit;
  const kill = r.kill
    ? `replica ${r.kill.replica} at ${r.kill.atS} s: ${r.kill.affectedRuns} runs held, worst pause ${r.kill.maxPauseAffectedS ?? '-'} s (others ${r.kill.maxPauseOthersS} s)`
    : '-';
  return (
    `| ${r.name} | ${r.replicas} | ${r.groupsFinished}/${r.groups} (${r.endReason}) | ${r.stormS} | ${r.answersStored} / ${r.answersExpected} | ${r.answersPerSecond} | ` +
    `${h.p50Ms} / ${h.p99Ms} / ${h.maxMs} (${h.unseen}) | ${r.replies.p50Ms} / ${r.replies.maxMs} (${r.replies.answeredTwice}) | ` +
    `${r.cpuPer1000Answers.bots}, ${r.cpuPer1000Answers.proxy} | ${r.limits.tooManyRequests}; ${r.limits.byScope.global} / ${r.limits.byScope.group} / ${r.limits.byScope.chat} | ` +
    `${r.doubledQuestions}; ${r.groupsOutOfOrder} | ${r.webhook.failed} / ${r.webhook.redelivered} | ${r.maxPauseS} | ${kill} |`
  );
}

/** The first problems of runs whose check failed. */
function problems(runs: readonly ScaleStormResult[]): string[] {
  const failing = runs.filter((r) => !r.verification.pass);
  if (failing.length === 0) return ["Every group of every run matched its players' log (answers, scores, results message, questions).", ''];
  return [
    'Runs whose check failed (groups-verify.ts), with their first problems:',
    '',
    ...failing.flatMap((r) => [
      `- ${r.name}: ${r.verification.groupsCorrect}/${r.verification.groups} groups correct (no results ${r.verification.failures.noResults}, database ${r.verification.failures.database}, results text ${r.verification.failures.resultsText}, questions ${r.verification.failures.questions})`,
      ...r.verification.problems.slice(0, 5).map((p) => `  - ${p}`),
    ]),
    '',
  ];
}

/** The fleet's messages per second around each kill. */
function killRates(runs: readonly ScaleStormResult[]): string[] {
  const killed = runs.filter((r) => r.kill);
  if (killed.length === 0) return [];
  return [
    "The bot's messages per second in the storm's groups, all replicas together, in the 10 s before the kill | the 30 s after it (Telegram's limit: 30):",
    '',
    ...killed.map((r) => `- ${r.name}: ${r.kill?.messagesPerSecond.before.join(' ')} | ${r.kill?.messagesPerSecond.after.join(' ')}`),
    '',
  ];
}

/** What the replicas logged at warn level or above, and why webhook deliveries failed, per run. */
function warnings(runs: readonly ScaleStormResult[]): string[] {
  const failures = runs
    .filter((r) => r.webhook.failed > 0)
    .map(
      (r) =>
        `- ${r.name}: ${r.webhook.failed} failed; ${Object.entries(r.webhook.errors)
          .map(([msg, n]) => `"${msg}" (${n} x)`)
          .join(', ')}`,
    );
  const failed =
    failures.length === 0
      ? []
      : [
          "Why webhook deliveries failed (getWebhookInfo's last error, read every 100 ms: each message with the number of reads that found new failures under it):",
          '',
          ...failures,
          '',
        ];
  const lines = runs
    .filter((r) => Object.keys(r.replicaWarnings).length > 0)
    .map(
      (r) =>
        `- ${r.name}: ${Object.entries(r.replicaWarnings)
          .map(([msg, n]) => `${n} x "${msg}"`)
          .join('; ')}`,
    );
  return [
    ...failed,
    ...(lines.length === 0 ? [] : ['What the replicas logged at warn level or above (all replicas together):', '', ...lines, '']),
  ];
}

function blastRow(name: string, replicas: number, b: IntakeBlast): string {
  const l = b.result.latency;
  const statuses = Object.entries(b.result.statuses)
    .map(([status, n]) => `${n} x ${status}`)
    .join(', ');
  return (
    `| ${name} | ${replicas} | ${b.target} | ${b.answers}, ${b.connections} | ${b.result.perSecond.toLocaleString('en')} | ${l.p50Ms} / ${l.p99Ms} / ${l.maxMs} | ` +
    `${statuses} | ${b.storedExactly} | ${b.cpuPer1000Answers.bots}, ${b.cpuPer1000Answers.proxy} | ${b.botCores} |`
  );
}

const WHAT_RUNS = [
  '## What runs',
  '',
  "- **The fleet** (bench/lib/replica-fleet.ts): Caddy (`caddy run`, a Caddyfile in the shape of deploy/caddy/Caddyfile, below) on 127.0.0.1 forwards POST requests round-robin to N bot processes, each `node --import tsx src/main.ts` (`npm start`) in `BOT_MODE=webhook` with the proxy's URL as WEBHOOK_URL, its own HTTP_PORT, LOG_LEVEL=warn and every other setting at its default. They share one scratch PostgreSQL database (created and dropped per run) and one Redis database, empty at the start of the run (bench/lib/scale-redis.ts: the bot's limiter names in Redis are fixed, so a database of its own keeps runs and other programs apart). Every replica calls setWebhook at start; Telegram, and the simulator, allow that once a second, so the second and third get a 429 and retry (before any scenario starts: not counted below).",
  "- **Telegram** is the simulator (packages/telegram-sim) in the benchmark process, with Telegram's documented flood limits, delivering every update by webhook to the proxy as Telegram does (at most `max_connections`, 40 by default, in flight; one at a time per chat, or per user for poll answers; a failed delivery is sent again after 1, 2, 4 ... s). It counts every call of every replica: its 429s and flood-limit refusals are the fleet's, all replicas together. Counts are taken from just before a scenario starts to its end.",
  "- **Many groups**: bench:groups' storm (bench/lib/groups-storm.ts): a quiz created in chat, G groups of P virtual players that /startquiz it within one second, each player answering every question once after a think time within the open period, one /leaderboard and one /myscore per group during the first question. Checked per group (bench/lib/groups-verify.ts): every answer stored exactly as given, every player scored as the log says, the results message, no question twice; and from the simulator's transcript every group's questions 1..n exactly once, in order (bench/lib/scale-pauses.ts). Answers/s here are answers stored / storm duration: the storm is paced by Telegram's limits, not by the bot.",
  "- **Throughput**: bench:e2e's throughput scenario by webhook: one group, every player answers each question the instant it appears; per question, answers / (last commit - first hand-out). Checked against the players' log (bench/lib/e2e-verify.ts).",
  "- **Webhook blasts** (bench/lib/scale-intake.ts, scale-blast.ts): a quiz runs in a group with one question open for 10 minutes; the benchmark posts valid poll_answer updates for its poll (a new user each, one vote, unique update_ids) over keep-alive connections, one request in flight per connection (no pipelining), built before the clock starts; first straight to replica 1's port, then through the proxy. A 200 means committed (the webhook answers once acceptance committed). Each blast follows a warm-up of 2,000 answers, not measured. Every answer is then looked up in the database: exactly one row for its user, with the option sent.",
  "- **Failover**: the many-groups storm on 3 replicas; at the given second the replica holding the most run claims is killed with SIGKILL. \"Runs held\" are those whose claim it held when it died (their `claimed_by` names its pid). A run's schedule: first question 3 s after the announcement (20 group messages a minute), each next question and the results open period + 1.5 s after the previous question. The pause of a held run is how late its first message after the kill came, counted from the kill at the earliest (lateness it already had is the storm's, not the kill's), on the simulator's clock; \"others\" is the same for the storm's other runs, whose first message after the kill waited only for Telegram's 30 messages a second. \"max pause\" in the table is a run's worst lateness at any step, kill or not.",
  '- **Hand-out -> commit**: the simulator reports each webhook POST of a poll_answer; the scratch database has statement triggers that NOTIFY the update_ids each commit wrote (bench/lib/e2e-commits.ts), and the driver stamps the arrival: an upper bound of the commit moment.',
  "- **CPU** from /proc/<pid>/stat of every replica (summed) and of Caddy, sampled every 250 ms, over the storm (first /startquiz to last results), the throughput bursts or the blast; per 1,000 answers stored. The storm's CPU is mostly running quizzes (sending, closing, scoring), not answers.",
  "- **Connections**: pg_stat_activity every 200 ms: backends of the run's database with an application_name starting `quiz-agent` (all replicas' pools and monitors), and busy ones (not idle); the server's client backends of every database; against max_connections. Each replica may open DB_POOL_SIZE + DB_MAX_OVERFLOW (30 + 50 by default), so 3 replicas could open 240; what they opened is the peak.",
];
