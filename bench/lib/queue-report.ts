/**
 * Turns the results of bench/queue.ts into its verdicts on issue 4's targets, the markdown
 * report and the chart of messages per second.
 */
import type { ContenderName } from './queue-contenders.js';
import type { ScenarioResult, WaitFigures } from './queue-scenarios.js';
import { round } from './stats.js';
import { renderLineCharts } from './svg-chart.js';

/** Share of the global limit a broadcast must sustain. */
const SUSTAINED_SHARE = 0.97;
/** Ceiling on the p95 wait of a quiz question during the broadcast. */
const QUESTION_P95_MS = 1000;

/** One target for one contender; `met` is null when the run did not include its scenario. */
export interface TargetCheck {
  met: boolean | null;
  value: string;
}

export interface Verdict {
  contender: ContenderName;
  globalRate: TargetCheck;
  questionWait: TargetCheck;
  chatLimits: TargetCheck;
}

export interface ReportContext {
  at: string;
  command: string;
  machine: { cores: number; memoryGb: number; node: string };
  chats: number;
  groups: number;
  globalPerS: number;
  questionEveryS: number;
  minRounds: number;
}

/** The broadcast's time budget: `chats` at 97% of the global limit. */
function broadcastBudgetS(chats: number, globalPerS: number): number {
  return chats / (SUSTAINED_SHARE * globalPerS);
}

/** Checks each contender's results against the three targets of issue 4. */
export function judge(results: readonly ScenarioResult[], context: ReportContext): Verdict[] {
  const contenders = [...new Set(results.map((r) => r.contender))];
  const budgetS = broadcastBudgetS(context.chats, context.globalPerS);
  return contenders.map((contender) => {
    const mine = results.filter((r) => r.contender === contender);
    const broadcast = mine.find((r) => r.scenario === 'broadcast');
    const quiz = mine.find((r) => r.scenario === 'broadcast+quiz')?.quiz;
    const chat = sumOf(mine, (r) => r.telegram.violations.chat);
    const group = sumOf(mine, (r) => r.telegram.violations.group);
    return {
      contender,
      globalRate: broadcast
        ? {
            met:
              broadcast.broadcast.delivered === broadcast.broadcast.chats &&
              broadcast.broadcast.failed === 0 &&
              broadcast.telegram.tooManyRequests === 0 &&
              broadcast.broadcast.seconds <= budgetS,
            value:
              `${broadcast.broadcast.seconds} s, ${percentOfLimit(broadcast.broadcast.perSecond, context.globalPerS)}% of the limit, ` +
              `${broadcast.telegram.tooManyRequests} 429s${broadcast.broadcast.failed ? `, ${broadcast.broadcast.failed} not delivered` : ''}`,
          }
        : { met: null, value: 'not run' },
      questionWait: quiz
        ? {
            met: quiz.questions.failed === 0 && quiz.questions.p95Ms !== null && quiz.questions.p95Ms <= QUESTION_P95_MS,
            value: `p95 ${formatMs(quiz.questions.p95Ms)}${quiz.questions.failed ? `, ${quiz.questions.failed} of ${quiz.questions.calls} failed` : ''}`,
          }
        : { met: null, value: 'not run' },
      chatLimits: { met: chat === 0 && group === 0, value: `chat ${chat}, group ${group}` },
    };
  });
}

/** The markdown report. */
export function renderMarkdown(results: readonly ScenarioResult[], verdicts: readonly Verdict[], context: ReportContext): string {
  const { chats, groups, globalPerS } = context;
  const budgetS = round(broadcastBudgetS(chats, globalPerS), 1);
  const broadcastRuns = results.filter((r) => r.scenario === 'broadcast');
  const quizRuns = results.filter((r) => r.scenario === 'broadcast+quiz');
  const lines = [
    '# Outbound queue benchmark',
    '',
    `${context.at} · ${context.machine.cores} cores, ${context.machine.memoryGb} GiB · Node ${context.machine.node} · command: \`${context.command}\``,
    '',
    `Each contender runs each scenario on a fresh Bot API simulator (packages/telegram-sim) with Telegram's documented flood limits ` +
      `(per chat 1/s with a burst of 3, per group 20/min with a burst of 3, ${globalPerS} over all chats in any second, counted as they arrive), ` +
      `over real HTTP on 127.0.0.1. The simulator answers a call over a limit with a real 429 and \`retry_after\`, and counts a ` +
      'violation per scope; a call that comes back before `retry_after` has passed is refused again.',
    '',
    `- **broadcast**: one message to ${chats.toLocaleString('en')} private chats (every user sent /start).`,
    `- **broadcast+quiz**: the same broadcast while ${groups} groups play a quiz: every ${context.questionEveryS} s each group gets a ` +
      `quiz question (sendPoll) and, half a cycle later, a reply (sendMessage), staggered across the cycle: 12 messages a minute per group, ` +
      `${round((groups * 2) / context.questionEveryS, 1)}/s in all. The quiz runs until the broadcast has settled (at least ${context.minRounds} rounds). ` +
      "A wait is the time from the call to its answer, on the caller's clock.",
    '',
    '## Targets',
    '',
    `| contender | >= ${SUSTAINED_SHARE * 100}% of ${globalPerS}/s sustained (<= ${budgetS} s), zero 429s | p95 wait of a quiz question <= ${QUESTION_P95_MS / 1000} s | never a per-chat or per-group violation |`,
    '| --- | --- | --- | --- |',
    ...verdicts.map((v) => `| ${v.contender} | ${check(v.globalRate)} | ${check(v.questionWait)} | ${check(v.chatLimits)} |`),
    '',
  ];
  if (broadcastRuns.length > 0) {
    lines.push(
      `## Broadcast to ${chats.toLocaleString('en')} private chats`,
      '',
      '| contender | dispatch | seconds | messages/s | % of limit | delivered | not delivered | duplicates | 429s | send requests | violations chat / group / global |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...broadcastRuns.map((r) => {
        const b = r.broadcast;
        return `| ${r.contender} | ${r.dispatch} | ${b.seconds} | ${b.perSecond} | ${percentOfLimit(b.perSecond, globalPerS)} | ${b.delivered} | ${failuresCell(b.failed, b.failures)} | ${b.duplicates} | ${r.telegram.tooManyRequests} | ${r.telegram.sendRequests} | ${violationsCell(r)} |`;
      }),
      '',
    );
  }
  if (quizRuns.length > 0) {
    lines.push(
      `## Broadcast to ${chats.toLocaleString('en')} private chats while ${groups} groups play`,
      '',
      'Waits in ms as p50 / p95 / max of the delivered calls.',
      '',
      '| contender | broadcast seconds | broadcast messages/s | delivered | not delivered | rounds | question wait | questions failed | reply wait | replies failed | 429s | violations chat / group / global |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...quizRuns.map((r) => {
        const b = r.broadcast;
        const q = r.quiz;
        return (
          `| ${r.contender} | ${b.seconds} | ${b.perSecond} | ${b.delivered} | ${failuresCell(b.failed, b.failures)} | ${q?.rounds ?? '-'} | ${q ? waitsCell(q.questions) : '-'} | ` +
          `${q ? failuresCell(q.questions.failed, q.questions.failures) : '-'} | ${q ? waitsCell(q.replies) : '-'} | ${q ? failuresCell(q.replies.failed, q.replies.failures) : '-'} | ` +
          `${r.telegram.tooManyRequests} | ${violationsCell(r)} |`
        );
      }),
      '',
    );
  }
  const queueRuns = results.filter((r) => r.queueStats);
  if (queueRuns.length > 0) {
    lines.push(
      "## The queue's own counters",
      '',
      '| scenario | processed | failed | rate limit hits | retries | wait ms p50 / p95 / p99: interactive | bulk |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...queueRuns.map((r) => {
        const s = r.queueStats as NonNullable<ScenarioResult['queueStats']>;
        const w = (p: keyof typeof s.wait_ms) =>
          s.wait_ms[p].count ? `${s.wait_ms[p].p50} / ${s.wait_ms[p].p95} / ${s.wait_ms[p].p99} (${s.wait_ms[p].count} calls)` : '-';
        return `| ${r.scenario} | ${s.total_processed} | ${s.total_failed} | ${s.rate_limit_hits} | ${s.retries} | ${w('interactive')} | ${w('bulk')} |`;
      }),
      '',
      'The queue measures its wait from submit to the moment a call goes out; the tables above measure to the answer.',
      '',
    );
  }
  const installed = [...new Map(results.map((r) => [r.contender, r])).values()];
  lines.push(
    '## Messages per second',
    '',
    '![messages accepted by the simulator per second, per contender](queue.svg)',
    '',
    "A run's last 1-second bin is usually partial, hence the drop at the end of each line.",
    '',
    '## How each contender is installed, and how it meets the limits',
    '',
    ...installed.map((r) => `- **${r.contender}** (${r.dispatch}): ${r.wiring}. ${MECHANISMS[r.contender]}`),
    '',
  );
  return lines.join('\n');
}

/** What each contender does at a limit: the reason behind its figures, true whatever they are. */
const MECHANISMS: Record<ContenderName, string> = {
  naive: 'Every call goes to Telegram at once; the global bucket admits its burst and refuses the rest with 429, which nothing retries.',
  throttler:
    'Bottleneck releases up to 30 calls at the start of each 1-second window (a reservoir), first in first out, with no priorities. ' +
    "A limiter that refills continuously (the simulator's token bucket; Telegram does not document its own) holds fewer than 30 " +
    'tokens when a window opens a little less than a second after the previous burst went out, so some calls get 429, and the ' +
    "throttler does not retry them. Quiz calls wait in the same line as the broadcast; its group limiter then lets a group's " +
    "backlog out 1 s apart, up to 20 a minute, and a group limit with a small burst (the simulator's 3; Telegram documents " +
    'only "20 a minute") refuses the fourth.',
  'auto-retry':
    'Nothing is shaped: the broadcast loop sends until a 429, sleeps `retry_after` (whole seconds) and goes on. Quiz calls draw from ' +
    'the same global bucket; a refused one sleeps `retry_after` and may be refused again when the broadcast has emptied the bucket ' +
    "first. Quiz calls held back this way pile up and then go out together, over their group's limit.",
  'throttler+auto-retry':
    "The throttler's 429s are retried instead of lost, but quiz calls still wait behind the broadcast in the throttler's single line.",
  queue:
    'A lane per chat keeps order and chat spacing; a send holds one of 30 global slots until a second after its answer, so no ' +
    'second of arrivals holds more than 30 however the sends bunch (bursts left unused); the slots and the workers serve ' +
    'questions, then replies, then bulk, oldest due first.',
};

/** The chart: messages accepted per second, one line per contender, one panel per scenario. */
export function renderChart(results: readonly ScenarioResult[], context: ReportContext): string {
  const panels = [
    { scenario: 'broadcast', title: `Broadcast to ${context.chats.toLocaleString('en')} private chats` },
    {
      scenario: 'broadcast+quiz',
      title: `Broadcast to ${context.chats.toLocaleString('en')} private chats while ${context.groups} groups play (all messages)`,
    },
  ]
    .map(({ scenario, title }) => ({
      title,
      reference: { value: context.globalPerS, label: `global limit ${context.globalPerS}/s` },
      series: padded(results.filter((r) => r.scenario === scenario).map((r) => ({ name: r.contender, values: r.perSecond.all }))),
    }))
    .filter((panel) => panel.series.length > 0);
  return renderLineCharts(panels, {
    title: 'Messages accepted by the simulator per second (1-second bins)',
    xLabel: 'seconds since the broadcast started',
    yLabel: 'messages/s',
  });
}

/** Series of one panel extended with zeros to the longest: a contender that finished sends nothing more. */
function padded(series: { name: string; values: number[] }[]): { name: string; values: number[] }[] {
  const length = Math.max(0, ...series.map((s) => s.values.length));
  return series.map((s) => ({ name: s.name, values: [...s.values, ...new Array<number>(length - s.values.length).fill(0)] }));
}

function check(target: TargetCheck): string {
  const mark = target.met === null ? 'not measured' : target.met ? '**met**' : '**not met**';
  return `${mark}: ${target.value}`;
}

function percentOfLimit(perSecond: number, limit: number): number {
  return round((perSecond / limit) * 100, 1);
}

function formatMs(ms: number | null): string {
  return ms === null ? 'n/a' : ms >= 1000 ? `${round(ms / 1000, 2)} s` : `${Math.round(ms)} ms`;
}

function waitsCell(w: WaitFigures): string {
  return w.delivered === 0 ? 'none delivered' : `${Math.round(w.p50Ms ?? 0)} / ${Math.round(w.p95Ms ?? 0)} / ${Math.round(w.maxMs ?? 0)}`;
}

function failuresCell(failed: number, failures: Record<string, number>): string {
  if (failed === 0) return '0';
  return `${failed} (${Object.entries(failures)
    .map(([cause, n]) => `${n}x ${cause}`)
    .join(', ')})`;
}

function violationsCell(r: ScenarioResult): string {
  const v = r.telegram.violations;
  return `${v.chat} / ${v.group} / ${v.global}`;
}

function sumOf(results: readonly ScenarioResult[], pick: (r: ScenarioResult) => number): number {
  return results.reduce((total, r) => total + pick(r), 0);
}
