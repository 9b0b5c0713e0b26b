/**
 * One lane per chat: its calls in submit order, one at a time, each waiting for the chat's
 * spacing (`nextAt`, set when a message really goes out), a 429 pause of the chat, its own
 * retry backoff and any pause of the whole queue. An empty lane stays until its spacing runs
 * out, so a message that comes right after still waits its turn.
 */
import type { ChatKind } from './method-policy.js';

export interface Lane<C> {
  readonly key: string;
  readonly kind: ChatKind;
  readonly calls: C[];
  /** The first call is with a worker (or waiting for a shared Redis slot). */
  busy: boolean;
  /** Earliest next message to this chat (spacing of its limit). */
  nextAt: number;
  /** End of a 429 pause of this chat. */
  pausedUntil: number;
  timer: NodeJS.Timeout | undefined;
}

export interface ChatLanesHooks<C> {
  /** Earliest moment any lane may send (the end of a global pause). */
  globalNotBefore(): number;
  /** The lane's first call may go: hand it to the workers. */
  dispatch(call: C, lane: Lane<C>): void;
}

export class ChatLanes<C extends { readonly notBefore: number }> {
  readonly #lanes = new Map<string, Lane<C>>();
  readonly #hooks: ChatLanesHooks<C>;

  constructor(hooks: ChatLanesHooks<C>) {
    this.#hooks = hooks;
  }

  /** Appends `call` to its chat's lane and starts the lane if it was idle. */
  enter(key: string, kind: ChatKind, call: C): void {
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { key, kind, calls: [], busy: false, nextAt: 0, pausedUntil: 0, timer: undefined };
      this.#lanes.set(key, lane);
    }
    lane.calls.push(call);
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
    const now = Date.now();
    if (!head) {
      const until = Math.max(lane.nextAt, lane.pausedUntil);
      if (now >= until) {
        this.#lanes.delete(lane.key);
        return;
      }
      lane.timer = setTimeout(() => {
        lane.timer = undefined;
        this.pump(lane);
      }, until - now);
      lane.timer.unref(); // nothing waits on an empty lane
      return;
    }
    const readyAt = Math.max(lane.nextAt, lane.pausedUntil, head.notBefore, this.#hooks.globalNotBefore());
    if (readyAt > now) {
      lane.timer = setTimeout(() => {
        lane.timer = undefined;
        this.pump(lane);
      }, readyAt - now);
      return;
    }
    lane.busy = true;
    this.#hooks.dispatch(head, lane);
  }

  /** Removes every call not yet with a worker (shutdown) and returns them. */
  takeWaiting(): C[] {
    const waiting: C[] = [];
    for (const lane of this.#lanes.values()) {
      clearTimeout(lane.timer);
      lane.timer = undefined;
      waiting.push(...(lane.busy ? lane.calls.splice(1) : lane.calls.splice(0)));
    }
    return waiting;
  }
}
