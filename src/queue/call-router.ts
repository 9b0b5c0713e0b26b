/**
 * The road of one accepted call through the outbound queue (outbound-queue.ts takes calls in
 * and reports on them): its chat's lane (order, spacing, pauses; with Redis the chat's shared
 * slot), a global slot (priority, due time), a worker, the beforeSend guard, the request, then
 * what the retry policy (retry-policy.ts) makes of the outcome: settle, repeat after a backoff
 * or after a 429's pause (rate-limit-pauses.ts: which scope, and with Redis on every instance),
 * or fail.
 * Every wait is on the injected Clock.
 */
import type { ApiResponse } from 'grammy/types';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { createBackoff, type Backoff } from '../lib/backoff.js';
import type { Clock, Timer } from '../lib/clock.js';
import { SharedSlotExpiredError } from './arrival-limiter.js';
import type { Call } from './call.js';
import { ChatLanes, type Lane } from './chat-lanes.js';
import { DueOrderQueue, type DueOrderAddOptions } from './due-order-queue.js';
import { QueueClosedError, SendCancelledError, type SendCancelReason } from './errors.js';
import { createGlobalLimiter, type GlobalLimiter } from './global-limiter.js';
import type { LiveCalls } from './live-calls.js';
import { fromError, fromResponse, unreachableReason, type Outcome } from './outcome.js';
import type { Priority } from './priorities.js';
import type { QueueCounters } from './queue-counters.js';
import { chatSpacingMs, RETRY_MAX_MS, type QueueSettings } from './queue-settings.js';
import type { DrainReport } from './queue-types.js';
import { RateLimitPauses } from './rate-limit-pauses.js';
import { decideAfter, mayHaveApplied } from './retry-policy.js';
import { askSendGuard } from './send-guard.js';
import type { UnreachableChats } from './unreachable-chats.js';
import type { WaitTimes } from './wait-times.js';

/** What the router shares with the queue that owns it. */
export interface CallRouterOptions {
  settings: Readonly<QueueSettings>;
  clock: Clock;
  logger: Logger;
  live: LiveCalls;
  unreachable: UnreachableChats;
  waits: WaitTimes;
  counters: QueueCounters;
  /** The queue's events (OutboundQueueEvents), raised where they happen. */
  events: { waited(priority: Priority, seconds: number): void; chatUnreachable(chatKey: string, reason: string): void };
  redisUrl?: string;
  redisPrefix?: string;
}

export class CallRouter {
  readonly #settings: Readonly<QueueSettings>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #live: LiveCalls;
  readonly #unreachable: UnreachableChats;
  readonly #waits: WaitTimes;
  readonly #counters: QueueCounters;
  readonly #events: CallRouterOptions['events'];
  readonly #backoff: Backoff;
  readonly #workers: PQueue<DueOrderQueue, DueOrderAddOptions>;
  readonly #limits: GlobalLimiter;
  readonly #lanes: ChatLanes<Call>;
  readonly #pauses: RateLimitPauses;
  /** Calls outside lanes waiting to be retried. */
  readonly #retryTimers = new Map<Call, Timer>();
  #inFlight = 0;
  /** The drain deadline passed: a call that would wait again is rejected instead. */
  #deadlinePassed = false;

  constructor(options: CallRouterOptions) {
    const { settings, clock, logger, redisUrl, redisPrefix } = options;
    this.#settings = settings;
    this.#clock = clock;
    this.#logger = logger;
    this.#live = options.live;
    this.#unreachable = options.unreachable;
    this.#waits = options.waits;
    this.#counters = options.counters;
    this.#events = options.events;
    this.#backoff = createBackoff({ initialMs: settings.retryBaseMs, maxMs: Math.max(RETRY_MAX_MS, settings.retryBaseMs) });
    this.#workers = new PQueue({ concurrency: settings.workers, queueClass: DueOrderQueue });
    this.#lanes = new ChatLanes<Call>({
      clock,
      globalNotBefore: () => this.#pauses.globalUntil,
      dispatch: (call, lane) => this.#leaveLane(call, lane),
    });
    this.#pauses = new RateLimitPauses({ clock, logger, counters: options.counters, lanes: this.#lanes, redisUrl, redisPrefix });
    this.#limits = createGlobalLimiter({
      settings,
      clock,
      ...(redisUrl ? { redisUrl } : {}),
      ...(redisPrefix ? { redisPrefix } : {}),
      // A slot outlived by its call is expected now and then (a slow Telegram): the call goes on.
      onError: (error) =>
        error instanceof SharedSlotExpiredError
          ? logger.warn({ err: error }, 'A shared global slot expired while its call held it')
          : logger.error({ err: error }, 'Message queue limiter error'),
    });
  }

  /** Calls being sent right now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Starts an accepted (live) call on its road: its chat's lane, or straight to a slot. */
  route(call: Call): void {
    if (call.chat && call.limited) this.#lanes.enter(call.chat.key, call.chat.kind, call);
    else this.#toSlot(call);
  }

  /** Stops the limiters and the shared pauses (and their Redis connections). */
  async stop(): Promise<void> {
    await Promise.all([this.#limits.stop(), this.#pauses.stop()]);
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
        if (call.attempts > this.#settings.maxRetries) return this.#fail(call, error);
        this.#again(call, this.#backoff.delayMs(call.attempts));
      },
    );
  }

  #toWorkers(call: Call): void {
    call.stage = 'worker';
    this.#workers
      .add(() => this.#attempt(call), { order: call.order })
      .catch((error: unknown) => {
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
    if (this.#pauses.holds(call)) {
      // A 429 (here, or at another instance) paused the queue or the chat while this call waited: nothing was sent.
      slot?.release(false);
      return this.#again(call, 0);
    }
    const refusal = await askSendGuard(call);
    if (refusal) {
      slot?.release(false);
      return this.#cancel(call, refusal.reason, refusal.options);
    }
    if (call.lane) call.lane.nextAt = this.#clock.now() + chatSpacingMs(this.#settings, call.lane.kind);
    const outcome = await this.#send(call);
    // The answer (or failure) is back: the slot stays taken one window longer (arrival-limiter.ts).
    slot?.release(true);
    const next = decideAfter(call, outcome, { maxRetries: this.#settings.maxRetries, backoff: this.#backoff });
    switch (next.kind) {
      case 'settle':
        return this.#answer(call, next.response);
      case 'rate_limited':
        return this.#again(call, this.#pauses.hit(call, next.retryAfterS), { counted: true });
      case 'again':
        return this.#again(call, next.delayMs);
      case 'fail':
        return this.#fail(call, next.error);
    }
  }

  async #send(call: Call): Promise<Outcome> {
    if (!call.sentOnce) {
      call.sentOnce = true;
      const waitedMs = this.#clock.now() - call.submittedAt;
      this.#waits.record(call.priority, waitedMs);
      this.#events.waited(call.priority, waitedMs / 1000);
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

  // ------------------------------------------------------------------------------ outcomes

  #answer(call: Call, response: ApiResponse<unknown>): void {
    if (response.ok) this.#counters.processed++;
    else this.#counters.failed++;
    const reason = unreachableReason(response);
    if (reason !== undefined && call.chat && this.#unreachable.mark(call.chat.key, reason))
      this.#events.chatUnreachable(call.chat.key, reason);
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
  }

  /** The call stays first in its line and is tried again after `delayMs` (and any pause). */
  #again(call: Call, delayMs: number, retry: { counted: boolean } = { counted: false }): void {
    if (this.#deadlinePassed) return this.#finish(call, () => call.reject(mayHaveApplied(call, new QueueClosedError(call.method))));
    const now = this.#clock.now();
    if (delayMs > 0) {
      if (!retry.counted) this.#counters.retries++;
      call.notBefore = now + delayMs;
    }
    call.stage = 'waiting';
    if (call.lane) return this.#lanes.again(call.lane);
    // A call Telegram does not limit over all chats (getChatMember, ...) waits for no global pause.
    const waitMs = Math.max(call.notBefore, call.limited ? this.#pauses.globalUntil : 0) - now;
    if (waitMs <= 0) return this.#toSlot(call);
    const timer = this.#clock.setTimeout(() => {
      this.#retryTimers.delete(call);
      this.#toSlot(call);
    }, waitMs);
    this.#retryTimers.set(call, timer);
  }

  // ------------------------------------------------------------------------------ shutdown

  /**
   * The drain deadline passed: rejects every call that is not being sent, and from now on any
   * call that would wait again; returns what they were.
   */
  rejectWaiting(): DrainReport['unsent'] {
    this.#deadlinePassed = true;
    // Calls still in their lanes: they leave them here, so settling them hands nothing on.
    for (const call of this.#lanes.takeWaiting()) call.lane = undefined;
    this.#workers.clear();
    for (const timer of this.#retryTimers.values()) timer.cancel();
    this.#retryTimers.clear();
    this.#pauses.cancel();
    const unsent: DrainReport['unsent'] = [];
    for (const call of this.#live.snapshot()) {
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
