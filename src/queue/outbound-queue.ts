/**
 * The one queue every Bot API call of the bot goes through (a grammY API transformer, so
 * `bot.api.*` and `ctx.reply` need no change). It
 * - keeps calls to one chat in order (a lane per chat, one call in flight per lane);
 * - spaces messages per private chat, per group and over all chats (Telegram's limits);
 * - runs at most `workers` calls at once, interactive ones before results before bulk;
 * - on a 429 pauses exactly the scope that was refused for `retry_after`, then repeats the call
 *   first in its line; repeats 5xx answers and unsent requests after a backoff with jitter;
 *   never repeats a send whose connection broke after the request went out;
 * - refuses calls beyond `maxSize`, and resolves or rejects every call it accepted.
 *
 * Flow: submit -> lane (order, chat spacing, pauses) -> p-queue (workers, priority)
 *   -> global limiter slot (Bottleneck, by priority; Redis-shared with REDIS_URL) -> Telegram.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import type { Transformer } from 'grammy';
import type { ApiResponse } from 'grammy/types';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { ChatLanes, type Lane } from './chat-lanes.js';
import { AmbiguousDeliveryError, ChatUnreachableError, QueueClosedError, QueueFullError } from './errors.js';
import { createGlobalLimiter, type GlobalLimiter } from './global-limiter.js';
import { bypassesQueue, duplicatesOnRepeat, isRateLimited, targetChat, usesPaidBroadcast, type ChatKind } from './method-policy.js';
import { fromError, fromResponse, unreachableReason, type Outcome } from './outcome.js';
import { LIMITER_PRIORITY, WORKER_PRIORITY, type Priority } from './priorities.js';
import { DEFAULT_QUEUE_SETTINGS, spacingMs, type QueueSettings } from './queue-settings.js';
import { WaitTimes, type WaitPercentiles } from './wait-times.js';

export interface OutboundQueueOptions extends Partial<QueueSettings> {
  logger: Logger;
  /** Shares the global limit with every instance through this Redis server [unset: in-process]. */
  redisUrl?: string;
  /** Name of the shared limiter in Redis [quiz-agent]. */
  redisPrefix?: string;
}

/** The numbers /monitoring/stats shows under `message_queue`. */
export interface OutboundQueueStats {
  num_workers: number;
  /** Calls accepted and not yet sent (waiting in lanes, for a worker, or for a retry). */
  queue_size: number;
  /** Calls being sent right now. */
  in_flight: number;
  total_processed: number;
  /** Calls that ended in an error (Telegram's, a network failure, an unreachable chat). */
  total_failed: number;
  /** Calls refused at the door: queue full or closed. */
  total_refused: number;
  rate_limit_hits: number;
  retries: number;
  running: boolean;
  /** Milliseconds from submit to the first send, per priority, over the latest calls. */
  wait_ms: Record<Priority, WaitPercentiles>;
}

/** What {@link OutboundQueue.drain} could not finish before its deadline. */
export interface DrainReport {
  /** True when every accepted call finished. */
  complete: boolean;
  /** Calls rejected with QueueClosedError at the deadline. */
  unsent: { method: string; chatId?: string }[];
  /** Calls already handed to a worker at the deadline: they still settle when their answer arrives. */
  stillRunning: number;
}

export interface OutboundQueueEvents {
  /** A 403 said the bot cannot write to this chat; sends there are refused until markReachable. */
  chatUnreachable: [chatId: string, reason: string];
}

interface Call {
  readonly method: string;
  readonly send: () => Promise<ApiResponse<unknown>>;
  readonly priority: Priority;
  readonly submittedAt: number;
  readonly chat: { key: string; kind: ChatKind } | undefined;
  readonly limited: boolean;
  readonly paid: boolean;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (response: ApiResponse<unknown>) => void;
  readonly reject: (error: unknown) => void;
  attempts: number;
  sentOnce: boolean;
  /** An earlier attempt may have taken effect (the connection broke after sending). */
  maybeApplied: boolean;
  /** Earliest next attempt (backoff after a 5xx or a network error). */
  notBefore: number;
}

/** Returned by a global-limiter slot that found the queue paused by a global 429: nothing was sent. */
const PAUSED = Symbol('paused');
/** A 429 hitting this many different chats within a second is taken for the global limit. */
const GLOBAL_429_CHATS = 3;
const RETRY_MAX_MS = 30_000;

export class OutboundQueue extends EventEmitter<OutboundQueueEvents> {
  readonly settings: Readonly<QueueSettings>;
  readonly #logger: Logger;
  readonly #workers: PQueue;
  readonly #global: GlobalLimiter;
  readonly #priority = new AsyncLocalStorage<Priority>();
  readonly #lanes = new ChatLanes<Call>({
    globalNotBefore: () => this.#globalPausedUntil,
    dispatch: (call, lane) => this.#toWorkers(call, lane),
  });
  readonly #unreachable = new Map<string, string>();
  readonly #waits = new WaitTimes();
  readonly #recent429 = new Map<string, number>();
  /** Calls outside lanes waiting to be retried. */
  readonly #retryTimers = new Map<NodeJS.Timeout, Call>();
  #globalPausedUntil = 0;
  #globalTimer: NodeJS.Timeout | undefined;
  #pending = 0;
  #inFlight = 0;
  #closed = false;
  #idle: (() => void)[] = [];
  readonly #counters = { processed: 0, failed: 0, refused: 0, rateLimitHits: 0, retries: 0 };

  constructor(options: OutboundQueueOptions) {
    super();
    const { logger, redisUrl, redisPrefix, ...overrides } = options;
    this.settings = Object.freeze({ ...DEFAULT_QUEUE_SETTINGS, ...definedOnly(overrides) });
    this.#logger = logger;
    this.#workers = new PQueue({ concurrency: this.settings.workers });
    this.#global = createGlobalLimiter({
      settings: this.settings,
      ...(redisUrl ? { redisUrl } : {}),
      ...(redisPrefix ? { redisPrefix } : {}),
      onError: (error) => this.#logger.error({ err: error }, 'Message queue limiter error'),
    });
    this.#logger.info({ workers: this.settings.workers, shared: Boolean(redisUrl) }, `Message queue started with ${this.settings.workers} workers`);
  }

  /** The grammY transformer: `bot.api.config.use(queue.transformer)`. */
  readonly transformer: Transformer = (prev, method, payload, signal) => {
    if (bypassesQueue(method)) return prev(method, payload, signal);
    // grammY types the signal with the abort-controller polyfill; at runtime it is Node's own.
    return this.submit(method, payload, () => prev(method, payload, signal), signal as AbortSignal | undefined) as ReturnType<typeof prev>;
  };

  /**
   * A transformer whose calls all get `priority`: give an Api of its own to each kind of
   * sender (`resultsApi.config.use(queue.transformerFor('results'))`). Prefer it to
   * {@link withPriority} on hot paths: AsyncLocalStorage makes Node track every promise.
   */
  transformerFor(priority: Priority): Transformer {
    return (prev, method, payload, signal) => {
      if (bypassesQueue(method)) return prev(method, payload, signal);
      return this.submit(method, payload, () => prev(method, payload, signal), signal as AbortSignal | undefined, priority) as ReturnType<typeof prev>;
    };
  }

  /** Runs `fn` so that the Bot API calls it makes get `priority` (default: interactive). */
  withPriority<T>(priority: Priority, fn: () => T): T {
    return this.#priority.run(priority, fn);
  }

  /**
   * Queues one call. Resolves with Telegram's answer (ok or an error answer, which grammY turns
   * into a GrammyError); rejects with QueueFullError, QueueClosedError, ChatUnreachableError,
   * AmbiguousDeliveryError or the network error after the last retry.
   */
  submit(
    method: string,
    payload: unknown,
    send: () => Promise<ApiResponse<unknown>>,
    signal?: AbortSignal,
    priority?: Priority,
  ): Promise<ApiResponse<unknown>> {
    if (this.#closed || this.#pending >= this.settings.maxSize) {
      this.#counters.refused++;
      return Promise.reject(this.#closed ? new QueueClosedError(method) : new QueueFullError(method, this.settings.maxSize));
    }
    const chat = targetChat(payload);
    const limited = isRateLimited(method);
    if (chat && limited && this.#unreachable.has(chat.key)) {
      this.#counters.failed++;
      return Promise.reject(new ChatUnreachableError(method, chat.key, this.#unreachable.get(chat.key) as string));
    }
    return new Promise((resolve, reject) => {
      const call: Call = {
        method, send, chat, limited, signal, resolve, reject,
        priority: priority ?? this.#priority.getStore() ?? 'interactive',
        submittedAt: Date.now(),
        paid: usesPaidBroadcast(payload),
        attempts: 0,
        sentOnce: false,
        maybeApplied: false,
        notBefore: 0,
      };
      this.#pending++;
      if (chat && limited) this.#lanes.enter(chat.key, chat.kind, call);
      else this.#dispatch(call, undefined);
    });
  }

  /** The chat can be written to again (the user wrote to the bot, the bot was added back). */
  markReachable(chatId: number | string): void {
    this.#unreachable.delete(String(chatId));
  }

  stats(): OutboundQueueStats {
    return {
      num_workers: this.settings.workers,
      queue_size: this.#pending - this.#inFlight,
      in_flight: this.#inFlight,
      total_processed: this.#counters.processed,
      total_failed: this.#counters.failed,
      total_refused: this.#counters.refused,
      rate_limit_hits: this.#counters.rateLimitHits,
      retries: this.#counters.retries,
      running: !this.#closed,
      wait_ms: this.#waits.percentiles(),
    };
  }

  /**
   * Graceful shutdown: refuses new calls, lets the accepted ones finish for up to `deadlineMs`,
   * then rejects what is still waiting with QueueClosedError and reports it.
   */
  async drain(deadlineMs: number): Promise<DrainReport> {
    this.#closed = true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.#whenIdle().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs))),
    ]);
    clearTimeout(timer);
    if (finished) return { complete: true, unsent: [], stillRunning: 0 };
    const unsent = this.#rejectWaiting();
    this.#logger.warn({ unsent: unsent.length, stillRunning: this.#pending }, 'Message queue drain deadline passed: calls not sent');
    return { complete: false, unsent, stillRunning: this.#pending };
  }

  /** Drains (see {@link drain}) and releases the limiters (and their Redis connection). */
  async close(deadlineMs = 10_000): Promise<DrainReport> {
    const report = await this.drain(deadlineMs);
    await this.#global.disconnect();
    return report;
  }

  // ------------------------------------------------------------------------------ lanes

  /** A lane's first call may go: with Redis, first wait for the chat's shared slot. */
  #toWorkers(call: Call, lane: Lane<Call>): void {
    const sharedSlot = this.#global.chatSlot(lane.kind, lane.key);
    if (!sharedSlot) return this.#dispatch(call, lane);
    sharedSlot.then(
      () => this.#dispatch(call, lane),
      (error: unknown) => {
        // Redis unreachable: the lane's own spacing still holds for this instance.
        this.#logger.error({ err: error, chatId: lane.key }, 'Shared chat limiter failed; sending with local spacing');
        this.#dispatch(call, lane);
      },
    );
  }

  // ------------------------------------------------------------------------------ sending

  #dispatch(call: Call, lane: Lane<Call> | undefined): void {
    void this.#workers.add(() => this.#attempt(call, lane), { priority: WORKER_PRIORITY[call.priority] });
  }

  async #attempt(call: Call, lane: Lane<Call> | undefined): Promise<void> {
    if (call.signal?.aborted) return this.#finish(call, lane, () => call.reject(call.signal?.reason));
    try {
      if (call.limited) await this.#global.slot({ priority: LIMITER_PRIORITY[call.priority], paid: call.paid });
    } catch (error) {
      // The limiter failed (Redis unreachable) before anything went out.
      this.#logger.error({ err: error, method: call.method }, 'Message queue limiter failed');
      call.attempts++;
      if (call.attempts > this.settings.maxRetries) return this.#fail(call, lane, error);
      return this.#again(call, lane, this.#backoffMs(call));
    }
    const outcome = call.limited ? await this.#sendLimited(call, lane) : await this.#send(call);
    if (outcome === PAUSED) return this.#again(call, lane, 0);
    switch (outcome.kind) {
      case 'answer':
        return this.#answer(call, lane, outcome.response);
      case 'rate_limited':
        this.#rateLimited(call, lane, outcome.retryAfterS);
        return this.#again(call, lane, 0);
      case 'server_error':
        if (call.attempts > this.settings.maxRetries) return this.#answer(call, lane, outcome.response);
        return this.#again(call, lane, this.#backoffMs(call));
      case 'not_sent':
        if (call.attempts > this.settings.maxRetries) return this.#fail(call, lane, outcome.error);
        return this.#again(call, lane, this.#backoffMs(call));
      case 'unclear':
        if (duplicatesOnRepeat(call.method)) return this.#fail(call, lane, new AmbiguousDeliveryError(call.method, call.chat?.key, outcome.error));
        if (call.attempts > this.settings.maxRetries) return this.#fail(call, lane, outcome.error);
        call.maybeApplied = true;
        return this.#again(call, lane, this.#backoffMs(call));
    }
  }

  /** Right after the global limiter's slot: unless a global 429 paused the queue meanwhile, send now. */
  async #sendLimited(call: Call, lane: Lane<Call> | undefined): Promise<Outcome | typeof PAUSED> {
    if (Date.now() < this.#globalPausedUntil) return PAUSED;
    if (lane) lane.nextAt = Date.now() + spacingMs(lane.kind === 'private' ? this.settings.privateChatPerS : this.settings.groupPerMin / 60);
    return this.#send(call);
  }

  async #send(call: Call): Promise<Outcome> {
    if (!call.sentOnce) {
      call.sentOnce = true;
      this.#waits.record(call.priority, Date.now() - call.submittedAt);
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

  #answer(call: Call, lane: Lane<Call> | undefined, response: ApiResponse<unknown>): void {
    if (call.maybeApplied && isNotModified(response)) {
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
    this.#finish(call, lane, () => call.resolve(response));
  }

  #fail(call: Call, lane: Lane<Call> | undefined, error: unknown): void {
    this.#counters.failed++;
    this.#logger.warn({ method: call.method, chatId: call.chat?.key, err: error }, 'Bot API call failed');
    this.#finish(call, lane, () => call.reject(error));
  }

  #finish(call: Call, lane: Lane<Call> | undefined, settle: () => void): void {
    this.#pending--;
    settle();
    if (lane) this.#lanes.done(lane);
    if (this.#pending === 0) for (const wake of this.#idle.splice(0)) wake();
  }

  /** The call stays first in its line and is tried again after `delayMs` (and any pause). */
  #again(call: Call, lane: Lane<Call> | undefined, delayMs: number): void {
    if (delayMs > 0) {
      this.#counters.retries++;
      call.notBefore = Date.now() + delayMs;
    }
    if (lane) return this.#lanes.again(lane);
    const waitMs = Math.max(call.notBefore, this.#globalPausedUntil) - Date.now();
    if (waitMs <= 0) return this.#dispatch(call, undefined);
    const timer = setTimeout(() => {
      this.#retryTimers.delete(timer);
      this.#dispatch(call, undefined);
    }, waitMs);
    this.#retryTimers.set(timer, call);
  }

  #backoffMs(call: Call): number {
    const ceiling = Math.min(RETRY_MAX_MS, this.settings.retryBaseMs * 2 ** (call.attempts - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2)); // "equal jitter"
  }

  // ------------------------------------------------------------------------------ 429s

  /**
   * Telegram's 429 does not name the limit that refused the call. A call to no chat, or 429s
   * for several chats within a second, mean the global limit: everything pauses. Otherwise the
   * chat (or group) pauses alone.
   */
  #rateLimited(call: Call, lane: Lane<Call> | undefined, retryAfterS: number): void {
    this.#counters.rateLimitHits++;
    this.#counters.retries++;
    const now = Date.now();
    const until = now + retryAfterS * 1000;
    let scope: 'global' | ChatKind = 'global';
    if (lane) {
      this.#recent429.set(lane.key, now);
      for (const [key, at] of this.#recent429) if (at < now - 1000) this.#recent429.delete(key);
      scope = this.#recent429.size >= GLOBAL_429_CHATS ? 'global' : lane.kind;
      lane.pausedUntil = Math.max(lane.pausedUntil, until);
    }
    if (scope === 'global' && until > this.#globalPausedUntil) this.#pauseAll(until);
    this.#logger.warn({ scope, retryAfterS, method: call.method, chatId: call.chat?.key }, 'Rate limit hit');
  }

  /** A global pause: lanes wait for it on their next pump; this wakes them when it ends. */
  #pauseAll(until: number): void {
    this.#globalPausedUntil = until;
    clearTimeout(this.#globalTimer);
    this.#globalTimer = setTimeout(() => this.#lanes.pumpAll(), until - Date.now());
  }

  // ------------------------------------------------------------------------------ shutdown

  #whenIdle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Rejects every call that is not in flight; returns what they were. */
  #rejectWaiting(): DrainReport['unsent'] {
    const unsent: DrainReport['unsent'] = [];
    for (const call of this.#lanes.takeWaiting()) {
      this.#pending--;
      unsent.push({ method: call.method, ...(call.chat ? { chatId: call.chat.key } : {}) });
      call.reject(new QueueClosedError(call.method));
    }
    for (const [timer, call] of this.#retryTimers) {
      clearTimeout(timer);
      this.#pending--;
      unsent.push({ method: call.method, ...(call.chat ? { chatId: call.chat.key } : {}) });
      call.reject(new QueueClosedError(call.method));
    }
    this.#retryTimers.clear();
    clearTimeout(this.#globalTimer);
    return unsent;
  }
}

/** Creates the queue and logs `Message queue started with N workers`. */
export function createOutboundQueue(options: OutboundQueueOptions): OutboundQueue {
  return new OutboundQueue(options);
}

function isNotModified(response: ApiResponse<unknown>): boolean {
  return !response.ok && response.error_code === 400 && response.description.startsWith('Bad Request: message is not modified');
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
