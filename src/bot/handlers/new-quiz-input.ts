/**
 * Reading the `/newquiz <title>` command line with the questions from the next line on. The
 * rules of titles and blocks are src/quiz's (quiz-title.ts, quiz-text.ts); this only splits
 * the message. A pure function, so it is tested without Telegram.
 */

/** A `/newquiz` message split into the title (the command's line) and the questions (the lines after it). */
export interface NewQuizCommand {
  /** The rest of the command's line, trimmed; '' when none was given. */
  title: string;
  /** Everything after the command's line, as written; '' when the message is one line. */
  body: string;
}

/**
 * Splits a `/newquiz` message. `commandLength` is the length of the command entity
 * (`/newquiz` or `/newquiz@bot`). grammY's `ctx.match` cannot be used: it drops the character
 * after the command, so `/newquiz\nQuestion?` would read "Question?" as the title.
 *
 * @example parseNewQuizCommand('/newquiz Capitals\nCapital of France?\n- Paris *', 8)
 * // { title: 'Capitals', body: 'Capital of France?\n- Paris *' }
 */
export function parseNewQuizCommand(text: string, commandLength: number): NewQuizCommand {
  const rest = text.slice(commandLength);
  const newline = rest.indexOf('\n');
  if (newline === -1) return { title: rest.trim(), body: '' };
  return { title: rest.slice(0, newline).trim(), body: rest.slice(newline + 1) };
}
