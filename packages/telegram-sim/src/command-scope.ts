/**
 * Which command menu a setMyCommands, getMyCommands or deleteMyCommands call is about: its
 * `scope` (a BotCommandScope) and `language_code`, read as Telegram reads them
 * (telegram-bot-api's `get_bot_command_scope`, then the chat checks of Telegram's server), so
 * that a bot whose menus work against the simulator sends scopes Telegram accepts.
 *
 * - `scope` missing: the `default` scope. Not an object: 400 `can't parse BotCommandScope:
 *   BotCommandScope must be an Object` (the one wording here not checked against Telegram); no `type`: `Can't find field "type"`; a type that is not
 *   one of default, all_private_chats, all_group_chats, all_chat_administrators, chat,
 *   chat_administrators, chat_member: `Unsupported type specified`.
 * - The chat scopes need `chat_id` (`Can't find field "chat_id"`; empty: `Empty chat_id
 *   specified`), a chat the bot knows (`chat not found`), and for chat_administrators and
 *   chat_member a group (`can't use specified scope in private chats`); chat_member needs a
 *   positive `user_id` (`Invalid user_id specified`). Fields a type does not use are ignored.
 * - `language_code`: empty or two lower-case letters (`invalid language code specified`).
 */
import { badRequest } from './errors.js';
import { isObject, optionalStringField, requiredStringField } from './json-fields.js';
import type { Params } from './params.js';
import type { World } from './world.js';

/** The scope types Telegram knows. */
const SCOPE_TYPES = [
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
] as const;
type ScopeType = (typeof SCOPE_TYPES)[number];

/** The key of the menu a call names: one list per scope (with its chat and user) and language. */
export function commandMenuKey(params: Params, world: World): string {
  const scope = readScope(params.optionalJson<unknown>('scope', 'BotCommandScope'), world);
  const language = params.optionalString('language_code') ?? '';
  if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('invalid language code specified');
  return JSON.stringify([scope.type, scope.chatId ?? null, scope.userId ?? null, language]);
}

interface Scope {
  type: ScopeType;
  chatId?: number;
  userId?: number;
}

function readScope(value: unknown, world: World): Scope {
  if (value === undefined) return { type: 'default' };
  const fail = (what: string) => badRequest(`can't parse BotCommandScope: ${what}`);
  if (!isObject(value)) throw fail('BotCommandScope must be an Object');
  const type = requiredStringField(value, 'type', fail);
  if (!isScopeType(type)) throw fail('Unsupported type specified');
  if (type !== 'chat' && type !== 'chat_administrators' && type !== 'chat_member') return { type };

  const chatRef = requiredStringField(value, 'chat_id', fail);
  if (chatRef === '') throw fail('Empty chat_id specified');
  let userId: number | undefined;
  if (type === 'chat_member') {
    userId = Number(optionalStringField(value, 'user_id', fail) ?? 0);
    if (!Number.isSafeInteger(userId) || userId <= 0) throw fail('Invalid user_id specified');
  }
  const chat = chatRef.startsWith('@') ? world.chatByUsername(chatRef) : world.chat(Number(chatRef));
  // A user who never wrote to the bot is unknown to it, as in Telegram.
  const user = chat?.type === 'private' ? world.user(chat.id) : undefined;
  if (!chat || (chat.type === 'private' && !user?.startedBot && !user?.blockedBot)) throw badRequest('chat not found');
  if (chat.type === 'private' && type !== 'chat') throw badRequest("can't use specified scope in private chats");
  return { type, chatId: chat.id, ...(userId !== undefined ? { userId } : {}) };
}

function isScopeType(type: string): type is ScopeType {
  return (SCOPE_TYPES as readonly string[]).includes(type);
}
