/** sendMessage, editMessageText, deleteMessage, pinChatMessage, sendChatAction. */
import { badRequest } from '../errors.js';
import {
  admitMessage,
  isAdminStatus,
  isInlineKeyboard,
  replyTarget,
  requireCanPost,
  resolveChat,
  resolveMessage,
  type MethodHandler,
} from '../method-context.js';
import { parseMessageText, parseReplyMarkup, visibleText } from '../validation.js';

export const sendMessage: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  const text = parseMessageText(params, 'text');
  const parseMode = params.optionalString('parse_mode');
  const replyMarkup = parseReplyMarkup(params);
  const replyTo = replyTarget(chat, params);
  requireCanPost(chat, ctx);
  admitMessage(chat, params, ctx);
  const message = ctx.world.storeBotMessage(chat, {
    text: visibleText(text, parseMode),
    ...(parseMode !== undefined ? { parseMode } : {}),
    ...(isInlineKeyboard(replyMarkup) ? { replyMarkup } : {}),
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
  });
  return ctx.world.wire(message, chat);
};

export const editMessageText: MethodHandler = (params, ctx) => {
  if (params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID'); // no inline mode in the simulator
  const chat = resolveChat(params, ctx);
  const message = resolveMessage(chat, params, 'message to edit not found');
  const text = visibleText(parseMessageText(params, 'text'), params.optionalString('parse_mode'));
  const replyMarkup = parseReplyMarkup(params);
  if (message.fromId !== 0) throw badRequest("message can't be edited");
  if (message.pollId !== undefined) throw badRequest('there is no text in the message to edit');
  const markup = isInlineKeyboard(replyMarkup) ? replyMarkup : undefined;
  if (message.text === text && JSON.stringify(message.replyMarkup) === JSON.stringify(markup)) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  requireCanPost(chat, ctx);
  admitMessage(chat, params, ctx); // edits count against the limits (Telegram's FAQ on groups)
  message.text = text;
  if (markup) message.replyMarkup = markup;
  else delete message.replyMarkup;
  message.editDate = ctx.world.nowS();
  ctx.world.log(chat, { by: 'bot', kind: 'edit', messageId: message.messageId, text });
  return ctx.world.wire(message, chat);
};

export const deleteMessage: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  const message = resolveMessage(chat, params, 'message to delete not found');
  // Bots delete their own messages, any message in private chats, others' in groups as admins.
  const allowed = message.fromId === 0 || chat.type === 'private' || isAdminStatus(chat.botStatus);
  if (!allowed) throw badRequest("message can't be deleted");
  message.deleted = true;
  ctx.world.log(chat, { by: 'bot', kind: 'delete', messageId: message.messageId });
  return true;
};

export const pinChatMessage: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  const message = resolveMessage(chat, params, 'message to pin not found');
  requireCanPost(chat, ctx);
  if (chat.type !== 'private' && !isAdminStatus(chat.botStatus))
    throw badRequest('not enough rights to manage pinned messages in the chat');
  admitMessage(chat, params, ctx); // pinning posts a service message
  chat.pinnedMessageId = message.messageId;
  ctx.world.log(chat, { by: 'bot', kind: 'pin', messageId: message.messageId });
  return true;
};

export const sendChatAction: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  params.requiredString('action');
  requireCanPost(chat, ctx);
  return true;
};
