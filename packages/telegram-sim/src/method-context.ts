/**
 * What a Bot API method handler gets: the parsed parameters and the simulator's parts. A
 * handler returns the `result` of the answer or throws a BotApiError.
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Clock } from './clock.js';
import { badRequest, forbidden } from './errors.js';
import type { FloodLimits } from './flood-limits.js';
import type { Params } from './params.js';
import type { UpdateHub } from './update-hub.js';
import type { World } from './world.js';
import type { SimChat } from './world-types.js';

export interface MethodContext {
  world: World;
  limits: FloodLimits;
  updates: UpdateHub;
  clock: Clock;
  /** Aborted when the client goes away (long polling stops waiting). */
  signal: AbortSignal;
}

export type MethodHandler = (params: Params, ctx: MethodContext) => unknown;

/** The chat a call names in `chat_id` (an id or `@username`), or 400 "chat not found". */
export function resolveChat(params: Params, ctx: MethodContext, name = 'chat_id'): SimChat {
  const ref = params.chatId(name);
  const chat = typeof ref === 'number' ? ctx.world.chat(ref) : ctx.world.chatByUsername(ref);
  if (!chat) throw badRequest('chat not found');
  if (chat.type === 'private') {
    // A user who never wrote to the bot is unknown to it, as in Telegram.
    const user = ctx.world.user(chat.id);
    if (!user?.startedBot && !user?.blockedBot) throw badRequest('chat not found');
  }
  return chat;
}

/** Throws Telegram's 403 when the bot may not post in `chat` (blocked, never started, removed). */
export function requireCanPost(chat: SimChat, ctx: MethodContext): void {
  if (chat.type === 'private') {
    const user = ctx.world.user(chat.id);
    if (user?.blockedBot) throw forbidden('bot was blocked by the user');
    if (!user?.startedBot) throw forbidden("bot can't initiate conversation with a user");
    return;
  }
  const kind = chat.type === 'supergroup' ? 'supergroup' : 'group';
  if (chat.botStatus === 'kicked') throw forbidden(`bot was kicked from the ${kind} chat`);
  if (chat.botStatus === 'left') throw forbidden(`bot is not a member of the ${kind} chat`);
}

/** Takes a flood-limit token for a message to `chat` (or throws the 429). */
export function admitMessage(chat: SimChat, params: Params, ctx: MethodContext): void {
  ctx.limits.admit({ chatId: chat.id, chatType: chat.type, paidBroadcast: params.optionalBool('allow_paid_broadcast') ?? false });
}

/** The message a call names in `message_id`, with Telegram's wording when it is gone. */
export function resolveMessage(chat: SimChat, params: Params, notFoundWhat: string) {
  const id = params.requiredInt('message_id');
  const message = chat.messages.get(id);
  if (!message || message.deleted) throw badRequest(notFoundWhat);
  return message;
}

/** True for a group member status that is inside the chat. */
export function isAdminStatus(status: string | undefined): boolean {
  return status === 'creator' || status === 'administrator';
}

/** reply_parameters.message_id (or the older reply_to_message_id), checked to exist. */
export function replyTarget(chat: SimChat, params: Params): number | undefined {
  const replyParameters = params.optionalJson<{ message_id?: unknown; allow_sending_without_reply?: unknown }>('reply_parameters');
  const id = typeof replyParameters?.message_id === 'number' ? replyParameters.message_id : params.optionalInt('reply_to_message_id');
  if (id === undefined) return undefined;
  const target = chat.messages.get(id);
  if (target && !target.deleted) return id;
  const lenient = replyParameters?.allow_sending_without_reply === true || params.optionalBool('allow_sending_without_reply') === true;
  if (lenient) return undefined;
  throw badRequest('message to be replied not found');
}

/** A reply_markup that is an inline keyboard, the only kind kept on messages. */
export function isInlineKeyboard(markup: unknown): markup is InlineKeyboardMarkup {
  return typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup;
}
