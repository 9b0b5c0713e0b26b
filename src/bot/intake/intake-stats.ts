/**
 * Counters of update intake (polling or webhook), for /monitoring/stats, and a hook through
 * which the metrics registry observes each update's handling time.
 */
import type { Update } from 'grammy/types';

/** The update kinds the latency histogram tells apart (a small fixed set: no ids as labels). */
export type UpdateKind = 'poll_answer' | 'message' | 'callback_query' | 'other';

export interface IntakeSnapshot {
  mode: 'polling' | 'webhook' | 'off';
  received: number;
  handled: number;
  in_flight: number;
  duplicates_dropped: number;
  errors: number;
}

export type HandledListener = (kind: UpdateKind, seconds: number, outcome: 'ok' | 'error') => void;

export class IntakeStats {
  mode: IntakeSnapshot['mode'] = 'off';
  #received = 0;
  #handled = 0;
  #inFlight = 0;
  #errors = 0;
  #duplicates = 0;
  /** Errors the bot's error boundary caught for updates in flight, by update id. */
  readonly #failed = new Set<number>();
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
      if (this.#failed.delete(update.update_id)) outcome = 'error';
      if (outcome === 'error') this.#errors++;
      else this.#handled++;
      const seconds = (performance.now() - started) / 1000;
      const kind = kindOf(update);
      for (const listener of this.#listeners) listener(kind, seconds, outcome);
    }
  }

  /** The error boundary reports an update whose handler threw (the bot swallows the error). */
  markFailed(updateId: number): void {
    this.#failed.add(updateId);
  }

  addDuplicates(count: number): void {
    this.#duplicates += count;
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
    };
  }
}

function kindOf(update: Update): UpdateKind {
  if (update.poll_answer) return 'poll_answer';
  if (update.message) return 'message';
  if (update.callback_query) return 'callback_query';
  return 'other';
}
