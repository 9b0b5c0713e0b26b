/** What callers of the outbound queue pass and get back (outbound-queue.ts). */
import type { Priority } from './priorities.js';
import type { WaitPercentiles } from './wait-times.js';

/** How one call is queued. Every field is optional. */
export interface SubmitOptions {
  /** How urgent the call is [interactive]. */
  priority?: Priority;
  /**
   * When the call was due, epoch ms of the queue's clock: within a priority, the call due first
   * goes first (a question due 2 s ago before one due now) [its submit time].
   */
  dueAt?: number;
  /**
   * Asked right before the call's request goes out, after its lane, its global slot and its
   * worker. Resolve true to send. Resolving anything else cancels the call: it rejects with
   * SendCancelledError (reason `declined`); a throw cancels it too (reason `guard_failed`, the
   * error as `cause`). A cancelled call is never retried and reached nothing. Asked once: the
   * queue's own repeats (after a 429, a 5xx, a request that never left: Telegram did not act)
   * go without asking again. For at-most-once sends: record "sending" here, as late as the
   * queue allows.
   */
  beforeSend?: () => Promise<boolean>;
}

/** The numbers /monitoring/stats shows under `message_queue`. */
export interface OutboundQueueStats {
  num_workers: number;
  /** Calls accepted and not yet sent (waiting in lanes, for a slot, for a worker, or for a retry). */
  queue_size: number;
  /** Calls being sent right now. */
  in_flight: number;
  total_processed: number;
  /** Calls that ended in an error (Telegram's, a network failure, an unreachable chat). */
  total_failed: number;
  /** Calls refused at the door: queue full or closed. */
  total_refused: number;
  /** Calls not sent on purpose: their beforeSend guard declined or threw, or they were aborted. */
  total_cancelled: number;
  rate_limit_hits: number;
  retries: number;
  /** With Redis: 429 pauses that other instances took and this one applied (chats' and global). */
  shared_pauses_received: number;
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
  /** Calls being sent at the deadline: they still settle when their answer arrives. */
  stillRunning: number;
}

export interface OutboundQueueEvents {
  /** A 403 said the bot cannot write to this chat; sends there are refused until markReachable. */
  chatUnreachable: [chatId: string, reason: string];
  /**
   * A call's wait ended: it is about to be sent for the first time, `seconds` after its submit
   * (lanes, spacing, pauses, the global slot and a worker included). Emitted once per call, where
   * the wait ends, so a histogram can count every wait (the stats' percentiles cover a window).
   */
  waited: [priority: Priority, seconds: number];
}
