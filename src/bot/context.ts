/**
 * The context every handler gets: grammY's Context plus the services the bot runs on
 * (`ctx.deps`) and a logger bound to the update (`ctx.logger`). main.ts builds the services;
 * a middleware puts them on each context, so features import no globals.
 */
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Logger } from 'pino';
import type { PollDirectory } from '../engine/poll-directory.js';
import type { Clock } from '../lib/clock.js';
import type { RunEngine } from '../engine/run-engine.js';
import type { AnswerWriter } from '../store/answer-writer.js';
import type { Database } from '../store/database.js';
import type { AnswerCounters } from './answer-counters.js';
import type { ChatReachability } from './chat-reachability.js';

/** The services handlers use. */
export interface BotDeps {
  db: Database;
  answerWriter: AnswerWriter;
  engine: RunEngine;
  polls: PollDirectory;
  /** BOT_ADMIN_IDS: users who may run admin commands in any chat. */
  adminIds: ReadonlySet<number>;
  answers: AnswerCounters;
  clock: Clock;
  /** Which chats the bot cannot write to (the one owner of that fact). */
  chats: ChatReachability;
}

/** grammY's Context, with `ctx.t` (texts in the update's language, src/bot/middleware/chat-language.ts). */
export type BotContext = Context &
  I18nFlavor & {
    readonly deps: BotDeps;
    /** Child of the app logger with this update's id. */
    readonly logger: Logger;
  };
