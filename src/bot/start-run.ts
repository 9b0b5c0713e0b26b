/**
 * Starting a run from a command: reads "<quiz id> [time per question]", asks the engine, and
 * tells the chat what happened when the run does not start (the engine announces a run that
 * does). Shared by /startquiz, /play and the `quiz_<id>` deep links.
 */
import { parseOpenPeriod } from '../quiz/open-period.js';
import type { BotContext } from './context.js';

/** Reads "12", "12 15s", "quiz_12" into a quiz id and an optional period. */
export function parseStartArguments(text: string): { ok: true; quizId: number; openPeriodS?: number } | { ok: false; problem: string } {
  const [first, ...rest] = text.trim().split(/\s+/);
  const id = /^(?:quiz_)?(\d{1,15})$/.exec(first ?? '');
  if (!id) return { ok: false, problem: 'Which quiz? Give its number, e.g. /startquiz 12 (your quizzes: /myquizzes).' };
  const quizId = Number(id[1]);
  if (rest.length === 0) return { ok: true, quizId };
  const period = parseOpenPeriod(rest.join(' '));
  if (!period.ok) return { ok: false, problem: `Cannot start quiz ${quizId}: ${period.problem}.` };
  return { ok: true, quizId, openPeriodS: period.seconds };
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
