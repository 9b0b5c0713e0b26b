/**
 * npm run bench:groups-model [-- --groups 500 --questions 3 --replies 2 --open 5,10,15,20,30]
 *
 * What Telegram's limits allow a group storm, before any bot runs: the ideal schedule of
 * bench/lib/groups-ideal-schedule.ts (one sender at exactly 30 messages/s, 3 s and 20 a minute
 * per group) for the storm of `npm run bench:groups` (groups starting evenly over one second,
 * `--replies` command replies per group at random moments of its first question), under two
 * priority orders: the queue's (questions of runs in progress, replies, announcements, results)
 * and announcements before replies. For each it prints how long everything takes against the
 * floor of messages / 30 per s, when the last group gets its first question, how many groups
 * get it within 1.2 x their start-order floor (max(2i / 30 s, i / 30 s + 3 s): their and every
 * earlier group's announcement and first question, and their own 3 s between the two), and how
 * late questions of runs in progress go out (p99). It shows which of issue 12's targets any
 * sender could meet, and what each order costs. Prints only; no report file.
 */
import { parseArgs } from 'node:util';
import { wholeNumber } from './lib/args.js';
import { idealSchedule, type IdealKind } from './lib/groups-ideal-schedule.js';

const { values: args } = parseArgs({
  options: {
    groups: { type: 'string', default: '500' },
    questions: { type: 'string', default: '3' },
    replies: { type: 'string', default: '2' },
    open: { type: 'string', default: '5,10,15,20,30' },
  },
});
const groups = wholeNumber('groups', args.groups, 1);
const questions = wholeNumber('questions', args.questions, 1);
const replies = wholeNumber('replies', args.replies, 0);
const periods = args.open.split(',').map((s) => wholeNumber('open', s.trim(), 5));

const ORDERS: Record<string, Record<IdealKind, number>> = {
  'questions > replies > announcements > results (the queue)': { question: 0, reply: 1, announcement: 2, results: 3 },
  'questions > announcements > replies > results': { question: 0, announcement: 1, reply: 2, results: 3 },
};
const GRACE_MS = 1_500;

console.log(
  `Ideal schedules at 30 messages/s: ${groups} groups starting over 1 s, ${questions} questions, ${replies} replies per group during its first question`,
);
for (const openS of periods) {
  for (const [name, priority] of Object.entries(ORDERS)) {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const input = Array.from({ length: groups }, (_, i) => ({
      startAt: (i / groups) * 1000,
      replyOffsetsMs: Array.from({ length: replies }, () => random() * openS * 1000),
    }));
    const schedule = idealSchedule({ groups: input, questions, openPeriodMs: openS * 1000, priority });
    const floorS = schedule.messages / 30;
    const firsts = schedule.groups.map((g) => (g.questionsAt[0] as number) / 1000);
    const within = firsts.filter((t, i) => t <= 1.2 * Math.max((2 * (i + 1)) / 30, (i + 1) / 30 + 3)).length;
    const late: number[] = [];
    for (const g of schedule.groups) {
      for (let k = 1; k < g.questionsAt.length; k++)
        late.push((g.questionsAt[k] as number) - ((g.questionsAt[k - 1] as number) + openS * 1000 + GRACE_MS));
    }
    late.sort((a, b) => a - b);
    const p99 = late.length > 0 ? (late[Math.min(late.length - 1, Math.floor(0.99 * late.length))] as number) / 1000 : 0;
    console.log(
      `open ${String(openS).padStart(2)} s, ${name}: all done ${(schedule.allDoneAt / 1000).toFixed(1)} s = ${(schedule.allDoneAt / 1000 / floorS).toFixed(2)}x the floor ${floorS.toFixed(1)} s; ` +
        `last first question ${Math.max(...firsts).toFixed(1)} s, ${within} of ${groups} within 1.2 x their floor; questions in progress late p99 ${p99.toFixed(1)} s`,
    );
  }
}
