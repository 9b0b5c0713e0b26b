/**
 * The queue's sizing and Telegram's limits as the queue applies them. Defaults are Telegram's
 * documented figures (core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 */
export interface QueueSettings {
  /** Calls sent to Telegram at once (QUEUE_WORKERS) [10]. */
  workers: number;
  /** Calls waiting or in flight before new ones are refused (QUEUE_MAX_SIZE) [10000]. */
  maxSize: number;
  /** Messages per second to one private chat (QUEUE_PRIVATE_CHAT_PER_S) [1]. */
  privateChatPerS: number;
  /** Messages per minute to one group, edits included (QUEUE_GROUP_PER_MIN) [20]. */
  groupPerMin: number;
  /**
   * Messages over all chats that may arrive at Telegram within any `limitWindowMs`
   * (QUEUE_GLOBAL_PER_S) [30]. Each is a slot held from the send until `limitWindowMs` after
   * its answer came back (arrival-limiter.ts).
   */
  globalPerS: number;
  /** The same for calls with allow_paid_broadcast [1000]. */
  paidBroadcastPerS: number;
  /** The window Telegram counts the global limits over: a slot comes back this long after the answer [1000]. */
  limitWindowMs: number;
  /**
   * With REDIS_URL only: a shared slot not given back within this long is freed by Redis, so a
   * crashed (SIGKILLed) instance's slots come back to the others [10000].
   *
   * Why 10 s. A slot is held from its grant to one window after its call's answer: up to one
   * window of pacing, the wait for a worker, the beforeSend guard, the request, one window
   * (arrival-limiter.ts); with Telegram's usual sub-second answers, 2-3 s. An expiry above the
   * longest possible hold is out of reach: the Bot API client keeps grammY's default request
   * timeout, 500 s (create-bot.ts sets no `timeoutSeconds`). So a call slower than about 8 s
   * (Telegram or the network stalled) outlives its slot, and that is safe: the call goes on, is
   * answered once and never sent again; only Redis stops counting its slot, so the instances may
   * send one message more in that window (at worst a 429, which pauses and retries what was not
   * sent), and it is logged (SharedSlotExpiredError). In return a dead instance's slots come back
   * within 10 s plus a heartbeat (1 s), not the minute a 60 s expiry took (finding 2 of
   * bench/reports/scale-findings.md: 16-20 messages/s instead of 28-30 meanwhile). Must exceed
   * two windows.
   */
  sharedSlotExpiryMs: number;
  /** Retries of a 5xx answer or a network failure before the call fails [5]. */
  maxRetries: number;
  /** First retry delay; doubles per attempt, with jitter, up to 30 s [500]. */
  retryBaseMs: number;
}

export const DEFAULT_QUEUE_SETTINGS: Readonly<QueueSettings> = Object.freeze({
  workers: 10,
  maxSize: 10_000,
  privateChatPerS: 1,
  groupPerMin: 20,
  globalPerS: 30,
  paidBroadcastPerS: 1000,
  limitWindowMs: 1000,
  sharedSlotExpiryMs: 10_000,
  maxRetries: 5,
  retryBaseMs: 500,
});

/** Largest retry delay: a call that failed five times still comes back within half a minute. */
export const RETRY_MAX_MS = 30_000;

/**
 * Spacing between two sends to one chat, in whole milliseconds, rounded up so the rate stays
 * at or under the limit (1/s -> 1000 ms; 20/min -> 3000 ms). Telegram's short bursts are left
 * unused: they absorb the jitter of the network between the queue and Telegram.
 */
export function spacingMs(perSecond: number): number {
  return Math.ceil(1000 / perSecond);
}

/** Spacing between two sends to one chat of `kind`: private chats and groups have their own limits. */
export function chatSpacingMs(settings: Pick<QueueSettings, 'privateChatPerS' | 'groupPerMin'>, kind: 'private' | 'group'): number {
  return spacingMs(kind === 'private' ? settings.privateChatPerS : settings.groupPerMin / 60);
}
