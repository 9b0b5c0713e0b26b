/**
 * One lane per chat: its calls in submit order, one at a time, each waiting for the chat's
 * spacing (`nextAt`, set when a message really goes out), a 429 pause of the chat (seen here
 * or, with Redis, by another instance), its own retry backoff and any pause of the whole queue.
 * An empty lane stays until its spacing and its pause run out, so a message that comes right
 * after still waits its turn. Every wait is a timer of the injected Clock.
 */
import { systemClock, type Clock, type Timer } from '../lib/clock.js';
import type { ChatKind } from './method-policy.js';

export interface Lane<C> {
  readonly key: string;
  readonly kind: ChatKind;
  readonly calls: C[];
  /** The first call has left the lane (for a limit, a worker, or Telegram). */
  busy: boolean;
  /** Earliest next message to this chat (spacing of its limit), epoch ms of the clock. */
  nextAt: number;
  /** End of a 429 pause of this chat. */
  pausedUntil: number;
  timer: Timer | undefined;
}

export interface ChatLanesOptions<C> {
  /** Time for spacing and pauses [systemClock]. */
  clock?: Clock;
  /** Earliest moment any lane may send (the end of a global pause). */
  globalNotBefore(): number;
  /** The lane's first call may go: hand it on. */
  dispatch(call: C, lane: Lane<C>): void;
}

export class ChatLanes<C extends { readonly notBefore: number }> {
  readonly #lanes = new Map<string, Lane<C>>();
  readonly #clock: Clock;
  readonly #globalNotBefore: () => number;
  readonly #dispatch: (call: C, lane: Lane<C>) => void;

  constructor(options: ChatLanesOptions<C>) {
    this.#clock = options.clock ?? systemClock;
    this.#globalNotBefore = options.globalNotBefore;
    this.#dispatch = options.dispatch;
  }

  /** Appends `call` to its chat's lane and starts the lane if it was idle. */
  enter(key: string, kind: ChatKind, call: C): void {
    const lane = this.#laneOf(key, kind);
    lane.calls.push(call);
    this.pump(lane);
  }

  /**
   * The chat is paused until `until` (another instance's 429): its lane waits for it. A chat
   * with no lane gets an empty one, which holds the pause for calls to come and goes when it ends.
   */
  pause(key: string, kind: ChatKind, until: number): void {
    const lane = this.#laneOf(key, kind);
    lane.pausedUntil = Math.max(lane.pausedUntil, until);
    this.pump(lane);
  }

  /** The lane's first call is settled: the next one may go (after the spacing). */
  done(lane: Lane<C>): void {
    lane.calls.shift();
    lane.busy = false;
    this.pump(lane);
  }

  /** The lane's first call stays first and is tried again when the lane is ready. */
  again(lane: Lane<C>): void {
    lane.busy = false;
    this.pump(lane);
  }

  /** Wakes every lane (a global pause ended). */
  pumpAll(): void {
    for (const lane of this.#lanes.values()) this.pump(lane);
  }

  /** Hands the lane's first call on once its chat, and the queue, may send again. */
  pump(lane: Lane<C>): void {
    if (lane.busy || lane.timer) return;
    const head = lane.calls[0];
    const now = this.#clock.now();
    if (!head) {
      const until = Math.max(lane.nextAt, lane.pausedUntil);
      if (now >= until) this.#lanes.delete(lane.key);
      else this.#wake(lane, until - now);
      return;
    }
    const readyAt = Math.max(lane.nextAt, lane.pausedUntil, head.notBefore, this.#globalNotBefore());
    if (readyAt > now) return this.#wake(lane, readyAt - now);
    lane.busy = true;
    this.#dispatch(head, lane);
  }

  /** Removes every call that has not left its lane (shutdown), stops the lanes' timers, returns the calls. */
  takeWaiting(): C[] {
    const waiting: C[] = [];
    for (const lane of this.#lanes.values()) {
      lane.timer?.cancel();
      lane.timer = undefined;
      waiting.push(...(lane.busy ? lane.calls.splice(1) : lane.calls.splice(0)));
    }
    return waiting;
  }

  #laneOf(key: string, kind: ChatKind): Lane<C> {
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { key, kind, calls: [], busy: false, nextAt: 0, pausedUntil: 0, timer: undefined };
      this.#lanes.set(key, lane);
    }
    return lane;
  }

  #wake(lane: Lane<C>, inMs: number): void {
    lane.timer = this.#clock.setTimeout(() => {
      lane.timer = undefined;
      this.pump(lane);
    }, inMs);
  }
}
