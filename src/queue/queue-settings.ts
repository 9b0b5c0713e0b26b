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
  /** Messages per second over all chats (QUEUE_GLOBAL_PER_S) [30]. */
  globalPerS: number;
  /** Messages per second for calls with allow_paid_broadcast [1000]. */
  paidBroadcastPerS: number;
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
  maxRetries: 5,
  retryBaseMs: 500,
});

/**
 * Spacing between two sends of one scope, in whole milliseconds, rounded up so the rate stays
 * at or under the limit (30/s -> 34 ms = 29.4/s, 98% of it). Telegram's bursts are left unused:
 * they absorb the jitter of the network between the queue and Telegram.
 */
export function spacingMs(perSecond: number): number {
  return Math.ceil(1000 / perSecond);
}
