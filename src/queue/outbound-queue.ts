/**
 * The one queue every Bot API call of the bot goes through (a grammY API transformer, so
 * `bot.api.*` and `ctx.reply` need no change). It
 * - keeps calls to one chat in order (a lane per chat, one call in flight per lane);
 * - spaces messages per private chat and per group, and holds the limit over all chats where
 *   Telegram counts it, on arrival (arrival-limiter.ts);
 * - serves waiting calls by priority (questions, interactive replies, announcements, results,
 *   bulk), then the call due first, then submit order, at the global limit and at the workers,
 *   so no chat starves when the limit binds;
 * - runs at most `workers` calls at once;
 * - asks a call's `beforeSend` guard right before its request (at-most-once sends);
 * - on a 429 pauses exactly the scope that was refused for `retry_after`, then repeats the call
 *   first in its line; repeats 5xx answers and unsent requests after a backoff with jitter;
 *   never repeats a send whose connection broke after the request went out;
 * - refuses calls beyond `maxSize`, and resolves or rejects every call it accepted.
 * Every wait and time stamp is on the injected Clock, so a ManualClock drives it in tests.
 *
 * Flow of a call Telegram rate-limits:
 *   submit -> chat lane (order, chat spacing, pauses; with Redis also the chat's shared slot)
 *     -> global slot (priority, due time; Redis-shared with REDIS_URL) -> worker (same order)
 *     -> beforeSend -> Telegram -> the slot stays taken a window after the answer.
 * Other calls (answerCallbackQuery, getChatMember, ...) go straight to a worker.
 */
import { EventEmitter } from 'node:events';
import type { Transformer } from 'grammy';
import type { ApiResponse } from 'grammy/types';
import type { Logger } from 'pino';
import { systemClock, type Clock, type Timer } from '../lib/clock.js';
import type { Call } from './call.js';
import { CallRouter } from './call-router.js';
import { ChatUnreachableError, QueueClosedError, QueueFullError } from './errors.js';
import { LiveCalls } from './live-calls.js';
import { bypassesQueue, isRateLimited, targetChat, usesPaidBroadcast } from './method-policy.js';
import { isPriority, PRIORITY_RANK, type Priority } from './priorities.js';
import { createQueueCounters } from './queue-counters.js';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queue-settings.js';
import type { DrainReport, OutboundQueueEvents, OutboundQueueStats, SubmitOptions } from './queue-types.js';
import { UnreachableChats } from './unreachable-chats.js';
import { WaitTimes } from './wait-times.js';

export type { DrainReport, OutboundQueueEvents, OutboundQueueStats, SubmitOptions } from './queue-types.js';

export interface OutboundQueueOptions extends Partial<QueueSettings> {
  logger: Logger;
  /** Time for every wait and stamp: spacing, pauses, retries, the global window, drain [systemClock]. */
  clock?: Clock;
  /** Shares the global and per-chat limits with every instance through this Redis server [unset: in-process]. */
  redisUrl?: string;
  /** Name of the shared limiters in Redis [quiz-agent]. */
  redisPrefix?: string;
}

export class OutboundQueue extends EventEmitter<OutboundQueueEvents> {
  readonly settings: Readonly<QueueSettings>;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #router: CallRouter;
  readonly #unreachable = new UnreachableChats();
  readonly #waits = new WaitTimes();
  readonly #live = new LiveCalls();
  #seq = 0;
  #closed = false;
  readonly #counters = createQueueCounters();

  constructor(options: OutboundQueueOptions) {
    super();
    const { logger, clock, redisUrl, redisPrefix, ...overrides } = options;
    this.settings = Object.freeze({ ...DEFAULT_QUEUE_SETTINGS, ...definedOnly(overrides) });
    this.#logger = logger;
    this.#clock = clock ?? systemClock;
    this.#router = new CallRouter({
      settings: this.settings,
      clock: this.#clock,
      logger,
      live: this.#live,
      unreachable: this.#unreachable,
      waits: this.#waits,
      counters: this.#counters,
      events: {
        waited: (priority, seconds) => this.emit('waited', priority, seconds),
        chatUnreachable: (chatKey, reason) => this.emit('chatUnreachable', chatKey, reason),
      },
      ...(redisUrl ? { redisUrl } : {}),
      ...(redisPrefix ? { redisPrefix } : {}),
    });
    this.#logger.info(
      { workers: this.settings.workers, shared: Boolean(redisUrl) },
      `Message queue started with ${this.settings.workers} workers`,
    );
  }

  /** The grammY transformer, every call `interactive`: `bot.api.config.use(queue.transformer)`. */
  readonly transformer: Transformer = this.transformerWith();

  /**
   * A transformer whose calls all get `priority`: give an Api of its own to each kind of
   * sender (`resultsApi.config.use(queue.transformerFor('results'))`).
   */
  transformerFor(priority: Priority): Transformer {
    return this.transformerWith({ priority });
  }

  /**
   * A transformer whose calls all carry `options`: build an Api with it for one send that needs
   * a guard or a due time.
   *
   * @example
   * const api = new Api(token, apiOptions);
   * api.config.use(queue.transformerWith({ priority: 'question', dueAt: step.dueAt, beforeSend: () => claimSend(step) }));
   * await api.sendPoll(chatId, question, options);
   */
  transformerWith(options: SubmitOptions = {}): Transformer {
    return (prev, method, payload, signal) => {
      if (bypassesQueue(method)) return prev(method, payload, signal);
      // grammY types the signal with the abort-controller polyfill; at runtime it is Node's own.
      return this.submit(method, payload, () => prev(method, payload, signal), signal as AbortSignal | undefined, options) as ReturnType<
        typeof prev
      >;
    };
  }

  /**
   * Queues one call. Resolves with Telegram's answer (ok or an error answer, which grammY turns
   * into a GrammyError); rejects with QueueFullError, QueueClosedError, ChatUnreachableError,
   * AmbiguousDeliveryError, SendCancelledError or the network error after the last retry.
   * {@link deliveryOf} says which of these may have reached Telegram.
   */
  submit(
    method: string,
    payload: unknown,
    send: () => Promise<ApiResponse<unknown>>,
    signal?: AbortSignal,
    options: SubmitOptions = {},
  ): Promise<ApiResponse<unknown>> {
    const priority = options.priority ?? 'interactive';
    if (!isPriority(priority))
      return Promise.reject(new TypeError(`outbound queue: unknown priority ${JSON.stringify(priority)} for ${method}`));
    if (this.#closed || this.#live.size >= this.settings.maxSize) {
      this.#counters.refused++;
      return Promise.reject(this.#closed ? new QueueClosedError(method) : new QueueFullError(method, this.settings.maxSize));
    }
    const chat = targetChat(payload);
    const limited = isRateLimited(method);
    const unreachable = chat && limited ? this.#unreachable.reasonOf(chat.key) : undefined;
    if (chat && unreachable !== undefined) {
      this.#counters.failed++;
      return Promise.reject(new ChatUnreachableError(method, chat.key, unreachable));
    }
    const now = this.#clock.now();
    return new Promise((resolve, reject) => {
      const call: Call = {
        method,
        send,
        priority,
        chat,
        limited,
        signal,
        resolve,
        reject,
        order: { rank: PRIORITY_RANK[priority], dueAt: options.dueAt ?? now, seq: this.#seq++ },
        submittedAt: now,
        paid: usesPaidBroadcast(payload),
        beforeSend: options.beforeSend,
        stage: 'waiting',
        lane: undefined,
        slot: undefined,
        attempts: 0,
        guardPassed: false,
        sentOnce: false,
        maybeApplied: false,
        notBefore: 0,
      };
      this.#live.add(call);
      this.#router.route(call);
    });
  }

  /** The chat can be written to again (the user wrote to the bot, the bot was added back). */
  markReachable(chatId: number | string): void {
    this.#unreachable.clear(String(chatId));
  }

  stats(): OutboundQueueStats {
    return {
      num_workers: this.settings.workers,
      queue_size: this.#live.size - this.#router.inFlight,
      in_flight: this.#router.inFlight,
      total_processed: this.#counters.processed,
      total_failed: this.#counters.failed,
      total_refused: this.#counters.refused,
      total_cancelled: this.#counters.cancelled,
      rate_limit_hits: this.#counters.rateLimitHits,
      retries: this.#counters.retries,
      shared_pauses_received: this.#counters.sharedPausesReceived,
      running: !this.#closed,
      wait_ms: this.#waits.percentiles(),
    };
  }

  /**
   * Graceful shutdown: refuses new calls, lets the accepted ones finish for up to `deadlineMs`
   * of the clock, then rejects every call not being sent with QueueClosedError and reports it.
   */
  async drain(deadlineMs: number): Promise<DrainReport> {
    this.#closed = true;
    let timer: Timer | undefined;
    const finished = await Promise.race([
      this.#live.whenIdle().then(() => true),
      new Promise<false>((resolve) => (timer = this.#clock.setTimeout(() => resolve(false), deadlineMs))),
    ]);
    timer?.cancel();
    if (finished) return { complete: true, unsent: [], stillRunning: 0 };
    const unsent = this.#router.rejectWaiting();
    this.#logger.warn({ unsent: unsent.length, stillRunning: this.#live.size }, 'Message queue drain deadline passed: calls not sent');
    return { complete: false, unsent, stillRunning: this.#live.size };
  }

  /** Drains (see {@link drain}) and stops the limiters (and their Redis connection). */
  async close(deadlineMs = 10_000): Promise<DrainReport> {
    const report = await this.drain(deadlineMs);
    await this.#router.stop();
    return report;
  }
}

/** Creates the queue and logs `Message queue started with N workers`. */
export function createOutboundQueue(options: OutboundQueueOptions): OutboundQueue {
  return new OutboundQueue(options);
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
