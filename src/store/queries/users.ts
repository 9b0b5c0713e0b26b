import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { users, type User } from '../schema/users.js';

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
  await executor
    .insert(users)
    .values({ id: profile.id, firstName: profile.firstName, username: profile.username })
    .onConflictDoUpdate({
      target: users.id,
      set: { firstName: profile.firstName, username: profile.username, updatedAt: sql`now()` },
      setWhere: sql`(${users.firstName}, ${users.username}) is distinct from (excluded.first_name, excluded.username)`,
    });
}

/** The user with this Telegram id, or `undefined` when the bot has never seen them. */
export async function getUser(executor: Executor, id: number): Promise<User | undefined> {
  const [user] = await executor.select().from(users).where(eq(users.id, id));
  return user;
}
