/**
 * npm run bench:groups [-- --runs 3 --groups 500 --players 10 --questions 3 --open 30
 *                         --budget <s> --out bench/reports/groups --note "text" --bot-env NAME=value ...]
 *
 * Many quizzes at once (issue 12): `--groups` groups of `--players` virtual players start the same
 * quiz of `--questions` questions of `--open` seconds within one second, against the Bot API
 * simulator with Telegram's real flood limits, while one player per group sends /leaderboard and
 * another /myscore during the first question. The bot runs as its own process (long polling,
 * exactly `npm start`) on PostgreSQL (DATABASE_URL, or an embedded server), a fresh database per
 * run. Prints one `MET` / `NOT MET` line per target of the issue (medians of `--runs`) and a
 * PASS / FAIL correctness line; writes `<out>.md` and `<out>.json`. A target missed is a finding,
 * not an error: the process exits non-zero only when the benchmark could not run. Each run ends
 * after `--budget` seconds from its first /startquiz at the latest (default: four times the
 * global-limit floor of the expected messages, plus each group's own chain, plus 10 minutes), or
 * earlier when the bot stays silent in every group (stalled), and reports what it has.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/logger.js';
import type { EmbeddedPostgres } from '../src/store/embedded-postgres.js';
import { startTemporaryEmbeddedPostgres } from '../tools/temporary-embedded-postgres.js';
import { envPair, wholeNumber } from './lib/args.js';
import { describeServer, describeSource } from './lib/run-setup.js';
import { busyMachineRuns, howItEnded, renderGroupsMarkdown, summarizeGroups, targetLine } from './lib/groups-report.js';
import { describeStall } from './lib/groups-stall.js';
import { runGroupsScenario, type GroupsRunResult } from './lib/groups-run.js';
import { machineInfo } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    groups: { type: 'string', default: '500' },
    players: { type: 'string', default: '10' },
    questions: { type: 'string', default: '3' },
    open: { type: 'string', default: '30' },
    budget: { type: 'string' },
    out: { type: 'string', default: 'bench/reports/groups' },
    // A sentence for the top of the report (e.g. which code a baseline measured, and how).
    note: { type: 'string' },
    'bot-env': { type: 'string', multiple: true, default: [] },
  },
});
const runs = wholeNumber('runs', args.runs, 1);
const groups = wholeNumber('groups', args.groups, 1);
const players = wholeNumber('players', args.players, 1);
const questions = wholeNumber('questions', args.questions, 1);
// 5 s is Telegram's shortest open period; think times need at least 1.5 s of it.
const openPeriodS = wholeNumber('open', args.open, 5);
// Announcement, questions, results and two replies per group, at 30 a second; each group's own
// chain (3 s to its first question, then each question's period and 1.5 s grace); room.
const expectedMessages = groups * (questions + 4);
const budgetS =
  args.budget === undefined
    ? Math.ceil((4 * expectedMessages) / 30 + 3 + questions * (openPeriodS + 1.5 + 3) + 600)
    : wholeNumber('budget', args.budget, 10);
const botEnv = Object.fromEntries(args['bot-env'].map(envPair));
const out = args.out;

const command =
  `npm run bench:groups -- --runs ${runs} --groups ${groups} --players ${players} --questions ${questions} --open ${openPeriodS} --budget ${budgetS}` +
  (out === 'bench/reports/groups' ? '' : ` --out ${out}`) +
  (args.note === undefined ? '' : ` --note ${JSON.stringify(args.note)}`) +
  args['bot-env'].map((pair) => ` --bot-env ${pair}`).join('');
const logger = createLogger({ level: 'warn', pretty: false });
const embedded = process.env.DATABASE_URL ? undefined : await startTemporaryEmbeddedPostgres({ logger });
try {
  const adminUrl = process.env.DATABASE_URL ?? (embedded as EmbeddedPostgres).url;
  const server = await describeServer(adminUrl, embedded ? 'embedded' : 'DATABASE_URL');
  console.log(
    `Group storm: ${groups} groups x ${players} players, ${questions} questions of ${openPeriodS} s, ${runs} run(s), budget ${budgetS} s each; ` +
      `bot process + simulator + PostgreSQL ${server.version} (${server.source}); ${machineInfo().cores} cores, Node ${process.version}`,
  );
  const results: GroupsRunResult[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await runGroupsScenario({
      name: `run #${run}`,
      adminUrl,
      logger,
      seed: run,
      botEnv,
      groups,
      players,
      questions,
      openPeriodS,
      budgetS,
    });
    results.push(result);
    console.log(describeRun(result));
  }

  const summary = summarizeGroups({
    at: new Date().toISOString(),
    command,
    machine: { ...machineInfo(), cpu: os.cpus()[0]?.model ?? 'unknown' },
    server,
    botEnv,
    source: describeSource(),
    ...(args.note ? { note: args.note } : {}),
    runs: results,
  });
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(`${out}.json`, `${JSON.stringify(summary, null, 2)}\n`);
  await fs.writeFile(`${out}.md`, renderGroupsMarkdown(summary));
  console.log(`\nMedians of ${runs} run(s):`);
  for (const target of summary.targets) console.log(targetLine(target));
  console.log(`${summary.correctness.pass ? 'PASS' : 'FAIL'} correctness: ${summary.correctness.detail}`);
  const busy = busyMachineRuns(results);
  if (busy.length > 0)
    console.log(`Warning: other programs competed for the cores in ${busy.map((r) => r.name).join(', ')} (see "others" in the report)`);
  console.log(`Report: ${out}.md, ${out}.json`);
} finally {
  await embedded?.stop();
}

function describeRun(r: GroupsRunResult): string {
  const lines = [
    `${r.name}: ${r.groupsFinished}/${r.groups} groups finished${r.complete ? '' : ` (${howItEnded(r)})`}; ` +
      `all done ${r.allDoneS ?? 'never'} s, floor ${r.floorS} s (${r.messages} messages), ideal ${r.ideal.allDoneS} s; ` +
      `last first question ${r.firstQuestion.lastS ?? 'never'} s; hand-out delay p99 ${r.handOutDelay.p99Ms} ms; hand-out -> commit p99 ${r.handOutToCommit.p99Ms} ms; ` +
      `429s ${r.tooManyRequests.total}; pool peak ${Math.max(r.pool.peakCheckedOut ?? 0, r.pool.peakNonIdleBackends)}; ` +
      `RSS ${Math.max(r.memory.hwmMb, r.memory.peakSampledRssMb)} MB; ${r.verification.pass ? 'PASS' : 'FAIL'} ${r.verification.groupsCorrect}/${r.verification.groups} groups correct`,
  ];
  if (r.stall) lines.push(`    at the end: ${describeStall(r.stall)}`);
  for (const problem of r.verification.problems.slice(0, 5)) lines.push(`    ${problem}`);
  return lines.join('\n');
}
