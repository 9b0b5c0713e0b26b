import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Telegram users the bot has seen (from commands or poll answers). `id` is Telegram's user id. */
export const users = pgTable('users', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  firstName: text('first_name').notNull().default(''),
  username: text('username'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
