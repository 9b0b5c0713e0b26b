/** Telegram's limits on parameters, from the documentation of Bot API 9.x (see validation.ts). */
export const LIMITS = {
  messageText: 4096,
  /** Bytes of raw text tdlib reads before any parsing (`1 << 15`). */
  rawText: 1 << 15,
  pollQuestion: 300,
  pollOptionsMin: 1,
  pollOptionsMax: 12,
  pollOption: 100,
  pollExplanation: 200,
  pollExplanationLineFeeds: 2,
  openPeriodMin: 5,
  openPeriodMax: 2_628_000,
  callbackData: 64,
  keyboardButtons: 100,
  commands: 100,
  command: 32,
  commandDescription: 256,
} as const;
