/**
 * The types around webhook delivery: options, target, counters, and what the hub lends it.
 * The behaviour is described in webhook-delivery.ts.
 */
import type { Clock } from './clock.js';
import type { QueuedUpdate, UpdateQueue } from './update-queue.js';

/**
 * A failure injected on purpose: `abort_after_send` sends the whole request and drops the
 * connection as the bot's answer arrives (the bot handled the update, Telegram saw no answer);
 * `refuse` fails without sending ("Connection refused").
 */
export type WebhookFaultMode = 'abort_after_send' | 'refuse';

/** Tuning of webhook delivery. */
export interface WebhookDeliveryOptions {
  /**
   * Longest wait for the bot's answer, in ms [60_000]. Telegram waits 60 s ("The webhook response
   * is awaited for at most 60 seconds", levlam in tdlib/telegram-bot-api#211 and #341), then
   * records "Read timeout expired" and sends the update again.
   */
  timeoutMs?: number;
  /**
   * Backoff between attempts of a failing update: first and largest delay in ms [1_000 and
   * 60_000]; the delay doubles per failure. (Telegram retries the first failure at once, then
   * after 2, 4, 8 ... s, capped at a random 60-120 s.)
   */
  retryDelayMs?: { initial: number; max: number };
}

/** Where a webhook points and how. */
export interface WebhookTarget {
  url: URL;
  /** Sent as X-Telegram-Bot-Api-Secret-Token when not empty. */
  secretToken: string;
  maxConnections: number;
}

/** Delivery figures, summed over every webhook the bot has had. */
export interface WebhookCounters {
  delivered: number;
  failed: number;
  redelivered: number;
  inFlight: number;
}

/** What the update hub lends the delivery. */
export interface WebhookDeliveryHooks {
  clock: Clock;
  queue: Pick<UpdateQueue, 'nextAfter' | 'headId' | 'serialize'>;
  /** An update is about to be POSTed (the bot will see it). */
  onSend(entry: QueuedUpdate): void;
  /** The bot answered 2xx: the update is confirmed. */
  onDelivered(entry: QueuedUpdate): void;
  onFailed(message: string): void;
  /** The fault to inject into the next attempt, if any. */
  takeFault(): WebhookFaultMode | undefined;
  counters: WebhookCounters;
}

/** A running webhook. See {@link createWebhookDelivery}. */
export interface WebhookDelivery {
  /** New updates were queued. */
  notify(): void;
  /** The address of the webhook's host once a connection told it. */
  readonly ipAddress: string | undefined;
  /** Stops delivering: in-flight requests are aborted, their updates stay pending. */
  close(): void;
}
