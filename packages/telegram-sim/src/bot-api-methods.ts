/**
 * Every Bot API method the simulator answers, by lower-cased name (Telegram's method names are
 * case-insensitive). Anything else answers 404 "Not Found", like api.telegram.org.
 */
import type { MethodHandler } from './method-context.js';
import * as bot from './methods/bot.js';
import * as chats from './methods/chats.js';
import * as files from './methods/files.js';
import * as messages from './methods/messages.js';
import * as polls from './methods/polls.js';
import * as updates from './methods/updates.js';

const HANDLERS: Record<string, MethodHandler> = { ...bot, ...chats, ...files, ...messages, ...polls, ...updates };

/** Methods by lower-cased name. */
export const BOT_API_METHODS: ReadonlyMap<string, MethodHandler> = new Map(
  Object.entries(HANDLERS).map(([name, handler]) => [name.toLowerCase(), handler]),
);
