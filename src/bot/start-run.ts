/**
 * Starting a run from a command: reads "<quiz id> [time per question]", asks the engine, and
 * tells the chat what happened when the run does not start (the engine announces a run that
 * does). Shared by /startquiz, /play and the `quiz_<id>` deep links.
 */
import { isLocale } from '../i18n/locales.js';
import type { Translate } from '../i18n/translator.js';
import { parseOpenPeriod } from '../quiz/open-period.js';
import type { BotContext } from './context.js';
import { DEEP_LINK, isQuizDeepLink } from './deep-links.js';
import { noSuchQuizText, runAlreadyRunningText, startDrawProblemText, startPeriodProblemText, startUsageText } from './texts/play.js';

/** What follows /startquiz or /play: the quiz, and optionally the time per question and `shuffle`. */
export interface StartArguments {
  quizId: number;
  openPeriodS?: number;
  /** Shuffle each question's options for this run (the quiz's own setting otherwise). */
  shuffle?: true;
  /** Play a random draw of this many of the quiz's questions (`10q`): a question pool. */
  draw?: number;
}

/** `10q`: a draw of 10 questions (a pool); up to 4 digits, more than any quiz holds. */
const DRAW_WORD = /^(\d{1,4})q$/i;

/** Where a run is started from: a group (/startquiz) or a private chat (/play). */
export type StartMode = 'group' | 'private';

/**
 * Reads "12", "12 15s", "12 1m shuffle", "12 10q" (10 questions drawn from the quiz), "quiz_12"
 * (a deep link's payload). A problem names the usage of the command of `mode`'s chat, the one the
 * user can send where they are, in `t`'s language.
 */
export function parseStartArguments(
  t: Translate,
  text: string,
  mode: StartMode,
): ({ ok: true } & StartArguments) | { ok: false; problem: string } {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const fromLink = isQuizDeepLink(first);
  const idText = fromLink ? first.slice(DEEP_LINK.quizPrefix.length) : first;
  // Ids are generated from 1; 15 digits keep every one a safe integer.
  if (!/^\d{1,15}$/.test(idText)) return { ok: false, problem: startUsageText(t, first, fromLink, mode) };
  const quizId = Number(idText);
  const shuffle = rest.some((word) => word.toLowerCase() === 'shuffle');
  const drawWord = rest.find((word) => DRAW_WORD.test(word));
  const draw = drawWord === undefined ? undefined : Number(DRAW_WORD.exec(drawWord)?.[1]);
  if (draw === 0) return { ok: false, problem: startDrawProblemText(t, quizId) };
  const periodWords = rest.filter((word) => word.toLowerCase() !== 'shuffle' && word !== drawWord);
  const result: { ok: true } & StartArguments = {
    ok: true,
    quizId,
    ...(shuffle ? { shuffle: true as const } : {}),
    ...(draw !== undefined ? { draw } : {}),
  };
  if (periodWords.length === 0) return result;
  const period = parseOpenPeriod(periodWords.join(' '));
  if (!period.ok) return { ok: false, problem: startPeriodProblemText(t, quizId, period.problem) };
  return { ...result, openPeriodS: period.seconds };
}

/** Starts quiz `args` in the current chat; replies when it cannot. */
export async function startRunFromChat(ctx: BotContext, args: string, mode: StartMode): Promise<void> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return;
  const parsed = parseStartArguments(ctx.t, args, mode);
  if (!parsed.ok) {
    await ctx.reply(parsed.problem);
    return;
  }
  const locale = await ctx.i18n.getLocale();
  const result = await ctx.deps.engine.startRun({
    quizId: parsed.quizId,
    chatId: chat.id,
    startedBy: from.id,
    mode,
    // The run speaks the chat's language (its announcement and results come outside any update).
    ...(isLocale(locale) ? { locale } : {}),
    ...(parsed.openPeriodS !== undefined ? { openPeriodS: parsed.openPeriodS } : {}),
    ...(parsed.shuffle ? { shuffleOptions: true } : {}),
    ...(parsed.draw !== undefined ? { draw: parsed.draw } : {}),
  });
  if (result.ok) {
    ctx.logger.info({ runId: result.run.id, quizId: parsed.quizId, chatId: chat.id, mode }, 'Run started');
    return;
  }
  if (result.reason === 'quiz-not-found') {
    await ctx.reply(noSuchQuizText(ctx.t, parsed.quizId));
  } else {
    await ctx.reply(runAlreadyRunningText(ctx.t, result.run, mode));
  }
}
