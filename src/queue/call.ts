/** One accepted call as the outbound queue tracks it, from submit until it is settled. */
import type { ApiResponse } from 'grammy/types';
import type { ArrivalSlot } from './arrival-limiter.js';
import type { Lane } from './chat-lanes.js';
import type { DueOrder } from './due-order.js';
import type { ChatKind } from './method-policy.js';
import type { Priority } from './priorities.js';

/** Where a call is: waiting (lane, retry, shared chat slot), for a global slot, for a worker, sending, settled. */
export type Stage = 'waiting' | 'slot' | 'worker' | 'sending' | 'done';

/** A call and everything the queue needs to carry it through: lane, slot, worker, retries. */
export interface Call {
  readonly method: string;
  readonly send: () => Promise<ApiResponse<unknown>>;
  readonly priority: Priority;
  readonly order: DueOrder;
  readonly submittedAt: number;
  readonly chat: { key: string; kind: ChatKind } | undefined;
  readonly limited: boolean;
  readonly paid: boolean;
  readonly signal: AbortSignal | undefined;
  readonly beforeSend: (() => Promise<boolean>) | undefined;
  readonly resolve: (response: ApiResponse<unknown>) => void;
  readonly reject: (error: unknown) => void;
  stage: Stage;
  /** Its chat's lane, once it has been handed on from there (it is the lane's first call). */
  lane: Lane<Call> | undefined;
  /** The global slot it holds between the limiter and its send. */
  slot: ArrivalSlot | undefined;
  attempts: number;
  /** Its beforeSend guard said yes: repeats of its request do not ask again. */
  guardPassed: boolean;
  sentOnce: boolean;
  /** An earlier attempt may have taken effect (the connection broke after sending). */
  maybeApplied: boolean;
  /** Earliest next attempt (backoff after a 5xx or a network error). */
  notBefore: number;
}
