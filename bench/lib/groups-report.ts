/**
 * Turns the runs of bench/groups.ts into its summary (medians, the issue's targets as MET /
 * NOT MET, the correctness verdict) and the markdown report.
 */
import type { E2eServer } from './e2e-report.js';
import { WITHIN_FACTOR } from './groups-first-question.js';
import { describeStall } from './groups-stall.js';
import { quietLimitMs } from './groups-storm.js';
import type { GroupsRunResult } from './groups-run.js';
import { median, round } from './stats.js';

/** One target of the issue, judged on the medians of the runs. */
export interface GroupsTarget {
  target: string;
  measured: string;
  met: boolean;
}

/** What bench/reports/groups.json holds. */
export interface GroupsSummary {
  at: string;
  command: string;
  machine: { cores: number; memoryGb: number; node: string; cpu: string };
  server: E2eServer;
  botEnv: Record<string, string>;
  /** The code measured: HEAD and the files under src/ that differ from it. */
  source: { commit: string; changedSrcFiles: string[] };
  /** `--note`: what the reader should know first (e.g. which code a baseline measured). */
  note?: string;
  targets: GroupsTarget[];
  correctness: { pass: boolean; detail: string };
  runs: GroupsRunResult[];
}

const LIMITS = { factor: WITHIN_FACTOR, handOutP99Ms: 100, commitP99Ms: 100, poolShare: 0.5, rssMb: 250 };

/** The median of values where null (a run that ran out of budget, a group never asked) counts as worst. */
function worstAwareMedian(values: readonly (number | null)[]): number {
  return median(values.map((v) => (v === null || Number.isNaN(v) ? Infinity : v)));
}

const show = (n: number, unit = ''): string => (Number.isFinite(n) ? `${round(n, 2).toLocaleString('en')}${unit}` : 'never (unfinished)');

/** Medians, targets and the verdict of the runs. */
export function summarizeGroups(input: Omit<GroupsSummary, 'targets' | 'correctness'>): GroupsSummary {
  const runs = input.runs;
  const med = (pick: (r: GroupsRunResult) => number | null): number => worstAwareMedian(runs.map(pick));
  const first = runs[0] as GroupsRunResult;
  const groups = first.groups;

  const allDone = med((r) => r.allDoneS);
  const floor = med((r) => r.floorS);
  const doneRatio = med((r) => (r.allDoneS === null ? null : r.allDoneS / r.floorS));
  const aWorst = med((r) => r.firstQuestion.startOrder.worstRatio);
  const aWithin = med((r) => r.firstQuestion.startOrder.within);
  const bWorst = med((r) => r.firstQuestion.ideal.worstRatio);
  const bWithin = med((r) => r.firstQuestion.ideal.within);
  const handOutP99 = med((r) => r.handOutDelay.p99Ms);
  const commitP99 = med((r) => r.handOutToCommit.p99Ms);
  const tooMany = med((r) => r.tooManyRequests.total);
  const doubled = med((r) => r.verification.doubledQuestions);
  const poolSize = first.pool.poolSize;
  const poolPeak = med((r) => Math.max(r.pool.peakCheckedOut ?? 0, r.pool.peakNonIdleBackends));
  const healthOthers = med((r) => r.health.probes - r.health.ok);
  const rss = med((r) => Math.max(r.memory.hwmMb, r.memory.peakSampledRssMb));
  const scopes = Object.keys(first.tooManyRequests.byScope).map((scope) => `${scope} ${med((r) => r.tooManyRequests.byScope[scope] ?? 0)}`);

  const targets: GroupsTarget[] = [
    {
      target: `all done <= ${LIMITS.factor} x the global-limit floor`,
      measured:
        `all done ${show(allDone, ' s')}, floor ${show(floor, ' s')} (${med((r) => r.messages)} messages / 30 per s): ${show(doneRatio, 'x')}; ` +
        `ideal schedule ${show(
          med((r) => r.ideal.allDoneS),
          ' s',
        )}`,
      met: doneRatio <= LIMITS.factor,
    },
    {
      target: `all done <= ${LIMITS.factor} x the ideal schedule (Telegram's limits with the queue's priorities)`,
      measured: `all done ${show(allDone, ' s')}, ideal ${show(
        med((r) => r.ideal.allDoneS),
        ' s',
      )}: ${show(
        med((r) => (r.allDoneS === null ? null : r.allDoneS / r.ideal.allDoneS)),
        'x',
      )}; the ideal itself is ${show(
        med((r) => r.ideal.allDoneS / r.floorS),
        'x',
      )} the floor`,
      met: med((r) => (r.allDoneS === null ? null : r.allDoneS / r.ideal.allDoneS)) <= LIMITS.factor,
    },
    {
      target: `(a) every group's first question <= ${LIMITS.factor} x its start-order floor (2i / 30 s, at least 1 s)`,
      measured: `worst ${show(aWorst, 'x')}, ${show(aWithin)} of ${groups} groups within; last first question ${show(
        med((r) => r.firstQuestion.lastS),
        ' s',
      )} (median group ${show(
        med((r) => r.firstQuestion.medianS),
        ' s',
      )})`,
      met: aWithin === groups,
    },
    {
      target: `(b) every group's first question <= ${LIMITS.factor} x the ideal schedule`,
      measured: `worst ${show(bWorst, 'x')}, ${show(bWithin)} of ${groups} groups within; ideal last first question ${show(
        med((r) => r.ideal.lastFirstQuestionS),
        ' s',
      )}`,
      met: bWithin === groups,
    },
    {
      target: `hand-out delay p99 <= ${LIMITS.handOutP99Ms} ms`,
      measured: `p99 ${show(handOutP99, ' ms')} (p50 ${show(
        med((r) => r.handOutDelay.p50Ms),
        ' ms',
      )}, max ${show(
        med((r) => r.handOutDelay.maxMs),
        ' ms',
      )})`,
      met: handOutP99 <= LIMITS.handOutP99Ms,
    },
    {
      target: `hand-out -> commit p99 <= ${LIMITS.commitP99Ms} ms`,
      measured: `p99 ${show(commitP99, ' ms')} (p50 ${show(
        med((r) => r.handOutToCommit.p50Ms),
        ' ms',
      )})`,
      met: commitP99 <= LIMITS.commitP99Ms,
    },
    { target: '0 429s', measured: `${show(tooMany)} (${scopes.join(', ')})`, met: tooMany === 0 },
    {
      target: '0 doubled questions',
      measured: `${show(doubled)} extra polls (${show(med((r) => r.verification.groupsWithDoubles))} groups)`,
      met: doubled === 0,
    },
    {
      target: `pool checked out at peak <= ${LIMITS.poolShare * 100}% of DB_POOL_SIZE (${poolSize})`,
      measured:
        `${show(poolPeak)} (${show((poolPeak / poolSize) * 100, '%')}): /monitoring/stats ${show(med((r) => r.pool.peakCheckedOut))}, ` +
        `pg_stat_activity non-idle ${show(med((r) => r.pool.peakNonIdleBackends))} of ${show(med((r) => r.pool.peakBackends))} connections`,
      met: poolPeak <= poolSize * LIMITS.poolShare,
    },
    {
      target: '/health 200 throughout',
      measured: `${show(healthOthers)} of ${show(med((r) => r.health.probes))} probes not 200 (slowest ${show(
        med((r) => r.health.maxMs),
        ' ms',
      )})`,
      met: healthOthers === 0,
    },
    { target: `bot RSS <= ${LIMITS.rssMb} MB`, measured: `peak ${show(rss, ' MB')}`, met: rss <= LIMITS.rssMb },
  ];

  const failed = runs.filter((r) => !r.verification.pass || !r.complete);
  const stored = runs.reduce((sum, r) => sum + r.verification.answersStored, 0);
  const expected = runs.reduce((sum, r) => sum + r.verification.answersExpected, 0);
  return {
    ...input,
    targets,
    correctness: {
      pass: failed.length === 0,
      detail:
        failed.length === 0
          ? `${runs.length} runs: every group finished, ${stored.toLocaleString('en')} answers stored once each as the players gave them, every results message ranks every player correctly`
          : `${failed.length} of ${runs.length} runs fell short: ` +
            failed
              .map(
                (r) =>
                  `${r.name} ${r.verification.groupsCorrect}/${r.verification.groups} groups correct, ${r.verification.answersStored}/${r.verification.answersExpected} answers${r.complete ? '' : `, ${howItEnded(r)}`}`,
              )
              .join('; ') +
            ` (all runs: ${stored.toLocaleString('en')} of ${expected.toLocaleString('en')} answers stored)`,
    },
  };
}

/** Why an unfinished run ended, in words. */
export function howItEnded(r: GroupsRunResult): string {
  if (r.endReason === 'stalled') return `stalled: no bot message in any group for ${quietLimitMs(r) / 1000} s`;
  if (r.endReason === 'budget') return `its budget of ${r.budgetS} s ran out`;
  return 'finished';
}

/** The line printed for a target. */
export function targetLine(t: GroupsTarget): string {
  return `${t.met ? 'MET' : 'NOT MET'} ${t.target}: ${t.measured}`;
}

/** The markdown report. */
export function renderGroupsMarkdown(s: GroupsSummary): string {
  const runs = s.runs;
  const first = runs[0] as GroupsRunResult;
  const changed = s.source.changedSrcFiles;
  const ratio = (x: number | null): string => (x === null ? 'never' : `${x}x`);
  const lines = [
    '# Group storm benchmark',
    '',
    ...(s.note ? [`**${s.note}**`, ''] : []),
    `${s.at} · ${s.machine.cores} cores (${s.machine.cpu}), ${s.machine.memoryGb} GiB · Node ${s.machine.node} · PostgreSQL ${s.server.version} ` +
      `(${s.server.source}; fsync=${s.server.fsync}, synchronous_commit=${s.server.synchronousCommit})`,
    '',
    `Code measured: commit ${s.source.commit}${changed.length > 0 ? `, with ${changed.length} file(s) under src/ changed from it: ${changed.slice(0, 10).join(', ')}${changed.length > 10 ? ', ...' : ''}` : ' (src/ unchanged)'}.`,
    '',
    `Command: \`${s.command}\`. Bot settings beyond the defaults: ${
      Object.keys(s.botEnv).length > 0
        ? Object.entries(s.botEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : 'none'
    } (plus LOG_LEVEL=warn).`,
    '',
    `${first.groups} groups x ${first.players} players, ${first.questions} questions of ${first.openPeriodS} s; medians of ${runs.length} run(s).`,
    '',
    '| | target | median |',
    '| --- | --- | --- |',
    ...s.targets.map((t) => `| ${t.met ? 'MET' : '**NOT MET**'} | ${t.target} | ${t.measured} |`),
    '',
    `**Correctness: ${s.correctness.pass ? 'PASS' : 'FAIL'}**: ${s.correctness.detail}.`,
    '',
    ...METHOD,
    '## Runs',
    '',
    '### Pace (seconds from the first /startquiz)',
    '',
    '| run | finished groups | messages M | floor M/30 | all done | ideal all done | first question: median / last | (a) worst, within | (b) worst, within | ideal vs (a): worst, within |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.groupsFinished}/${r.groups}${r.complete ? '' : ` (${howItEnded(r)})`} | ${r.messages} | ${r.floorS} | ${r.allDoneS ?? 'never'} | ${r.ideal.allDoneS} | ` +
        `${r.firstQuestion.medianS ?? '-'} / ${r.firstQuestion.lastS ?? 'never'} | ` +
        `${ratio(r.firstQuestion.startOrder.worstRatio)} (#${r.firstQuestion.startOrder.worstGroup}), ${r.firstQuestion.startOrder.within} | ` +
        `${ratio(r.firstQuestion.ideal.worstRatio)} (#${r.firstQuestion.ideal.worstGroup}), ${r.firstQuestion.ideal.within} | ` +
        `${ratio(r.ideal.againstStartOrder.worstRatio)} (#${r.ideal.againstStartOrder.worstGroup}), ${r.ideal.againstStartOrder.within} |`,
    ),
    '',
    '### Latency (ms)',
    '',
    '| run | hand-out delay p50 / p90 / p99 / max (answers) | hand-out -> commit p50 / p90 / p99 / max (unseen) | reply to /leaderboard, /myscore p50 / p99 / max (answered / sent) | redelivered answers | driver loop delay p99 / max |',
    '| --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => {
      const h = r.handOutDelay;
      const c = r.handOutToCommit;
      const p = r.replies;
      return (
        `| ${r.name} | ${h.p50Ms} / ${h.p90Ms} / ${h.p99Ms} / ${h.maxMs} (${h.count}) | ${c.p50Ms} / ${c.p90Ms} / ${c.p99Ms} / ${c.maxMs} (${c.unseen}) | ` +
        `${p.p50Ms} / ${p.p99Ms} / ${p.maxMs} (${p.count} / ${p.commands}) | ${r.redeliveries} | ${r.driverLoopDelay.p99Ms} / ${r.driverLoopDelay.maxMs} |`
      );
    }),
    '',
    '### Limits, pool, health, resources',
    '',
    '| run | 429s (by scope) | doubled questions (groups) | pool peak: stats / pg non-idle / pg connections | /health 200 / probes (others), slowest ms | bot RSS idle / sampled peak / VmHWM MB | cores bot / PostgreSQL / driver / others | bot exit |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.tooManyRequests.total} (${Object.entries(r.tooManyRequests.byScope)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}) | ` +
        `${r.verification.doubledQuestions} (${r.verification.groupsWithDoubles}) | ${r.pool.peakCheckedOut ?? 'n/a'} / ${r.pool.peakNonIdleBackends} / ${r.pool.peakBackends} | ` +
        `${r.health.ok} / ${r.health.probes} (${
          Object.entries(r.health.others)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ') || 'none'
        }), ${round(r.health.maxMs, 1)} | ` +
        `${r.memory.idleRssMb} / ${r.memory.peakSampledRssMb} / ${r.memory.hwmMb} | ${r.cores.bot} / ${r.cores.postgres} / ${r.cores.driver} / ${r.cores.others} | ` +
        `${r.botExit.code ?? r.botExit.signal} |`,
    ),
    '',
    '### Correctness',
    '',
    '| run | groups correct | failing groups: no results / database differs / results text differs / question doubled or missing | answers stored / expected |',
    '| --- | --- | --- | --- |',
    ...runs.map((r) => {
      const v = r.verification;
      const f = v.failures;
      return `| ${r.name} | ${v.groupsCorrect}/${v.groups} | ${f.noResults} / ${f.database} / ${f.resultsText} / ${f.questions} | ${v.answersStored} / ${v.answersExpected} |`;
    }),
    '',
  ];
  for (const r of runs.filter((x) => x.stall !== null)) {
    lines.push(
      `**${r.name} ended unfinished (${howItEnded(r)})** with ${r.groups - r.groupsFinished} groups unfinished. At that moment ${describeStall(r.stall as NonNullable<typeof r.stall>)}.`,
      '',
    );
  }
  const busy = busyMachineRuns(runs);
  if (busy.length > 0) {
    lines.push(
      `**Shared machine**: other programs used ${busy.map((r) => `${r.cores.others} cores in ${r.name}`).join(', ')} during the storm (the cores table); ` +
        'the bot, PostgreSQL and the driver had that much less.',
      '',
    );
  }
  const problems = runs.filter((r) => r.verification.problems.length > 0);
  if (problems.length > 0)
    lines.push(
      'Problems found (the first failing groups of each run, one line each):',
      '',
      ...problems.flatMap((r) => r.verification.problems.map((p) => `- ${r.name}: ${p}`)),
      '',
    );
  return lines.join('\n');
}

/** How each figure is measured and what bounds it. */
const METHOD = [
  '## How it runs',
  '',
  '- **The bot** is its own process, `node --import tsx src/main.ts` (what `npm start` runs), long polling against the Bot API ' +
    'simulator, on a fresh scratch database per run (migrated, then dropped), LOG_LEVEL=warn, every other setting at its default unless listed above.',
  "- **The driver** (this process) holds the simulator, with Telegram's flood limits at their defaults (about 1 message/s per chat with bursts of 3, " +
    '20/min per group, 30/s overall, as packages/telegram-sim/src/flood-limits.ts models them), the virtual players and the measuring. A user creates the quiz with one `/newquiz` ' +
    'message in private. Each group has the quiz owner as creator and its players; once the bot is idle the owner sends `/startquiz <id> <open>s` ' +
    'in every group, group i (from 0) at i/groups of a second after the first. Every player answers every question once (no silence, no revotes), ' +
    "after a think time uniform in [0.5 s, open - 1 s]. While each group's first question is open, one player sends /leaderboard and another " +
    "/myscore, each at a uniformly random moment of that question's period.",
  "- **A bounded run**: each run ends when every group's results arrived, when its budget (`--budget`) runs out, or when the bot has sent " +
    'nothing to any group for three times the longest gap a group waits between two of its messages (at least 2 minutes: "stalled"); ' +
    'then it reports what it has and says so (finished groups, "never", and what the bot and its database backends were doing).',
  '',
  '## What each figure is and what bounds it',
  '',
  '- **Messages M and the floor**: M is the count of calls the simulator admitted through its global (30/s) bucket from the first /startquiz ' +
    'to the last results message, i.e. every rate-limited message the bot sent (announcements, polls, replies, results). Floor = M / 30 s: ' +
    "no sender could do it faster. It ignores each group's own chain (announcement, then each question its period + 1.5 s after the previous, " +
    'then the results), so a short run may not be able to reach it; the ideal schedule below includes that chain.',
  "- **All done**: the last group's results message (stamped when the simulator stored it) - the first /startquiz.",
  "- **First question, (a)**: each group's first poll, seconds from the first /startquiz, over its start-order floor: the i-th group to send " +
    "/startquiz needs 2i messages before it (its and every earlier group's announcement and first question), 2i / 30 s, at least 1 s.",
  "- **First question, (b)**: the same over the group's first question in the ideal schedule (bench/lib/groups-ideal-schedule.ts): a " +
    'discrete-event model of one sender at exactly 30 messages/s that sends questions of runs in progress first, then interactive replies, then ' +
    "announcements, then results; oldest due first within a priority; a group's messages in order, at most one per 3 s and 20 per minute per group. " +
    "It is fed with the run's real timings: each group's /startquiz moment, the open period, the 1.5 s grace after each question before the " +
    'next question or the results, and each command\'s offset from its group\'s first question. "ideal vs (a)" shows how far even that ' +
    "schedule is from the (a) floor: with 3 s between a group's messages the first groups cannot reach 1.2 x 1 s, and replies that go " +
    "before announcements push the later groups' first questions.",
  '- **Hand-out delay**: for every poll_answer, the simulator reports when it queued the update (the vote: UpdateHub.onAdded) and when it ' +
    "first handed it to the bot (a getUpdates answer: onHandedOut); both stamped with the driver's clock (`performance.timeOrigin + performance.now()`) " +
    'inside the hub\'s synchronous callbacks. It is the time an answer waited at "Telegram" because the bot was not asking for it.',
  "- **Hand-out -> commit**: the run's database has statement-level triggers on `answers` that `pg_notify` the update_ids written; " +
    "PostgreSQL delivers a notification only after its transaction committed, so its arrival at the driver's LISTEN connection is an upper " +
    "bound of the commit (bench/lib/e2e-commits.ts). Both ends are stamped with the driver's clock; its event-loop delay (in the table) " +
    'delays the stamps.',
  "- **429s**: the simulator's flood-limit counters over the whole run (each refused call once; by scope: a refusal because the bucket was empty " +
    'or because the scope served a penalty). **Doubled questions**: per group, polls of the same question text beyond the first.',
  "- **Correctness**: per group, every player's final answer to every question is in `answers` with the same options and no other row exists " +
    "(the primary key makes a row unique per run, question and user), the run's standings give each player the correct/answered counts of " +
    "the players' own log, the results message says the run finished, ranks every player, and shows each listed player's number of correct " +
    'answers as the log has it; every question asked once.',
  "- **Pool**: GET /monitoring/stats every 100 ms (`database_pool.checked_out_connections`, the bot's count) and pg_stat_activity every 100 ms " +
    "from the driver (backends of the run's database with an application_name starting `quiz-agent/`, state other than idle, i.e. running a " +
    'statement or holding a transaction). The peak judged is the larger of the two. Samples 100 ms apart can miss a shorter peak.',
  '- **/health**: GET every 250 ms (each waits for its answer, at most 2 s); anything but 200, errors and time-outs included, is counted.',
  "- **Bot RSS**: VmRSS from /proc every 250 ms and VmHWM (the kernel's high-water mark) at the end; the larger. Cores: CPU seconds per " +
    "second from /proc over the storm, for the bot, PostgreSQL (the server and the run database's backends), the driver, and the rest of the machine.",
  '',
];

/** Cores used by other programs during the storm above which a run counts as disturbed. */
const OTHERS_CORES_MAX = 0.25;

/** Runs during whose storm other programs used more than {@link OTHERS_CORES_MAX} cores. */
export function busyMachineRuns(runs: readonly GroupsRunResult[]): GroupsRunResult[] {
  return runs.filter((r) => r.cores.others > OTHERS_CORES_MAX);
}
