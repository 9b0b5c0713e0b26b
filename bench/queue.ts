/**
 * npm run bench:queue [-- --chats 3000 --groups 20 --scenarios broadcast,broadcast+quiz
 *                        --contenders naive,throttler,auto-retry,throttler+auto-retry,queue]
 *
 * quiz-agent's outbound queue side by side with grammY's transformer-throttler, auto-retry
 * (and optionally both together) and a naive sender, against the Bot API simulator with
 * Telegram's documented flood limits (scenarios in lib/queue-scenarios.ts, contenders in
 * lib/queue-contenders.ts). Targets of issue 4: >= 97% of the global limit sustained with zero
 * 429s, p95 wait of a quiz question <= 1 s during the broadcast, never a per-chat or per-group
 * violation. At 30 messages/s a 3,000-chat broadcast takes about 100 s per contender and
 * scenario, whatever the sender; use `--chats 300` to iterate. Writes bench/reports/queue.json,
 * queue.md and queue.svg.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/logger.js';
import { DEFAULT_FLOOD_LIMITS } from 'telegram-sim/flood-limits';
import { CONTENDER_NAMES } from './lib/queue-contenders.js';
import { judge, renderChart, renderMarkdown, type ReportContext } from './lib/queue-report.js';
import { MIN_ROUNDS, QUESTION_EVERY_MS, runScenario, SCENARIO_NAMES, type ScenarioResult } from './lib/queue-scenarios.js';
import { machineInfo } from './lib/stats.js';
import { listOf, wholeNumber } from './lib/args.js';

const { values: args } = parseArgs({
  options: {
    chats: { type: 'string', default: '3000' },
    groups: { type: 'string', default: '20' },
    contenders: { type: 'string', default: CONTENDER_NAMES.join(',') },
    scenarios: { type: 'string', default: SCENARIO_NAMES.join(',') },
  },
});
const chats = wholeNumber('chats', args.chats, 1);
const groups = wholeNumber('groups', args.groups, 0);
const contenders = listOf('contenders', args.contenders, CONTENDER_NAMES);
const scenarios = listOf('scenarios', args.scenarios, SCENARIO_NAMES);

const context: ReportContext = {
  at: new Date().toISOString(),
  command: `npm run bench:queue -- --chats ${chats} --groups ${groups} --contenders ${contenders.join(',')} --scenarios ${scenarios.join(',')}`,
  machine: machineInfo(),
  chats,
  groups,
  globalPerS: DEFAULT_FLOOD_LIMITS.global.perSecond,
  questionEveryS: QUESTION_EVERY_MS / 1000,
  minRounds: MIN_ROUNDS,
};
// The queue's warnings (a 429 it met, a call that failed) are part of what is being measured.
const logger = createLogger({ level: 'warn', pretty: false });

console.log(
  `Outbound queue benchmark: ${chats.toLocaleString('en')} chats, ${groups} quiz groups; contenders ${contenders.join(', ')}; ${context.machine.cores} cores, Node ${process.version}`,
);
const results: ScenarioResult[] = [];
for (const scenario of scenarios) {
  for (const contender of contenders) {
    const result = await runScenario(scenario, contender, { chats, groups: scenario === 'broadcast+quiz' ? groups : 0, logger });
    results.push(result);
    console.log(describe(result));
  }
}

const verdicts = judge(results, context);
await fs.mkdir('bench/reports', { recursive: true });
await fs.writeFile('bench/reports/queue.json', `${JSON.stringify({ ...context, verdicts, results }, null, 2)}\n`);
await fs.writeFile('bench/reports/queue.md', renderMarkdown(results, verdicts, context));
await fs.writeFile('bench/reports/queue.svg', renderChart(results, context));
for (const v of verdicts) {
  const mark = (met: boolean | null) => (met === null ? '-' : met ? 'met' : 'NOT MET');
  console.log(
    `${v.contender.padEnd(21)} global rate ${mark(v.globalRate.met)} (${v.globalRate.value}); question p95 ${mark(v.questionWait.met)} (${v.questionWait.value}); chat limits ${mark(v.chatLimits.met)} (${v.chatLimits.value})`,
  );
}
console.log('Report: bench/reports/queue.md, bench/reports/queue.json, bench/reports/queue.svg');

function describe(r: ScenarioResult): string {
  const b = r.broadcast;
  const v = r.telegram.violations;
  const quiz = r.quiz
    ? `; questions p50/p95 ${r.quiz.questions.p50Ms}/${r.quiz.questions.p95Ms} ms (${r.quiz.questions.failed} failed), replies ${r.quiz.replies.p50Ms}/${r.quiz.replies.p95Ms} ms (${r.quiz.replies.failed} failed)`
    : '';
  return (
    `${r.scenario.padEnd(14)} ${r.contender.padEnd(21)} ${b.delivered}/${b.chats} delivered in ${b.seconds} s = ${b.perSecond}/s, ` +
    `${r.telegram.tooManyRequests} 429s, violations chat ${v.chat} group ${v.group} global ${v.global}${quiz}`
  );
}
