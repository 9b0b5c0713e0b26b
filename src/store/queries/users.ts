import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { users, type User } from '../schema/users.js';
import { insertOrRefresh } from './insert-or-refresh.js';

/** A Telegram user's profile as an update carries it. */
export interface UserProfile {
  /** Telegram's user id. */
  id: number;
  firstName: string;
  username: string | null;
}

/**
 * Creates the user, or refreshes the name and username of one already known. An unchanged
 * profile is not rewritten (no row lock, no dead tuple), so calling this on every command of a
 * regular player costs one index lookup.
 *
 * @example
 * await upsertUser(db, { id: ctx.from.id, firstName: ctx.from.first_name, username: ctx.from.username ?? null });
 */
export async function upsertUser(executor: Executor, profile: UserProfile): Promise<void> {
  await insertOrRefresh(executor, users, {
    key: users.id,
    row: { id: profile.id, firstName: profile.firstName, username: profile.username },
    refresh: { firstName: profile.firstName, username: profile.username, updatedAt: sql`now()` },
    compared: [users.firstName, users.username],
  });
}

/** The user with this Telegram id, or `undefined` when the bot has never seen them. */
export async function getUser(executor: Executor, id: number): Promise<User | undefined> {
  const [user] = await executor.select().from(users).where(eq(users.id, id));
  return user;
}
