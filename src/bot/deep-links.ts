/**
 * The payloads of the bot's t.me links (`?start=<payload>` / `?startgroup=<payload>`), the one
 * owner of their format: the texts build links with these, and the /start handlers read them
 * back with these. Telegram allows A-Z, a-z, 0-9, _ and - in a payload, up to 64 characters.
 */
export const DEEP_LINK = {
  /** Plays (private) or starts (group) quiz `quizId`: `quiz_<id>`. */
  quiz: (quizId: number) => `quiz_${quizId}`,
  /** The prefix a quiz payload starts with; the id follows it. */
  quizPrefix: 'quiz_',
  /** Opens the guided quiz creation in private. */
  newQuiz: 'newquiz',
  /** Opens the bot (or adds it to a group) with the help. */
  help: 'help',
} as const;

/** Whether a /start payload is a quiz link (whatever follows the prefix is checked by the start command). */
export function isQuizDeepLink(payload: string): boolean {
  return payload.startsWith(DEEP_LINK.quizPrefix);
}
