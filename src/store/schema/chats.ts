import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Chats the bot talks in. `blockedAt` is set when Telegram answers 403 so the engine stops sending there. */
export const chats = pgTable(
  'chats',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    type: text('type', { enum: ['private', 'group', 'supergroup', 'channel'] }).notNull(),
    title: text('title'),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    /** The language the chat chose (/language, or a group's admins); null: Telegram's language_code of the user. */
    language: text('language'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('chats_type_ck', sql`${t.type} in ('private', 'group', 'supergroup', 'channel')`)],
);

export type Chat = typeof chats.$inferSelect;
export type NewChat = typeof chats.$inferInsert;
