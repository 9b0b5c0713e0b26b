/**
 * Starting a run from a command: reads "<quiz id> [time per question]", asks the engine, and
 * tells the chat what happened when the run does not start (the engine announces a run that
 * does). Shared by /startquiz, /play and the `quiz_<id>` deep links.
 */
import { parseOpenPeriod } from '../quiz/open-period.js';
import type { BotContext } from './context.js';

/** What follows /startquiz or /play: the quiz, and optionally the time per question and `shuffle`. */
export interface StartArguments {
  quizId: number;
  openPeriodS?: number;
  /** Shuffle each question's options for this run (the quiz's own setting otherwise). */
  shuffle?: true;
}

/** Reads "12", "12 15s", "12 1m shuffle", "quiz_12" (a deep link's payload). */
export function parseStartArguments(text: string): ({ ok: true } & StartArguments) | { ok: false; problem: string } {
  const [first, ...rest] = text.trim().split(/\s+/);
  const id = /^(?:quiz_)?(\d{1,15})$/.exec(first ?? '');
  if (!id) return { ok: false, problem: 'Which quiz? Give its number, e.g. /startquiz 12 or /startquiz 12 15s shuffle (your quizzes: /myquizzes).' };
  const quizId = Number(id[1]);
  const shuffle = rest.some((word) => word.toLowerCase() === 'shuffle');
  const periodWords = rest.filter((word) => word.toLowerCase() !== 'shuffle');
  const result: { ok: true } & StartArguments = { ok: true, quizId, ...(shuffle ? { shuffle: true as const } : {}) };
  if (periodWords.length === 0) return result;
  const period = parseOpenPeriod(periodWords.join(' '));
  if (!period.ok) return { ok: false, problem: `Cannot start quiz ${quizId}: ${period.problem}.` };
  return { ...result, openPeriodS: period.seconds };
}

/** Starts quiz `args` in the current chat; replies when it cannot. */
export async function startRunFromChat(ctx: BotContext, args: string, mode: 'group' | 'private'): Promise<void> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return;
  const parsed = parseStartArguments(args);
  if (!parsed.ok) {
    await ctx.reply(parsed.problem);
    return;
  }
  const result = await ctx.deps.engine.startRun({
    quizId: parsed.quizId,
    chatId: chat.id,
    startedBy: from.id,
    mode,
    ...(parsed.openPeriodS !== undefined ? { openPeriodS: parsed.openPeriodS } : {}),
    ...(parsed.shuffle ? { shuffleOptions: true } : {}),
  });
  if (result.ok) {
    ctx.logger.info({ runId: result.run.id, quizId: parsed.quizId, chatId: chat.id, mode }, 'Run started');
    return;
  }
  if (result.reason === 'quiz-not-found') {
    await ctx.reply(`There is no quiz ${parsed.quizId}. Your quizzes: /myquizzes`);
  } else {
    const stop = mode === 'group' ? 'An admin can stop it with /stopquiz.' : 'Stop it with /stopquiz.';
    await ctx.reply(`A quiz is already running here (question ${Math.max(result.run.currentPosition + 1, 1)} of ${result.run.questionCount}). ${stop}`);
  }
}
