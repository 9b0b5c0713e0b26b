/**
 * Claiming inbox rows: a row the claiming instance is still handling is not claimed again by it
 * when its lease lapsed (its attempts are not spent twice), while another instance may take it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInboxHeads, getInboxEntry, insertInboxEntries } from '../../src/store/queries/inbox.js';
import { createMigratedTestDatabase } from '../helpers/database.js';

describe('claimInboxHeads', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('leaves a lapsed row with the instance still handling it, and lets another instance take it', async () => {
    const { db } = database.handle;
    const start = new Date('2030-01-01T00:00:00Z');
    await insertInboxEntries(db, [{ updateId: 501, lane: 'chat:1', kind: 'message', payload: '{"update_id":501}', acceptedAt: start }]);

    const first = await claimInboxHeads(db, { by: 'a', now: start, leaseMs: 1_000, limit: 10 });
    expect(first.map((row) => row.updateId)).toEqual([501]);

    // The lease lapsed while instance a is still handling the update (a stalled event loop).
    const later = new Date(start.getTime() + 2_000);
    expect(await claimInboxHeads(db, { by: 'a', now: later, leaseMs: 1_000, limit: 10, handling: [501] })).toEqual([]);
    expect((await getInboxEntry(db, 501))?.attempts).toBe(1);

    // Another instance sees a lapsed claim of someone else: it takes it over.
    const taken = await claimInboxHeads(db, { by: 'b', now: later, leaseMs: 1_000, limit: 10 });
    expect(taken.map((row) => [row.updateId, row.attempts])).toEqual([[501, 2]]);
  });
});
