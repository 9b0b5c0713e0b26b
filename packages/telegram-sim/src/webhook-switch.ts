/**
 * setWebhook, deleteWebhook and getWebhookInfo: which webhook is set, its last error, and the
 * delivery behind it (tdlib/telegram-bot-api, Client::process_set_webhook_query, do_set_webhook,
 * JsonWebhookInfo).
 */
import type { WebhookInfo } from 'grammy/types';
import type { Clock } from './clock.js';
import { tooManyRequests } from './errors.js';
import { clampInt, type ParamsLike } from './params-like.js';
import type { QueuedUpdate, UpdateQueue } from './update-queue.js';
import { UPDATE_TYPES, isDefaultFilter, type UpdateType } from './update-types.js';
import { createWebhookDelivery } from './webhook-delivery.js';
import type { WebhookCounters, WebhookDelivery, WebhookDeliveryHooks, WebhookDeliveryOptions, WebhookFaultMode } from './webhook-types.js';
import { checkSecretToken, checkWebhookTarget, literalIpAddress, parseWebhookUrl } from './webhook-target.js';

/** What the switch needs from the hub. */
export interface WebhookSwitchHooks {
  clock: Clock;
  queue: UpdateQueue;
  counters: WebhookCounters;
  options: WebhookDeliveryOptions;
  /** Applies the request's allowed_updates (Telegram reads it in setWebhook too). */
  applyAllowedUpdates(params: ParamsLike): void;
  /** A webhook URL is being set: a waiting getUpdates ends with 409. */
  onSetting(): void;
  onDropped(count: number): void;
  /** An update goes to the bot. */
  onSend(entry: QueuedUpdate): void;
  /** The bot confirmed an update with a 2xx. */
  onDelivered(entry: QueuedUpdate): void;
}

interface Webhook {
  url: string;
  secretToken: string;
  maxConnections: number;
  literalIp: string | undefined;
  delivery: WebhookDelivery;
}

/** See the module comment. */
export class WebhookSwitch {
  readonly #hooks: WebhookSwitchHooks;
  #webhook: Webhook | undefined;
  #lastError: { date: number; message: string } | undefined;
  #nextSetAt = -Infinity;
  #faults: { count: number; mode: WebhookFaultMode } = { count: 0, mode: 'refuse' };
  #closed = false;

  constructor(hooks: WebhookSwitchHooks) {
    this.#hooks = hooks;
  }

  /** Whether a webhook is set (getUpdates then answers 409). */
  get active(): boolean {
    return this.#webhook !== undefined;
  }

  /** New updates were queued. */
  notify(): void {
    this.#webhook?.delivery.notify();
  }

  /**
   * setWebhook (`url` not empty) or deleteWebhook (`url` empty), in Telegram's order: a URL may
   * be set once per second (429 "retry after 1"); an unchanged webhook only takes the new
   * allowed_updates; otherwise the old webhook goes first, pending updates are dropped if asked,
   * and only then is the new URL checked, so a refused URL leaves no webhook. Telegram answers
   * with the description "Webhook was set" / "Webhook was deleted", which a `true` cannot carry.
   * `max_connections` is clamped to 1-100 [40], as Telegram does.
   */
  change(url: string, params: ParamsLike): true {
    const now = this.#hooks.clock.now();
    if (url !== '') {
      if (now < this.#nextSetAt) throw tooManyRequests(1);
      this.#nextSetAt = now + 1_000;
    }
    const maxConnections = url === '' ? 0 : clampInt(params.optionalInt('max_connections') ?? 40, 1, 100);
    const secretToken = url === '' ? '' : (params.optionalString('secret_token') ?? '');
    const drop = params.optionalBool('drop_pending_updates') ?? false;
    const current = this.#webhook;
    const unchanged =
      (current?.url ?? '') === url &&
      (current?.maxConnections ?? 0) === maxConnections &&
      (current?.secretToken ?? '') === secretToken &&
      !drop;
    if (unchanged) {
      this.#hooks.applyAllowedUpdates(params); // "Webhook is already set" / "Webhook is already deleted"
      return true;
    }
    if (url !== '') this.#hooks.onSetting();
    if (current) {
      current.delivery.close();
      this.#webhook = undefined;
      this.#lastError = undefined;
    }
    if (drop) this.#hooks.onDropped(this.#hooks.queue.clear());
    if (url === '') return true;

    const target = parseWebhookUrl(url);
    checkSecretToken(secretToken);
    this.#hooks.applyAllowedUpdates(params);
    checkWebhookTarget(target);
    if (this.#closed) return true;
    const delivery = createWebhookDelivery({ url: target, secretToken, maxConnections }, this.#deliveryHooks(), this.#hooks.options);
    this.#webhook = { url, secretToken, maxConnections, literalIp: literalIpAddress(target), delivery };
    return true;
  }

  /** The getWebhookInfo object, with only the fields that apply, in Telegram's order. */
  info(pendingCount: number, allowed: ReadonlySet<UpdateType>): WebhookInfo {
    const webhook = this.#webhook;
    const info: WebhookInfo = { url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: pendingCount };
    if (this.#lastError) {
      info.last_error_date = this.#lastError.date;
      info.last_error_message = this.#lastError.message;
    }
    if (webhook) {
      info.max_connections = webhook.maxConnections;
      info.ip_address = webhook.literalIp ?? webhook.delivery.ipAddress ?? '<unknown>';
    }
    if (!isDefaultFilter(allowed)) info.allowed_updates = UPDATE_TYPES.filter((type) => allowed.has(type));
    return info;
  }

  /** Makes the next `count` delivery attempts fail as `mode` says (replaces earlier faults). */
  failNext(count: number, mode: WebhookFaultMode): void {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`failNextWebhookDeliveries expects a count that is an integer >= 0, got ${count}`);
    }
    this.#faults = { count, mode };
  }

  /** Stops delivery for good; the updates stay pending. */
  close(): void {
    this.#closed = true;
    this.#webhook?.delivery.close();
  }

  #deliveryHooks(): WebhookDeliveryHooks {
    const hooks = this.#hooks;
    return {
      clock: hooks.clock,
      queue: hooks.queue,
      counters: hooks.counters,
      onSend: hooks.onSend,
      onDelivered: hooks.onDelivered,
      onFailed: (message) => {
        this.#lastError = { date: Math.floor(hooks.clock.now() / 1_000), message };
      },
      takeFault: () => {
        if (this.#faults.count === 0) return undefined;
        this.#faults.count--;
        return this.#faults.mode;
      },
    };
  }
}
