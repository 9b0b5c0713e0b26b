/** What happened to the poll answers the bot received, for /monitoring/stats. */
export interface AnswerCounters {
  /** poll_answer updates received. */
  received: number;
  /** Answers committed by the AnswerWriter (retractions included). */
  saved: number;
  /** Answers to polls no run sent (or whose run is gone). */
  ignored_unknown_poll: number;
  /** Answers that arrived after their question closed. */
  ignored_closed: number;
  /** Answers from a user Telegram did not name (an anonymous voter chat): nothing to score. */
  ignored_anonymous: number;
  /** Answers to a poll not known at acceptance, kept in the inbox until it is (another instance's, or being reconciled). */
  deferred: number;
  /** Answers that can never be saved (an option the poll does not have, a row the database refuses): kept as dead letters. */
  refused: number;
}

export function createAnswerCounters(): AnswerCounters {
  return { received: 0, saved: 0, ignored_unknown_poll: 0, ignored_closed: 0, ignored_anonymous: 0, deferred: 0, refused: 0 };
}
