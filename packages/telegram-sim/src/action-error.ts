/**
 * Thrown by the world when a virtual user tries what Telegram's apps would not let them do
 * (vote on a closed poll, change a quiz answer, write in a group they are not in). It is an
 * error of the test or driver, not a Bot API answer, so it is not a BotApiError.
 */
export class SimulatorActionError extends Error {
  override readonly name = 'SimulatorActionError';
  /**
   * @param code stable reason, e.g. `POLL_CLOSED`, `REVOTE_NOT_ALLOWED`, `NOT_A_MEMBER`, `UNKNOWN_USER`
   */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
