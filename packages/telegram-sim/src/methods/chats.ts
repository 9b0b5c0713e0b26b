/** getChat, getChatMember, getChatAdministrators, getChatMemberCount. */
import type { ChatFullInfo } from 'grammy/types';
import { badRequest } from '../errors.js';
import { isAdminStatus, resolveChat, type MethodHandler } from '../method-context.js';
import { wireBotUser, wireChatMember, wireUser } from '../wire.js';

const NO_GIFTS = {
  unlimited_gifts: false,
  limited_gifts: false,
  unique_gifts: false,
  premium_subscription: false,
  gifts_from_channels: false,
};

export const getChat: MethodHandler = (params, ctx): ChatFullInfo => {
  const chat = resolveChat(params, ctx);
  const common = { id: chat.id, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: NO_GIFTS };
  if (chat.type === 'private') {
    const user = ctx.world.user(chat.id);
    return {
      ...common,
      type: 'private',
      first_name: user?.firstName ?? 'User',
      ...(user?.lastName ? { last_name: user.lastName } : {}),
      ...(user?.username ? { username: user.username } : {}),
    };
  }
  return { ...common, type: chat.type, title: chat.title ?? 'Group' } as ChatFullInfo;
};

export const getChatMember: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  const userId = params.requiredInt('user_id');
  if (userId === ctx.world.bot.id) return wireChatMember(wireBotUser(ctx.world.bot), chat.botStatus);
  const user = ctx.world.user(userId);
  if (!user) throw badRequest('PARTICIPANT_ID_INVALID');
  if (chat.type === 'private') return wireChatMember(wireUser(user), chat.id === userId ? 'member' : 'left');
  return wireChatMember(wireUser(user), chat.members.get(userId) ?? 'left');
};

export const getChatAdministrators: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  if (chat.type === 'private') throw badRequest('there are no administrators in the private chat');
  const admins = [];
  for (const [userId, status] of chat.members) {
    const user = ctx.world.user(userId);
    if (user && isAdminStatus(status)) admins.push(wireChatMember(wireUser(user), status));
  }
  if (isAdminStatus(chat.botStatus)) admins.push(wireChatMember(wireBotUser(ctx.world.bot), chat.botStatus));
  return admins;
};

export const getChatMemberCount: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  if (chat.type === 'private') return 2;
  let count = 0;
  for (const status of chat.members.values()) if (status === 'creator' || status === 'administrator' || status === 'member') count++;
  return count + (chat.botStatus === 'member' || chat.botStatus === 'administrator' ? 1 : 0);
};
