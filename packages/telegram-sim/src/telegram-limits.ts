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
  /** A media message's caption, visible characters. */
  caption: 1024,
  /** Largest file getFile prepares for a bot (tdlib's MAX_DOWNLOAD_FILE_SIZE, 20 MiB). */
  downloadFileBytes: 20 * 1024 * 1024,
  /** Largest request body api.telegram.org takes, so the largest upload: "50 MB" (MiB, as its front end counts). */
  uploadBodyBytes: 50 * 1024 * 1024,
  /** Largest file a user (without Premium) can send: 2000 MiB (4000 parts of 512 KiB). */
  userFileBytes: 2000 * 1024 * 1024,
} as const;
