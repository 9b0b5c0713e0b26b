/**
 * What each group's transcript in the simulator says about its run: the questions it was sent
 * (each exactly once, in the quiz's order?) and how long the run paused beyond its schedule.
 *
 * A run's schedule, from the bot's rules: the first question follows the announcement after the
 * group's 3 s spacing (20 messages a minute); each later question, and the results, follow the
 * previous question after its open period and the bot's answer grace (ANSWER_GRACE_MS, 1.5 s).
 * A run's pause is the largest of those steps' lateness (never below 0), on the simulator's clock
 * (when Telegram accepted each message). Even without failures a step may run late: under a
 * storm every group's messages wait their turn at Telegram's 30 messages a second. So the delay
 * a failure causes is read from the first step after it (delayAfter), beside the same delay of
 * the storm's runs that the failure did not touch.
 */
import type { World } from 'telegram-sim/world';
import { ANSWER_GRACE_MS } from '../../src/quiz/run-steps.js';

/** One step of a run: a message and when the schedule had it due (simulator clock, ms). */
export interface RunStep {
  dueAt: number;
  at: number;
}

/** One group's run, read from its transcript. */
export interface RunTranscript {
  chatId: number;
  /** Question numbers in the order their polls arrived (1-based, from the question text). */
  questionOrder: number[];
  /** The first question, each later question and the results, with when each was due. */
  steps: RunStep[];
  /** The run's pause beyond its schedule: its latest step's lateness, in ms (0 when on time). */
  pauseMs: number;
}

/** Shortest gap between two messages to one group (Telegram: 20 a minute). */
const GROUP_SPACING_MS = 3_000;
const ANNOUNCEMENT = /^🎲 Get ready/u;
const RESULTS = /has finished|was stopped early/;
/** The benchmark quiz's questions: "[2/3] Benchmark question 2: ..." (e2e-chat.ts, numbered by the bot). */
const QUESTION_NUMBER = /Benchmark question (\d+):/;

/** Reads the run of group `chatId` from the simulator's transcript. */
export function readRunTranscript(world: World, chatId: number, openPeriodS: number): RunTranscript {
  const chat = world.chat(chatId);
  if (!chat) throw new Error(`the simulator has no chat ${chatId}`);
  let announcedAt: number | undefined;
  let resultsAt: number | undefined;
  const questions: { number: number; at: number }[] = [];
  for (const entry of chat.transcript) {
    if (entry.by !== 'bot') continue;
    if (entry.kind === 'poll') {
      const number = QUESTION_NUMBER.exec(entry.text ?? '');
      questions.push({ number: number ? Number(number[1]) : Number.NaN, at: entry.at });
    } else if (entry.kind === 'message' && ANNOUNCEMENT.test(entry.text ?? '')) {
      announcedAt ??= entry.at;
    } else if (entry.kind === 'message' && RESULTS.test(entry.text ?? '')) {
      resultsAt ??= entry.at;
    }
  }
  const stepMs = openPeriodS * 1000 + ANSWER_GRACE_MS;
  const steps: RunStep[] = [];
  const first = questions[0];
  if (announcedAt !== undefined && first) steps.push({ dueAt: announcedAt + GROUP_SPACING_MS, at: first.at });
  for (let i = 1; i < questions.length; i++)
    steps.push({ dueAt: (questions[i - 1] as { at: number }).at + stepMs, at: (questions[i] as { at: number }).at });
  const last = questions.at(-1);
  if (last && resultsAt !== undefined) steps.push({ dueAt: last.at + stepMs, at: resultsAt });
  return {
    chatId,
    questionOrder: questions.map((q) => q.number),
    steps,
    pauseMs: Math.max(0, ...steps.map((step) => step.at - step.dueAt)),
  };
}

/**
 * How late the run's first step after `moment` came, counted from `moment` at the earliest
 * (lateness it had before is not the moment's doing); undefined when no step came after it.
 */
export function delayAfter(run: RunTranscript, moment: number): number | undefined {
  const step = run.steps.find((s) => s.at > moment);
  return step === undefined ? undefined : Math.max(0, step.at - Math.max(step.dueAt, moment));
}

/**
 * The bot's messages in the groups `chatIds` per second, from `fromMs` for `seconds` seconds
 * (simulator clock): what the fleet got out at Telegram's 30 a second.
 */
export function messagesPerSecond(world: World, chatIds: readonly number[], fromMs: number, seconds: number): number[] {
  const bins = new Array<number>(seconds).fill(0);
  for (const chatId of chatIds) {
    for (const entry of world.chat(chatId)?.transcript ?? []) {
      if (entry.by !== 'bot' || (entry.kind !== 'message' && entry.kind !== 'poll')) continue;
      const bin = Math.floor((entry.at - fromMs) / 1000);
      if (bin >= 0 && bin < seconds) bins[bin] = (bins[bin] ?? 0) + 1;
    }
  }
  return bins;
}

/** Whether `order` is exactly 1, 2, ..., `questions`: each question once, in the quiz's order. */
export function inQuizOrder(order: readonly number[], questions: number): boolean {
  return order.length === questions && order.every((n, i) => n === i + 1);
}
