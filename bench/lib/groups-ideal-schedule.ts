/**
 * The ideal schedule of a group storm: a discrete-event model of one sender that puts out at
 * most `ratePerS` messages a second (exactly: one every 1/ratePerS s, no burst) and honours the
 * queue's priorities as ARCHITECTURE.md states them, fed with the run's real timings. It answers
 * "when could each group have had its first question, given Telegram's global limit and the
 * work every other group asked for?", a bound the bot can be judged against group by group.
 *
 * Rules of the model:
 * - priorities: questions of runs in progress, then interactive replies, then announcements of
 *   new runs, then results; within a priority the oldest due first (then the one queued first);
 * - a group's messages go out in the order they fell due, at most one per `groupSpacingMs`
 *   and `groupPerMinute` in any 60 s;
 * - a run's announcement is due at its /startquiz, its first question when the announcement
 *   went out, each later question (and the results) `openPeriodMs + graceMs` after the previous
 *   question went out; an interactive reply falls due at its real offset from the group's first
 *   question (the benchmark's players send their commands while that question is open).
 */

/** What the model sends, in priority order (lower first). */
export const IDEAL_PRIORITY = { question: 0, reply: 1, announcement: 2, results: 3 } as const;
export type IdealKind = keyof typeof IDEAL_PRIORITY;

/** One group of the storm as the model sees it. */
export interface IdealGroupInput {
  /** Its /startquiz, in ms from the first /startquiz. */
  startAt: number;
  /** Interactive replies owed, each in ms after the group's first question went out. */
  replyOffsetsMs: readonly number[];
}

/** Options of {@link idealSchedule}. */
export interface IdealScheduleInput {
  groups: readonly IdealGroupInput[];
  questions: number;
  openPeriodMs: number;
  /** Wait after a question's period before the next question or the results [1,500]. */
  graceMs?: number;
  /** Messages a second over all chats [30]. */
  ratePerS?: number;
  /** Shortest gap between two messages to one group [3,000]. */
  groupSpacingMs?: number;
  /** Messages to one group in any 60 s [20]. */
  groupPerMinute?: number;
  /** Which kind goes first, lower first [IDEAL_PRIORITY: the queue's order]. */
  priority?: Readonly<Record<IdealKind, number>>;
}

/** When the model sent each of one group's messages (ms from the first /startquiz). */
export interface IdealGroupSchedule {
  announcementAt: number;
  /** One per question, in order. */
  questionsAt: number[];
  repliesAt: number[];
  resultsAt: number;
}

export interface IdealSchedule {
  groups: IdealGroupSchedule[];
  /** Messages sent in all. */
  messages: number;
  /** The last results message. */
  allDoneAt: number;
}

interface Pending {
  kind: IdealKind;
  due: number;
  /** Question index for questions; reply index for replies. */
  index: number;
  seq: number;
}

interface GroupState {
  /** Pending messages in the order they fell due. */
  queue: Pending[];
  /** Send times, oldest first (only the last `groupPerMinute` matter). */
  sent: number[];
  out: IdealGroupSchedule;
}

/**
 * Runs the model to the end (every group's results sent).
 *
 * @example
 * idealSchedule({ groups: [{ startAt: 0, replyOffsetsMs: [] }], questions: 1, openPeriodMs: 5_000 });
 * // { groups: [{ announcementAt: 0, questionsAt: [3000], repliesAt: [], resultsAt: 9500 }], messages: 3, allDoneAt: 9500 }
 */
export function idealSchedule(input: IdealScheduleInput): IdealSchedule {
  const graceMs = input.graceMs ?? 1_500;
  const gapMs = 1000 / (input.ratePerS ?? 30);
  const spacingMs = input.groupSpacingMs ?? 3_000;
  const perMinute = input.groupPerMinute ?? 20;
  const priority = input.priority ?? IDEAL_PRIORITY;
  if (!(input.questions >= 1) || !(input.openPeriodMs > 0) || !(gapMs > 0)) {
    throw new RangeError(
      `idealSchedule expects questions >= 1, openPeriodMs > 0 and ratePerS > 0, got ${input.questions}, ${input.openPeriodMs}, ${input.ratePerS}`,
    );
  }
  let seq = 0;
  const groups: GroupState[] = input.groups.map((g) => ({
    queue: [{ kind: 'announcement', due: g.startAt, index: 0, seq: seq++ }],
    sent: [],
    out: {
      announcementAt: Number.NaN,
      questionsAt: [],
      repliesAt: new Array<number>(g.replyOffsetsMs.length).fill(Number.NaN),
      resultsAt: Number.NaN,
    },
  }));
  const owe = (group: GroupState, message: Omit<Pending, 'seq'>): void => {
    const entry = { ...message, seq: seq++ };
    // Keep the queue in due order (stable): the group's messages go out in that order.
    let at = group.queue.length;
    while (at > 0 && (group.queue[at - 1] as Pending).due > entry.due) at--;
    group.queue.splice(at, 0, entry);
  };
  /** When the group's first pending message may go, as far as the group's own limits say. */
  const readyAt = (group: GroupState): number => {
    const head = group.queue[0];
    if (!head) return Infinity;
    const last = group.sent.at(-1);
    const spaced = last === undefined ? -Infinity : last + spacingMs;
    const windowed = group.sent.length >= perMinute ? (group.sent.at(-perMinute) as number) + 60_000 : -Infinity;
    return Math.max(head.due, spaced, windowed);
  };

  let nextFree = -Infinity;
  let messages = 0;
  let allDoneAt = 0;
  for (;;) {
    let earliest = Infinity;
    for (const group of groups) earliest = Math.min(earliest, readyAt(group));
    if (earliest === Infinity) break;
    const now = Math.max(nextFree, earliest);
    let best = -1;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i] as GroupState;
      if (readyAt(group) > now) continue;
      if (best === -1 || before(priority, group.queue[0] as Pending, (groups[best] as GroupState).queue[0] as Pending)) best = i;
    }
    const group = groups[best] as GroupState;
    const message = group.queue.shift() as Pending;
    group.sent.push(now);
    if (group.sent.length > perMinute) group.sent.shift();
    nextFree = now + gapMs;
    messages++;
    const after = input.openPeriodMs + graceMs;
    switch (message.kind) {
      case 'announcement':
        group.out.announcementAt = now;
        owe(group, { kind: 'question', due: now, index: 0 });
        break;
      case 'question': {
        group.out.questionsAt[message.index] = now;
        const last = message.index + 1 >= input.questions;
        owe(
          group,
          last ? { kind: 'results', due: now + after, index: 0 } : { kind: 'question', due: now + after, index: message.index + 1 },
        );
        if (message.index === 0) {
          (input.groups[best] as IdealGroupInput).replyOffsetsMs.forEach((offset, index) =>
            owe(group, { kind: 'reply', due: now + offset, index }),
          );
        }
        break;
      }
      case 'reply':
        group.out.repliesAt[message.index] = now;
        break;
      case 'results':
        group.out.resultsAt = now;
        allDoneAt = Math.max(allDoneAt, now);
        break;
    }
  }
  return { groups: groups.map((g) => g.out), messages, allDoneAt };
}

/** Whether `a` goes before `b`: higher priority, then older due, then queued earlier. */
function before(priority: Readonly<Record<IdealKind, number>>, a: Pending, b: Pending): boolean {
  const pa = priority[a.kind];
  const pb = priority[b.kind];
  if (pa !== pb) return pa < pb;
  if (a.due !== b.due) return a.due < b.due;
  return a.seq < b.seq;
}
