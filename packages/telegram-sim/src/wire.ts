/**
 * Bot API objects (what api.telegram.org puts on the wire) built from the simulator's records.
 * Field names and presence follow grammy/types (Bot API 9.6); optional fields are left out
 * rather than sent as null, as Telegram does.
 */
import type { Chat, ChatMember, Document, File, Message, PhotoSize, Poll, PollAnswer, PollMedia, User, UserFromGetMe } from 'grammy/types';
import type {
  MemberStatus,
  SimChat,
  SimDocument,
  SimFile,
  SimMessage,
  SimPhotoSize,
  SimPoll,
  SimPollMedia,
  SimUser,
} from './world-types.js';

/** The bot as the world knows it. */
export interface SimBot {
  readonly id: number;
  readonly firstName: string;
  readonly username: string;
  /** Privacy mode off: the bot sees every group message, not only commands and replies [false]. */
  readonly canReadAllGroupMessages: boolean;
}

export function wireBotUser(bot: SimBot): User {
  return { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
}

export function wireGetMe(bot: SimBot): UserFromGetMe {
  return {
    ...wireBotUser(bot),
    is_bot: true,
    username: bot.username,
    can_join_groups: true,
    can_read_all_group_messages: bot.canReadAllGroupMessages,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

export function wireUser(user: SimUser): User {
  const out: User = { id: user.id, is_bot: false, first_name: user.firstName };
  if (user.lastName !== undefined) out.last_name = user.lastName;
  if (user.username !== undefined) out.username = user.username;
  if (user.languageCode !== undefined) out.language_code = user.languageCode;
  return out;
}

/** The short Chat object inside messages; `owner` is the user of a private chat. */
export function wireChat(chat: SimChat, owner?: SimUser): Chat {
  if (chat.type === 'private') {
    const out: Chat.PrivateChat = { id: chat.id, type: 'private', first_name: owner?.firstName ?? 'User' };
    if (owner?.lastName !== undefined) out.last_name = owner.lastName;
    if (owner?.username !== undefined) out.username = owner.username;
    return out;
  }
  if (chat.type === 'group') return { id: chat.id, type: 'group', title: chat.title ?? 'Group' };
  return { id: chat.id, type: 'supergroup', title: chat.title ?? 'Group' };
}

/**
 * A Poll object. `inMessage`: the poll inside its Message, the only place Telegram puts the
 * description's `media` ("for polls inside the Message object only"); poll updates and
 * stopPoll's answer leave it out.
 */
export function wirePoll(poll: SimPoll, withAnswers: boolean, inMessage = false): Poll {
  const counts = new Array<number>(poll.options.length).fill(0);
  for (const choice of poll.votes.values()) for (const i of choice) counts[i] = (counts[i] ?? 0) + 1;
  const out: Poll = {
    id: poll.id,
    question: poll.question,
    options: poll.options.map((text, i) => ({ persistent_id: persistentOptionId(poll.id, i), text, voter_count: counts[i] ?? 0 })),
    total_voter_count: poll.votes.size,
    is_closed: poll.isClosed,
    is_anonymous: poll.isAnonymous,
    type: poll.type,
    allows_multiple_answers: poll.allowsMultipleAnswers,
    allows_revoting: poll.allowsRevoting,
    members_only: false,
  };
  // Telegram shows correct options to the quiz's sender, in private chats with the bot, and once closed.
  if (poll.type === 'quiz' && poll.correctOptionIds && (withAnswers || poll.isClosed)) {
    out.correct_option_ids = [...poll.correctOptionIds];
    if (poll.explanation !== undefined) out.explanation = poll.explanation;
    if (poll.explanationMedia !== undefined) out.explanation_media = wirePollMedia(poll.explanationMedia);
  }
  if (poll.openPeriod !== undefined) out.open_period = poll.openPeriod;
  if (poll.closeDate !== undefined) out.close_date = poll.closeDate;
  if (inMessage && poll.media !== undefined) out.media = wirePollMedia(poll.media);
  return out;
}

/** PollMedia: exactly one field, named after the media's kind. Sizes and durations are the simulator's (it decodes nothing). */
export function wirePollMedia(media: SimPollMedia): PollMedia {
  const ids = { file_id: media.fileId, file_unique_id: media.file.uniqueId, file_size: media.file.bytes.length };
  switch (media.kind) {
    case 'photo':
      return { photo: wirePhoto(media.sizes ?? [{ fileId: media.fileId, file: media.file, width: 800, height: 800 }]) };
    case 'video':
      return { video: { ...ids, width: 640, height: 360, duration: 1 } };
    case 'animation':
      return { animation: { ...ids, width: 320, height: 240, duration: 1 } };
    case 'audio':
      return { audio: { ...ids, duration: 1 } };
    case 'document':
      return { document: { ...ids, ...(media.file.fileName !== undefined ? { file_name: media.file.fileName } : {}) } };
  }
}

/** Message.photo / PollMedia.photo: the sizes, smallest first. */
export function wirePhoto(sizes: readonly SimPhotoSize[]): PhotoSize[] {
  return sizes.map((size) => ({
    file_id: size.fileId,
    file_unique_id: size.file.uniqueId,
    width: size.width,
    height: size.height,
    file_size: size.file.bytes.length,
  }));
}

/** Telegram's persistent option ids are opaque strings; these are stable per poll and index. */
function persistentOptionId(pollId: string, index: number): string {
  return `${pollId}-${index}`;
}

export function wirePollAnswer(poll: SimPoll, user: SimUser, optionIds: readonly number[]): PollAnswer {
  return {
    poll_id: poll.id,
    user: wireUser(user),
    option_ids: [...optionIds],
    option_persistent_ids: optionIds.map((i) => persistentOptionId(poll.id, i)),
  };
}

/** Everything {@link wireMessage} needs to resolve ids into objects. */
export interface WireContext {
  bot: SimBot;
  chat: SimChat;
  user(id: number): SimUser | undefined;
  poll(id: string): SimPoll | undefined;
}

export function wireMessage(message: SimMessage, ctx: WireContext, depth = 0): Message {
  const sender = message.fromId === 0 ? undefined : ctx.user(message.fromId);
  const owner = ctx.chat.type === 'private' ? ctx.user(ctx.chat.id) : undefined;
  const out: Record<string, unknown> = {
    message_id: message.messageId,
    from: sender ? wireUser(sender) : wireBotUser(ctx.bot),
    chat: wireChat(ctx.chat, owner),
    date: message.date,
  };
  if (message.editDate !== undefined) out.edit_date = message.editDate;
  if (message.replyToMessageId !== undefined && depth === 0) {
    const replied = ctx.chat.messages.get(message.replyToMessageId);
    if (replied && !replied.deleted) out.reply_to_message = wireMessage(replied, ctx, 1);
  }
  if (message.text !== undefined) out.text = message.text;
  if (message.entities?.length) out.entities = message.entities;
  if (message.forwardOrigin !== undefined) {
    const { senderUserId, date } = message.forwardOrigin;
    const original = senderUserId === 0 ? wireBotUser(ctx.bot) : ctx.user(senderUserId);
    if (original) out.forward_origin = { type: 'user', sender_user: 'is_bot' in original ? original : wireUser(original), date };
  }
  if (message.pollId !== undefined) {
    const poll = ctx.poll(message.pollId);
    // The bot sees the answers of its own quizzes, and of quizzes users send it in private
    // (ARCHITECTURE.md: that is how questions get created); not of other quizzes in groups, nor of
    // a quiz forwarded to it (the Bot API: "sent (not forwarded)"), unless the quiz is closed.
    const seesAnswers = poll !== undefined && (poll.sentByBot || (ctx.chat.type === 'private' && message.forwardOrigin === undefined));
    if (poll) out.poll = wirePoll(poll, seesAnswers, true);
  }
  if (message.document !== undefined) out.document = wireDocument(message.document);
  if (message.photo !== undefined) out.photo = wirePhoto(message.photo);
  if (message.caption !== undefined) out.caption = message.caption;
  if (message.captionEntities?.length) out.caption_entities = message.captionEntities;
  if (message.replyMarkup) out.reply_markup = message.replyMarkup;
  return out as unknown as Message;
}

/** A message's Document object (no thumbnail: the simulator makes none). */
export function wireDocument(document: SimDocument): Document {
  const { file } = document;
  const out: Document = { file_id: document.fileId, file_unique_id: file.uniqueId };
  if (file.fileName !== undefined) out.file_name = file.fileName;
  if (file.mimeType !== undefined) out.mime_type = file.mimeType;
  out.file_size = file.bytes.length;
  return out;
}

/** getFile's File object: the file_id asked about and, when the file can be downloaded, its path. */
export function wireFile(fileId: string, file: SimFile, filePath: string): File {
  return { file_id: fileId, file_unique_id: file.uniqueId, file_size: file.bytes.length, file_path: filePath };
}

/** A ChatMember object for getChatMember / getChatAdministrators. */
export function wireChatMember(user: User, status: MemberStatus): ChatMember {
  switch (status) {
    case 'creator':
      return { status: 'creator', user, is_anonymous: false };
    case 'administrator':
      return {
        status: 'administrator',
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: true,
        can_send_welcome_messages: false,
      };
    case 'member':
      return { status: 'member', user };
    case 'kicked':
      return { status: 'kicked', user, until_date: 0 };
    case 'left':
      return { status: 'left', user };
  }
}
