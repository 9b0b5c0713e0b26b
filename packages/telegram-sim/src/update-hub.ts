/**
 * The update side of the simulator: the world adds updates for the bot here, and the bot takes
 * them by getUpdates long polling or receives them on its webhook, with the semantics of the Bot
 * API server (tdlib/telegram-bot-api, Client.cpp) wherever a bot could tell the difference.
 */
import type { WebhookInfo } from 'grammy/types';
import type { Clock } from './clock.js';
import { BotApiError } from './errors.js';
import { CONFLICTS, LongPoll } from './long-poll.js';
import { clampInt, type ParamsLike } from './params-like.js';
import { NO_UPDATES, RawJson } from './raw-json.js';
import { UpdateQueue, type QueuedUpdate } from './update-queue.js';
import { DEFAULT_ALLOWED_UPDATES, readAllowedUpdates, type UpdateType } from './update-types.js';
import type { WebhookCounters, WebhookDeliveryOptions, WebhookFaultMode } from './webhook-types.js';
import { WebhookSwitch } from './webhook-switch.js';

/** Options of {@link createUpdateHub}. */
export interface UpdateHubOptions {
  clock: Clock;
  /** update_id of the first update [100000001]. */
  firstUpdateId?: number;
  /** Webhook timeout and backoff (defaults in {@link WebhookDeliveryOptions}). */
  webhook?: WebhookDeliveryOptions;
}

/** One hand-out to the bot: a getUpdates answer or a webhook POST. */
export interface HandedOutBatch {
  updateIds: number[];
  types: UpdateType[];
  /** Clock time of the hand-out. */
  at: number;
  /** True when at least one of the updates had been handed out before. */
  redelivery: boolean;
}

/** One update queued for the bot (see {@link UpdateHub.onAdded}). */
export interface AddedUpdate {
  updateId: number;
  type: UpdateType;
  /** Clock time it was queued: when the user acted, as far as the bot can ever know. */
  at: number;
}

/** Hub figures for tests, benchmarks and monitoring. */
export interface UpdateHubStats {
  /** Updates queued. */
  added: number;
  /** Updates not queued because allowed_updates filtered their type out. */
  filtered: number;
  /** Update hand-outs, redeliveries included (an update in a getUpdates answer or a webhook POST). */
  handedOut: number;
  /** Hand-outs of updates that had been handed out before. */
  redelivered: number;
  /** Updates confirmed (by a getUpdates offset or a 2xx webhook answer). */
  confirmed: number;
  /** Updates dropped unconfirmed (negative offset, drop_pending_updates). */
  dropped: number;
  pending: number;
  getUpdatesCalls: number;
  /** 409 answers to getUpdates. */
  conflicts: number;
  webhook: WebhookCounters;
}

/** The update hub. See {@link createUpdateHub}. */
export interface UpdateHub {
  /**
   * Queues an update unless allowed_updates filters its type out (then returns undefined).
   * `orderKey` names the chat (or, for poll_answer, the user) whose updates a webhook receives
   * one at a time, in order. `payload` is the update without update_id: an object (serialized
   * once, now) or a function called at each hand-out (a poll-state update then carries the latest
   * state). Returns the update_id.
   */
  add(type: UpdateType, orderKey: string, payload: object | (() => object)): number | undefined;
  /**
   * The getUpdates method. Rejects with a BotApiError (409) where Telegram answers one, and with
   * the signal's reason when the client goes away while the call waits (nothing is answered).
   */
  getUpdates(params: ParamsLike, signal?: AbortSignal): Promise<RawJson>;
  /** The setWebhook method; a missing `url` means "", which deletes the webhook, as on Telegram. */
  setWebhook(params: ParamsLike): true;
  /** The deleteWebhook method; pending updates stay for getUpdates unless drop_pending_updates. */
  deleteWebhook(params: ParamsLike): true;
  getWebhookInfo(): WebhookInfo;
  /** Makes the next `count` webhook attempts fail on purpose (tests of the bot's idempotence). */
  failNextWebhookDeliveries(count: number, mode: WebhookFaultMode): void;
  /** True while the update is queued and was never handed out (a lazy payload can still change). */
  isWaiting(updateId: number): boolean;
  readonly pendingCount: number;
  /**
   * Calls `listener` with the update_ids (and types) of each batch handed to the bot, with clock
   * time. Lets a test or benchmark measure hand-out -> handled latency. Returns the unsubscribe function.
   */
  onHandedOut(listener: (batch: HandedOutBatch) => void): () => void;
  /**
   * Calls `listener` with each update queued from now on (not the ones allowed_updates filters
   * out), with clock time. With {@link onHandedOut} it measures how long an update waited at
   * "Telegram" before the bot took it. Returns the unsubscribe function.
   *
   * @example
   * const queuedAt = new Map<number, number>();
   * hub.onAdded(({ updateId, at }) => queuedAt.set(updateId, at));
   */
  onAdded(listener: (update: AddedUpdate) => void): () => void;
  stats(): UpdateHubStats;
  /** Answers a waiting long poll with [], stops webhook delivery; later polls answer at once. */
  close(): void;
}

/** getUpdates' `timeout` is clamped to 0-50 s (LONG_POLL_MAX_TIMEOUT). */
const LONG_POLL_MAX_S = 50;
/** Telegram ends an answer before 4 MiB of updates (1 << 22 characters, 50 more counted per update). */
const MAX_ANSWER_CHARS = 1 << 22;

/**
 * Creates the hub with an empty queue and the default allowed_updates.
 *
 * getUpdates follows the Bot API docs ("An update is considered confirmed as soon as getUpdates
 * is called with an offset higher than its update_id. The negative offset can be specified to
 * retrieve updates starting from -offset update from the end of the updates queue. All previous
 * updates will be forgotten.") and what the server does beyond them:
 * - `limit` is clamped to 1-100 and `timeout` to 0-50 s, never refused;
 * - an offset more than 10 past the next update_id is ignored (answered from the oldest update);
 * - a repeated call with the same offset within 3 s waits at least 3 s for updates, and within
 *   0.5 s gets at most 1 update (Telegram's brake on busy loops);
 * - a waiting call is answered as soon as an update arrives; a newer call that has to wait ends
 *   it with 409 "terminated by other getUpdates request", setWebhook with 409 "terminated by
 *   setWebhook request"; while a webhook is set, getUpdates gets 409 "can't use getUpdates method
 *   while webhook is active"; a 409 within 3 s of the previous one is answered 3 s late.
 * See {@link WebhookSwitch.change} for setWebhook and webhook-delivery.ts for delivery.
 *
 * @example
 * const hub = createUpdateHub({ clock: new ManualClock() });
 * hub.add('message', String(chat.id), { message });
 * const answer = await hub.getUpdates(params); // RawJson: [{"update_id":100000001,"message":{...}}]
 */
export function createUpdateHub(options: UpdateHubOptions): UpdateHub {
  return new Hub(options);
}

class Hub implements UpdateHub {
  readonly #clock: Clock;
  readonly #queue: UpdateQueue;
  readonly #longPoll: LongPoll;
  readonly #webhook: WebhookSwitch;
  readonly #listeners = new Set<(batch: HandedOutBatch) => void>();
  readonly #addedListeners = new Set<(update: AddedUpdate) => void>();
  readonly #counters: WebhookCounters = { delivered: 0, failed: 0, redelivered: 0, inFlight: 0 };
  readonly #stats = { added: 0, filtered: 0, handedOut: 0, redelivered: 0, confirmed: 0, dropped: 0, getUpdatesCalls: 0, conflicts: 0 };
  #allowed: ReadonlySet<UpdateType> = DEFAULT_ALLOWED_UPDATES;
  #previousOffset: number | undefined;
  #previousStart = -Infinity;
  #closed = false;

  constructor(options: UpdateHubOptions) {
    this.#clock = options.clock;
    this.#queue = new UpdateQueue(options.firstUpdateId ?? 100_000_001);
    this.#longPoll = new LongPoll({
      clock: this.#clock,
      collect: (from, limit) => this.#collect(from, limit),
      onConflict: () => this.#stats.conflicts++,
    });
    this.#webhook = new WebhookSwitch({
      clock: this.#clock,
      queue: this.#queue,
      counters: this.#counters,
      options: options.webhook ?? {},
      applyAllowedUpdates: (params) => this.#applyAllowedUpdates(params),
      onSetting: () => this.#longPoll.end(CONFLICTS.setWebhook),
      onDropped: (count) => (this.#stats.dropped += count),
      onSend: (entry) => {
        if (entry.handOuts > 0) this.#counters.redelivered++;
        this.#handOut([entry]);
      },
      onDelivered: (entry) => {
        if (this.#queue.remove(entry.id)) this.#stats.confirmed++;
      },
    });
  }

  get pendingCount(): number {
    return this.#queue.size;
  }

  add(type: UpdateType, orderKey: string, payload: object | (() => object)): number | undefined {
    if (!this.#allowed.has(type)) {
      this.#stats.filtered++;
      return undefined;
    }
    const { id } = this.#queue.push(type, orderKey, payload);
    this.#stats.added++;
    if (this.#addedListeners.size > 0) {
      const added: AddedUpdate = { updateId: id, type, at: this.#clock.now() };
      for (const listener of this.#addedListeners) listener(added);
    }
    if (this.#webhook.active) this.#webhook.notify();
    else this.#longPoll.notify();
    return id;
  }

  async getUpdates(params: ParamsLike, signal?: AbortSignal): Promise<RawJson> {
    this.#stats.getUpdatesCalls++;
    if (signal?.aborted) throw signal.reason;
    if (this.#webhook.active) return this.#longPoll.conflict(CONFLICTS.webhookActive);
    const offset = params.optionalInt('offset') ?? 0;
    let limit = clampInt(params.optionalInt('limit') ?? 100, 1, 100);
    let timeout = clampInt(params.optionalInt('timeout') ?? 0, 0, LONG_POLL_MAX_S);
    this.#applyAllowedUpdates(params);
    const now = this.#clock.now();
    if (offset === this.#previousOffset && timeout < 3 && now < this.#previousStart + 3_000) timeout = 3;
    if (offset === this.#previousOffset && now < this.#previousStart + 500) limit = 1;
    this.#previousOffset = offset;
    this.#previousStart = now;

    if (offset < 0) this.#stats.dropped += this.#queue.keepLast(-offset);
    let from = offset <= 0 ? this.#queue.headId : offset;
    // Telegram's queue refuses an offset "in the future" (past next id + 10) and reads from the head.
    if (from > this.#queue.nextId + 10) from = this.#queue.headId;
    const answer = this.#collect(from, limit);
    if (answer || timeout === 0 || this.#closed) return answer ?? NO_UPDATES;
    return this.#longPoll.wait(from, limit, timeout * 1_000, signal);
  }

  setWebhook(params: ParamsLike): true {
    return this.#webhook.change(params.optionalString('url') ?? '', params);
  }

  deleteWebhook(params: ParamsLike): true {
    return this.#webhook.change('', params);
  }

  getWebhookInfo(): WebhookInfo {
    return this.#webhook.info(this.#queue.size, this.#allowed);
  }

  failNextWebhookDeliveries(count: number, mode: WebhookFaultMode): void {
    this.#webhook.failNext(count, mode);
  }

  isWaiting(updateId: number): boolean {
    const entry = this.#queue.get(updateId);
    return entry !== undefined && entry.handOuts === 0;
  }

  onHandedOut(listener: (batch: HandedOutBatch) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onAdded(listener: (update: AddedUpdate) => void): () => void {
    this.#addedListeners.add(listener);
    return () => this.#addedListeners.delete(listener);
  }

  stats(): UpdateHubStats {
    return { ...this.#stats, pending: this.#queue.size, webhook: { ...this.#counters } };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#longPoll.close();
    this.#webhook.close();
  }

  /** The updates from `from` on, confirming every older one; undefined when there are none. */
  #collect(from: number, limit: number): RawJson | undefined {
    this.#stats.confirmed += this.#queue.removeBefore(from);
    const { entries, json } = this.#queue.take(from, limit, MAX_ANSWER_CHARS);
    if (entries.length === 0) return undefined;
    this.#handOut(entries);
    return new RawJson(`[${json.join(',')}]`);
  }

  #handOut(entries: QueuedUpdate[]): void {
    let redelivery = false;
    for (const entry of entries) {
      if (entry.handOuts++ > 0) {
        redelivery = true;
        this.#stats.redelivered++;
      }
    }
    this.#stats.handedOut += entries.length;
    if (this.#listeners.size === 0) return;
    const batch: HandedOutBatch = {
      updateIds: entries.map((e) => e.id),
      types: entries.map((e) => e.type),
      at: this.#clock.now(),
      redelivery,
    };
    for (const listener of this.#listeners) listener(batch);
  }

  #applyAllowedUpdates(params: ParamsLike): void {
    let value: unknown;
    try {
      value = params.optionalJson<unknown>('allowed_updates');
    } catch (error) {
      // Telegram ignores an allowed_updates it cannot parse and keeps the previous filter.
      if (error instanceof BotApiError) return;
      throw error;
    }
    this.#allowed = readAllowedUpdates(value) ?? this.#allowed;
  }
}
