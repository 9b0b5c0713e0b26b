/**
 * What each group's transcript in the simulator says about its run: the questions it was sent
 * (each exactly once, in the quiz's order?) and how long the run paused beyond its schedule.
 *
 * A run's schedule, from the bot's rules: the first question follows the announcement after the
 * group's 3 s spacing (20 messages a minute); each later question, and the results, follow the
 * previous question after its open period and the bot's answer grace (ANSWER_GRACE_MS, 1.5 s).
 * A run's pause is the largest of those steps' excess over the schedule (never below 0), on the
 * simulator's clock (when Telegram accepted each message). Even without failures a step may run
 * late: under a storm every group's messages wait their turn at Telegram's 30 messages a second,
 * so a pause is judged against the same storm's runs that no failure touched.
 */
import type { World } from 'telegram-sim/world';
import { ANSWER_GRACE_MS } from '../../src/quiz/run-steps.js';

/** One group's run, read from its transcript. */
export interface RunTranscript {
  chatId: number;
  /** Question numbers in the order their polls arrived (1-based, from the question text). */
  questionOrder: number[];
  /** The run's pause beyond its schedule, in ms (0 when on time or when nothing was sent). */
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
  const excess: number[] = [];
  const first = questions[0];
  if (announcedAt !== undefined && first) excess.push(first.at - announcedAt - GROUP_SPACING_MS);
  for (let i = 1; i < questions.length; i++)
    excess.push((questions[i] as { at: number }).at - (questions[i - 1] as { at: number }).at - stepMs);
  const last = questions.at(-1);
  if (last && resultsAt !== undefined) excess.push(resultsAt - last.at - stepMs);
  return { chatId, questionOrder: questions.map((q) => q.number), pauseMs: Math.max(0, ...excess) };
}

/** Whether `order` is exactly 1, 2, ..., `questions`: each question once, in the quiz's order. */
export function inQuizOrder(order: readonly number[], questions: number): boolean {
  return order.length === questions && order.every((n, i) => n === i + 1);
}
