/**
 * An OutboundQueue on a ManualClock with a stand-in for Telegram that records every request
 * with the clock time it went out, for tests that check when and in which order calls leave.
 *
 * Time moves only when a test advances it, and `advance()` stops at every timer on the way:
 * the queue's reaction to a timer (a grant, a send) runs in promise callbacks and, for
 * Bottleneck, which counts the global slots, a few zero-delay turns of the real event loop,
 * so after each stop it lets turns pass until nothing has changed for a while. It waits for
 * those turns, not for time, so the outcome does not depend on the machine's speed, and a
 * request that a timer at 250 ms lets go is stamped 250 ms.
 */
import type { ApiResponse } from 'grammy/types';
import pino from 'pino';
import type { Clock, Timer } from '../../src/lib/clock.js';
import { createOutboundQueue, type OutboundQueue, type OutboundQueueOptions, type SubmitOptions } from '../../src/queue/outbound-queue.js';
import { ManualClock } from 'telegram-sim/clock';

export const START = Date.UTC(2026, 0, 1);

/** A ManualClock that knows when its next timer is due, so a test can stop there. */
export class SteppingClock implements Clock {
  readonly manual = new ManualClock(START);
  readonly #due = new Set<{ at: number }>();

  now(): number {
    return this.manual.now();
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const entry = { at: this.manual.now() + Math.max(0, ms) };
    this.#due.add(entry);
    const timer = this.manual.setTimeout(() => {
      this.#due.delete(entry);
      callback();
    }, ms);
    return {
      cancel: () => {
        this.#due.delete(entry);
        timer.cancel();
      },
    };
  }

  /** Whether a pending timer is due exactly at `at` (epoch ms): something waits until then. */
  hasTimerAt(at: number): boolean {
    return [...this.#due].some((t) => t.at === at);
  }

  /** Moves time to `at` in one step, running the timers due on the way. */
  advanceTo(at: number): void {
    this.manual.advance(at - this.manual.now());
  }

  /**
   * Moves time forward by `ms`, stopping at each timer due on the way and calling `settle`
   * after it ran (time stands still meanwhile).
   */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.manual.now() + ms;
    await settle(); // what is due now happens now
    for (;;) {
      const next = Math.min(...[...this.#due].map((t) => t.at));
      if (!(next <= target)) break;
      this.manual.advance(Math.max(0, next - this.manual.now()));
      await settle();
    }
    this.manual.advance(target - this.manual.now());
    await settle();
  }
}

export interface SentRequest {
  chatId: number;
  text: string;
  /** Milliseconds since START when the request went out. */
  at: number;
}

/** How the stand-in answers one request; the default is ok at once. */
export type Reply = () => Promise<ApiResponse<unknown>> | ApiResponse<unknown>;

export interface ClockedQueue {
  clock: SteppingClock;
  queue: OutboundQueue;
  sent: SentRequest[];
  /** Queues a sendMessage to `chatId`; `reply` answers it (ok by default). */
  send(chatId: number, text: string, options?: SubmitOptions, reply?: Reply): Promise<ApiResponse<unknown>>;
  /** Moves the clock by `ms` (from now), letting the queue act at every timer on the way. */
  advance(ms: number): Promise<void>;
  /** Texts sent so far, in order. */
  texts(): string[];
  /** Drains and closes the queue (deadline 0 on the clock). */
  close(): Promise<void>;
}

export function clockedQueue(options: Partial<OutboundQueueOptions> = {}): ClockedQueue {
  const clock = new SteppingClock();
  const queue = createOutboundQueue({ logger: pino({ level: 'silent' }), clock, retryBaseMs: 100, ...options });
  const sent: SentRequest[] = [];
  const quiet = () => settle(() => `${sent.length} ${JSON.stringify(queue.stats())}`);
  return {
    clock,
    queue,
    sent,
    send(chatId, text, submitOptions, reply) {
      const request = async (): Promise<ApiResponse<unknown>> => {
        sent.push({ chatId, text, at: clock.now() - START });
        return reply ? reply() : { ok: true, result: { message_id: sent.length, chat: { id: chatId }, text } };
      };
      return queue.submit('sendMessage', { chat_id: chatId, text }, request, undefined, submitOptions);
    },
    advance: (ms) => clock.advance(ms, quiet),
    texts: () => sent.map((s) => s.text),
    async close() {
      const closing = queue.close(0);
      clock.manual.advance(0);
      await closing;
    },
  };
}

/**
 * Lets promise chains and Bottleneck's zero-delay timers run until `state()` has not changed
 * for `quietTurns` turns in a row. Each turn is a zero-delay timer queued after any timer
 * Bottleneck queued before it, and a grant takes Bottleneck three or four such turns.
 */
export async function settle(state: () => string = () => '', quietTurns = 12): Promise<void> {
  let last = state();
  for (let quiet = 0; quiet < quietTurns;) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const now = state();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** A 5xx or 429 answer as grammY hands it to transformers. */
export function errorAnswer(errorCode: number, description: string, retryAfterS?: number): ApiResponse<unknown> {
  return {
    ok: false,
    error_code: errorCode,
    description,
    ...(retryAfterS !== undefined ? { parameters: { retry_after: retryAfterS } } : {}),
  };
}
