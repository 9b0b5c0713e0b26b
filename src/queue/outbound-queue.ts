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
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { createBackoff, type Backoff } from '../lib/backoff.js';
import { systemClock, type Clock, type Timer } from '../lib/clock.js';
import type { Call } from './call.js';
import { ChatLanes, type Lane } from './chat-lanes.js';
import { DueOrderQueue, type DueOrderAddOptions } from './due-order-queue.js';
import { AmbiguousDeliveryError, ChatUnreachableError, QueueClosedError, QueueFullError, SendCancelledError, type SendCancelReason } from './errors.js';
import { deliveryOf } from './delivery.js';
import { createGlobalLimiter, type GlobalLimiter } from './global-limiter.js';
import { bypassesQueue, duplicatesOnRepeat, isRateLimited, targetChat, usesPaidBroadcast, type ChatKind } from './method-policy.js';
import { fromError, fromResponse, isMessageNotModified, unreachableReason, type Outcome } from './outcome.js';
import { isPriority, PRIORITY_RANK, type Priority } from './priorities.js';
import { DEFAULT_QUEUE_SETTINGS, RETRY_MAX_MS, spacingMs, type QueueSettings } from './queue-settings.js';
import { RateLimitScopes } from './rate-limit-scope.js';
import type { DrainReport, OutboundQueueEvents, OutboundQueueStats, SubmitOptions } from './queue-types.js';
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
  readonly #backoff: Backoff;
  readonly #workers: PQueue<DueOrderQueue, DueOrderAddOptions>;
  readonly #limits: GlobalLimiter;
  readonly #lanes: ChatLanes<Call>;
  readonly #scopes = new RateLimitScopes();
  readonly #unreachable = new Map<string, string>();
  readonly #waits = new WaitTimes();
  /** Every accepted call not yet settled. */
  readonly #live = new Set<Call>();
  /** Calls outside lanes waiting to be retried. */
  readonly #retryTimers = new Map<Call, Timer>();
  #seq = 0;
  #globalPausedUntil = 0;
  #globalTimer: Timer | undefined;
  #inFlight = 0;
  #closed = false;
  /** The drain deadline passed: a call that would wait again is rejected instead. */
  #deadlinePassed = false;
  #idle: (() => void)[] = [];
  readonly #counters = { processed: 0, failed: 0, refused: 0, cancelled: 0, rateLimitHits: 0, retries: 0 };

  constructor(options: OutboundQueueOptions) {
    super();
    const { logger, clock, redisUrl, redisPrefix, ...overrides } = options;
    this.settings = Object.freeze({ ...DEFAULT_QUEUE_SETTINGS, ...definedOnly(overrides) });
    this.#logger = logger;
    this.#clock = clock ?? systemClock;
    this.#backoff = createBackoff({ initialMs: this.settings.retryBaseMs, maxMs: Math.max(RETRY_MAX_MS, this.settings.retryBaseMs) });
    this.#workers = new PQueue({ concurrency: this.settings.workers, queueClass: DueOrderQueue });
    this.#lanes = new ChatLanes<Call>({
      clock: this.#clock,
      globalNotBefore: () => this.#globalPausedUntil,
      dispatch: (call, lane) => this.#leaveLane(call, lane),
    });
    this.#limits = createGlobalLimiter({
      settings: this.settings,
      clock: this.#clock,
      ...(redisUrl ? { redisUrl } : {}),
      ...(redisPrefix ? { redisPrefix } : {}),
      onError: (error) => this.#logger.error({ err: error }, 'Message queue limiter error'),
    });
    this.#logger.info({ workers: this.settings.workers, shared: Boolean(redisUrl) }, `Message queue started with ${this.settings.workers} workers`);
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
      return this.submit(method, payload, () => prev(method, payload, signal), signal as AbortSignal | undefined, options) as ReturnType<typeof prev>;
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
    if (!isPriority(priority)) return Promise.reject(new TypeError(`outbound queue: unknown priority ${JSON.stringify(priority)} for ${method}`));
    if (this.#closed || this.#live.size >= this.settings.maxSize) {
      this.#counters.refused++;
      return Promise.reject(this.#closed ? new QueueClosedError(method) : new QueueFullError(method, this.settings.maxSize));
    }
    const chat = targetChat(payload);
    const limited = isRateLimited(method);
    if (chat && limited && this.#unreachable.has(chat.key)) {
      this.#counters.failed++;
      return Promise.reject(new ChatUnreachableError(method, chat.key, this.#unreachable.get(chat.key) as string));
    }
    const now = this.#clock.now();
    return new Promise((resolve, reject) => {
      const call: Call = {
        method, send, priority, chat, limited, signal, resolve, reject,
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
      if (chat && limited) this.#lanes.enter(chat.key, chat.kind, call);
      else this.#toSlot(call);
    });
  }

  /** The chat can be written to again (the user wrote to the bot, the bot was added back). */
  markReachable(chatId: number | string): void {
    this.#unreachable.delete(String(chatId));
  }

  stats(): OutboundQueueStats {
    return {
      num_workers: this.settings.workers,
      queue_size: this.#live.size - this.#inFlight,
      in_flight: this.#inFlight,
      total_processed: this.#counters.processed,
      total_failed: this.#counters.failed,
      total_refused: this.#counters.refused,
      total_cancelled: this.#counters.cancelled,
      rate_limit_hits: this.#counters.rateLimitHits,
      retries: this.#counters.retries,
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
      this.#whenIdle().then(() => true),
      new Promise<false>((resolve) => (timer = this.#clock.setTimeout(() => resolve(false), deadlineMs))),
    ]);
    timer?.cancel();
    if (finished) return { complete: true, unsent: [], stillRunning: 0 };
    this.#deadlinePassed = true;
    const unsent = this.#rejectWaiting();
    this.#logger.warn({ unsent: unsent.length, stillRunning: this.#live.size }, 'Message queue drain deadline passed: calls not sent');
    return { complete: false, unsent, stillRunning: this.#live.size };
  }

  /** Drains (see {@link drain}) and stops the limiters (and their Redis connection). */
  async close(deadlineMs = 10_000): Promise<DrainReport> {
    const report = await this.drain(deadlineMs);
    await this.#limits.stop();
    return report;
  }

  // ------------------------------------------------------------------------------ waiting

  /** A lane's first call may go: with Redis, first wait for the chat's shared slot. */
  #leaveLane(call: Call, lane: Lane<Call>): void {
    call.lane = lane;
    const sharedSlot = this.#limits.chatSlot(lane.kind, lane.key);
    if (!sharedSlot) return this.#toSlot(call);
    sharedSlot.then(
      () => this.#toSlot(call),
      (error: unknown) => {
        // Redis unreachable: the lane's own spacing still holds for this instance.
        this.#logger.error({ err: error, chatId: lane.key }, 'Shared chat limiter failed; sending with local spacing');
        this.#toSlot(call);
      },
    );
  }

  /** A call Telegram limits over all chats waits for a global slot; others go to a worker. */
  #toSlot(call: Call): void {
    if (call.stage === 'done') return; // rejected at the drain deadline meanwhile
    if (!call.limited) return this.#toWorkers(call);
    call.stage = 'slot';
    this.#limits.acquire({ order: call.order, paid: call.paid }).then(
      (slot) => {
        if (call.stage !== 'slot') return slot.release(false);
        call.slot = slot;
        this.#toWorkers(call);
      },
      (error: unknown) => {
        if (call.stage !== 'slot') return;
        // The limiter failed (Redis unreachable) before anything went out.
        this.#logger.error({ err: error, method: call.method }, 'Message queue limiter failed');
        call.attempts++;
        if (call.attempts > this.settings.maxRetries) return this.#fail(call, error);
        this.#again(call, this.#backoff.delayMs(call.attempts));
      },
    );
  }

  #toWorkers(call: Call): void {
    call.stage = 'worker';
    this.#workers.add(() => this.#attempt(call), { order: call.order }).catch((error: unknown) => {
      this.#logger.error({ err: error, method: call.method }, 'Message queue worker failed');
    });
  }

  // ------------------------------------------------------------------------------ sending

  async #attempt(call: Call): Promise<void> {
    const slot = call.slot;
    call.slot = undefined;
    if (call.stage !== 'worker') return slot?.release(false);
    call.stage = 'sending';
    if (call.signal?.aborted) {
      slot?.release(false);
      return this.#cancel(call, 'aborted', { cause: call.signal.reason });
    }
    if (slot && this.#clock.now() < this.#globalPausedUntil) {
      // A global 429 paused the queue while this call waited: nothing was sent.
      slot.release(false);
      return this.#again(call, 0);
    }
    const refusal = await this.#askGuard(call);
    if (refusal) {
      slot?.release(false);
      return this.#cancel(call, refusal.reason, refusal.options);
    }
    if (call.lane) call.lane.nextAt = this.#clock.now() + this.#chatSpacingMs(call.lane.kind);
    const outcome = await this.#send(call);
    // The answer (or failure) is back: the slot stays taken one window longer (arrival-limiter.ts).
    slot?.release(true);
    switch (outcome.kind) {
      case 'answer':
        return this.#answer(call, outcome.response);
      case 'rate_limited':
        this.#rateLimited(call, outcome.retryAfterS);
        return this.#again(call, 0);
      case 'server_error':
        if (call.attempts > this.settings.maxRetries) return this.#answer(call, outcome.response);
        return this.#again(call, this.#backoff.delayMs(call.attempts));
      case 'not_sent':
        if (call.attempts > this.settings.maxRetries) return this.#fail(call, outcome.error);
        return this.#again(call, this.#backoff.delayMs(call.attempts));
      case 'unclear':
        if (duplicatesOnRepeat(call.method)) return this.#fail(call, new AmbiguousDeliveryError(call.method, call.chat?.key, outcome.error));
        if (call.attempts > this.settings.maxRetries) return this.#fail(call, outcome.error);
        call.maybeApplied = true;
        return this.#again(call, this.#backoff.delayMs(call.attempts));
    }
  }

  /**
   * Runs the call's beforeSend guard before its first request; undefined means send. A repeat
   * (after a 429, a 5xx or a request that never left) does not ask again: Telegram did not act
   * on the first one, and a guard that records "sending" would refuse its own repeat.
   */
  async #askGuard(call: Call): Promise<{ reason: SendCancelReason; options?: { cause: unknown } } | undefined> {
    if (!call.beforeSend || call.guardPassed) return undefined;
    try {
      if ((await call.beforeSend()) !== true) return { reason: 'declined' };
      call.guardPassed = true;
      return undefined;
    } catch (error) {
      return { reason: 'guard_failed', options: { cause: error } };
    }
  }

  async #send(call: Call): Promise<Outcome> {
    if (!call.sentOnce) {
      call.sentOnce = true;
      const waitedMs = this.#clock.now() - call.submittedAt;
      this.#waits.record(call.priority, waitedMs);
      this.emit('waited', call.priority, waitedMs / 1000);
    }
    call.attempts++;
    this.#inFlight++;
    try {
      return fromResponse(await call.send());
    } catch (error) {
      return fromError(error);
    } finally {
      this.#inFlight--;
    }
  }

  #chatSpacingMs(kind: ChatKind): number {
    return spacingMs(kind === 'private' ? this.settings.privateChatPerS : this.settings.groupPerMin / 60);
  }

  // ------------------------------------------------------------------------------ outcomes

  #answer(call: Call, response: ApiResponse<unknown>): void {
    if (call.maybeApplied && !response.ok && isMessageNotModified(response)) {
      // The attempt whose connection broke did apply the edit: the repeat finds nothing to
      // change. The edit succeeded; `true` is what Telegram answers for edits without a Message.
      response = { ok: true, result: true };
    }
    if (response.ok) this.#counters.processed++;
    else this.#counters.failed++;
    const reason = unreachableReason(response);
    if (reason !== undefined && call.chat && !this.#unreachable.has(call.chat.key)) {
      this.#unreachable.set(call.chat.key, reason);
      this.emit('chatUnreachable', call.chat.key, reason);
    }
    this.#finish(call, () => call.resolve(response));
  }

  #fail(call: Call, error: unknown): void {
    this.#counters.failed++;
    this.#logger.warn({ method: call.method, chatId: call.chat?.key, err: error }, 'Bot API call failed');
    this.#finish(call, () => call.reject(mayHaveApplied(call, error)));
  }

  /** Not sent on purpose (guard, abort): an expected outcome, so no warning. */
  #cancel(call: Call, reason: SendCancelReason, options?: { cause: unknown }): void {
    this.#counters.cancelled++;
    this.#logger.debug({ method: call.method, chatId: call.chat?.key, reason }, 'Bot API call cancelled before sending');
    this.#finish(call, () => call.reject(mayHaveApplied(call, new SendCancelledError(call.method, call.chat?.key, reason, options))));
  }

  #finish(call: Call, settle: () => void): void {
    call.stage = 'done';
    this.#live.delete(call);
    settle();
    if (call.lane) this.#lanes.done(call.lane);
    if (this.#live.size === 0) for (const wake of this.#idle.splice(0)) wake();
  }

  /** The call stays first in its line and is tried again after `delayMs` (and any pause). */
  #again(call: Call, delayMs: number): void {
    if (this.#deadlinePassed) return this.#finish(call, () => call.reject(mayHaveApplied(call, new QueueClosedError(call.method))));
    const now = this.#clock.now();
    if (delayMs > 0) {
      this.#counters.retries++;
      call.notBefore = now + delayMs;
    }
    call.stage = 'waiting';
    if (call.lane) return this.#lanes.again(call.lane);
    const waitMs = Math.max(call.notBefore, this.#globalPausedUntil) - now;
    if (waitMs <= 0) return this.#toSlot(call);
    const timer = this.#clock.setTimeout(() => {
      this.#retryTimers.delete(call);
      this.#toSlot(call);
    }, waitMs);
    this.#retryTimers.set(call, timer);
  }

  // ------------------------------------------------------------------------------ 429s

  /** Pauses what the 429 hit (rate-limit-scope.ts) for `retryAfterS`. */
  #rateLimited(call: Call, retryAfterS: number): void {
    this.#counters.rateLimitHits++;
    this.#counters.retries++;
    const now = this.#clock.now();
    const until = now + retryAfterS * 1000;
    const lane = call.lane;
    const scope = this.#scopes.scopeOf(lane ? { key: lane.key, kind: lane.kind } : undefined, now);
    if (lane) lane.pausedUntil = Math.max(lane.pausedUntil, until);
    if (scope === 'global' && until > this.#globalPausedUntil) this.#pauseAll(until, now);
    this.#logger.warn({ scope, retryAfterS, method: call.method, chatId: call.chat?.key }, 'Rate limit hit');
  }

  /** A global pause: lanes wait for it on their next pump; this wakes them when it ends. */
  #pauseAll(until: number, now: number): void {
    this.#globalPausedUntil = until;
    this.#globalTimer?.cancel();
    this.#globalTimer = this.#clock.setTimeout(() => this.#lanes.pumpAll(), until - now);
  }

  // ------------------------------------------------------------------------------ shutdown

  #whenIdle(): Promise<void> {
    if (this.#live.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Rejects every call that is not being sent; returns what they were. */
  #rejectWaiting(): DrainReport['unsent'] {
    // Calls still in their lanes: they leave them here, so settling them hands nothing on.
    for (const call of this.#lanes.takeWaiting()) call.lane = undefined;
    this.#workers.clear();
    for (const timer of this.#retryTimers.values()) timer.cancel();
    this.#retryTimers.clear();
    this.#globalTimer?.cancel();
    const unsent: DrainReport['unsent'] = [];
    for (const call of [...this.#live]) {
      if (call.stage === 'sending') continue;
      call.slot?.release(false);
      call.slot = undefined;
      unsent.push({ method: call.method, ...(call.chat ? { chatId: call.chat.key } : {}) });
      this.#finish(call, () => call.reject(mayHaveApplied(call, new QueueClosedError(call.method))));
    }
    this.#limits.cancelWaiting(new QueueClosedError('(any)'));
    return unsent;
  }
}

/** Creates the queue and logs `Message queue started with N workers`. */
export function createOutboundQueue(options: OutboundQueueOptions): OutboundQueue {
  return new OutboundQueue(options);
}

/**
 * The error to reject `call` with: as given, unless an earlier attempt may have taken effect
 * (its connection broke after sending; edits and reads are repeated after that) while the
 * error says nothing was sent. Then it is an AmbiguousDeliveryError, so that deliveryOf tells
 * the truth about the call, not about its last attempt.
 */
function mayHaveApplied(call: Call, error: unknown): unknown {
  if (!call.maybeApplied || deliveryOf(error) !== 'not_sent') return error;
  return new AmbiguousDeliveryError(call.method, call.chat?.key, error);
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
