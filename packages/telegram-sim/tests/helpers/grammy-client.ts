/** What the simulator's tests need of grammY's Api as a bot uses it: its refusals, and the updates in order. */
import { GrammyError, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { ManualClock } from '../../src/clock.js';

/** The error grammY raises for a Bot API error answer (fails the test when the call succeeds or fails otherwise). */
export async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

/**
 * A reader of the updates waiting since its last call, confirming each batch by the next offset
 * (the clock moves 3 s first: Telegram brakes a repeated offset).
 */
export function updateReader(api: Api, clock: ManualClock): () => Promise<Update[]> {
  let nextOffset = 0;
  return async () => {
    clock.advance(3_000);
    const batch = await api.getUpdates({ offset: nextOffset, timeout: 0 });
    const last = batch.at(-1);
    if (last) nextOffset = last.update_id + 1;
    return batch;
  };
}
