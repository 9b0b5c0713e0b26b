/**
 * Counters of update intake (polling or webhook), for /monitoring/stats, and a hook through
 * which the metrics registry observes each update's acceptance time (`handled`: accepted, that
 * is committed; `errors`: acceptance attempts that failed and were tried again; `refused`:
 * updates that broke the rules of update-validation.ts, acknowledged and not stored, by reason).
 */
import type { Update } from 'grammy/types';
import { REFUSAL_REASONS, type RefusalReason } from './update-validation.js';

/** The update kinds the latency histogram tells apart (a small fixed set: no ids as labels). */
export type UpdateKind = 'poll_answer' | 'message' | 'callback_query' | 'other';

export interface IntakeSnapshot {
  mode: 'polling' | 'webhook' | 'off';
  received: number;
  handled: number;
  in_flight: number;
  duplicates_dropped: number;
  errors: number;
  /** Updates refused at acceptance (acknowledged, nothing stored), by reason. */
  refused: Record<RefusalReason, number>;
}

export type HandledListener = (kind: UpdateKind, seconds: number, outcome: 'ok' | 'error') => void;

export class IntakeStats {
  mode: IntakeSnapshot['mode'] = 'off';
  #received = 0;
  #handled = 0;
  #inFlight = 0;
  #errors = 0;
  #duplicates = 0;
  readonly #refused = Object.fromEntries(REFUSAL_REASONS.map((reason) => [reason, 0])) as Record<RefusalReason, number>;
  readonly #listeners = new Set<HandledListener>();

  /** Runs `handle` for `update`, counting it and timing it from now (its receipt) to the end. */
  async track(update: Update, handle: () => Promise<void>): Promise<void> {
    const started = performance.now();
    this.#received++;
    this.#inFlight++;
    let outcome: 'ok' | 'error' = 'ok';
    try {
      await handle();
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      this.#inFlight--;
      if (outcome === 'error') this.#errors++;
      else this.#handled++;
      const seconds = (performance.now() - started) / 1000;
      const kind = kindOf(update);
      for (const listener of this.#listeners) listener(kind, seconds, outcome);
    }
  }

  addDuplicates(count: number): void {
    this.#duplicates += count;
  }

  /** An update was refused (it still counts as received and handled: it is acknowledged). */
  addRefused(reason: RefusalReason): void {
    this.#refused[reason]++;
  }

  onHandled(listener: HandledListener): void {
    this.#listeners.add(listener);
  }

  snapshot(): IntakeSnapshot {
    return {
      mode: this.mode,
      received: this.#received,
      handled: this.#handled,
      in_flight: this.#inFlight,
      duplicates_dropped: this.#duplicates,
      errors: this.#errors,
      refused: { ...this.#refused },
    };
  }
}

function kindOf(update: Update): UpdateKind {
  if (update.poll_answer) return 'poll_answer';
  if (update.message) return 'message';
  if (update.callback_query) return 'callback_query';
  return 'other';
}
