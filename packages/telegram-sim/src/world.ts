/**
 * The virtual world behind the simulator: users, private chats, groups with members and admins,
 * every message and poll, and what users do (write, send a quiz poll, vote, press a button).
 * User actions become updates for the bot through an {@link UpdateSink}; the bot's calls
 * (src/methods/*) change the same state. Every chat keeps a transcript in order.
 */
import { EventEmitter } from 'node:events';
import type { BotCommand, MessageEntity } from 'grammy/types';
import type { Clock, ClockTimer } from './clock.js';
import { LIMITS } from './telegram-limits.js';
import { commandEntities } from './validation.js';
import { wireChat, wireChatMember, wireMessage, wirePoll, wirePollAnswer, wireUser, wireBotUser, type SimBot } from './wire.js';
import type {
  ChatType,
  MemberStatus,
  SimChat,
  SimDocument,
  SimMessage,
  SimPoll,
  SimPollMedia,
  SimUser,
  TranscriptEntry,
} from './world-types.js';
import { photoMedia, photoSizes } from './poll-media.js';
import { SimulatorActionError } from './action-error.js';
import { documentDetail, FileStore, mimeTypeOf, type FileView } from './file-store.js';

/** Where the world puts updates for the bot (the update hub). */
export interface UpdateSink {
  /** Returns the update_id, or undefined when the bot's allowed_updates filter the type out. */
  add(
    type: 'message' | 'callback_query' | 'poll' | 'poll_answer' | 'my_chat_member',
    orderKey: string,
    payload: object | (() => object),
  ): number | undefined;
  /** True while the update is queued and not yet handed to the bot (so it can still carry news). */
  isWaiting(updateId: number): boolean;
}

/** Events of the world, for virtual players, tests and transcripts. */
export interface WorldEvents {
  /** The bot sent a message (text or poll) to a chat. */
  botMessage: [message: SimMessage, chat: SimChat];
  /** A poll closed (open_period, close_date or stopPoll). */
  pollClosed: [poll: SimPoll];
  /** The bot answered a callback query. */
  callbackAnswered: [query: { id: string; userId: number; text?: string }];
}

export interface WorldOptions {
  clock: Clock;
  bot: SimBot;
  updates: UpdateSink;
}

/** Input of {@link World.createUser}; every field has a generated default. */
export interface NewUser {
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

/** Input of {@link World.createGroup}. */
export interface NewGroup {
  title: string;
  /** [supergroup] — most groups are supergroups today. */
  type?: 'group' | 'supergroup';
  /** Owner of the group [the first member]. */
  creator?: number;
  admins?: readonly number[];
  members?: readonly number[];
  /** The bot is an administrator (can pin and delete) [false]. */
  botIsAdmin?: boolean;
}

/** Input of {@link World.sendQuizPoll}: a quiz made in Telegram's poll composer. */
export interface NewQuizPoll {
  question: string;
  options: readonly string[];
  correctOptionIds: readonly number[];
  explanation?: string;
  openPeriod?: number;
  allowsMultipleAnswers?: boolean;
  /** A picture on the poll (Bot API 10.0 `media`): its bytes. */
  photo?: Buffer;
}

/** Input of {@link World.sendPhoto}: a picture a user sends from Telegram's apps. */
export interface NewPhoto {
  /** The picture's bytes [a few placeholder bytes]: the simulator decodes no image. */
  bytes?: Buffer;
  /** 0-1024 characters; a command in it gets its `bot_command` entity, as in a text. */
  caption?: string;
  replyToMessageId?: number;
}

/** Input of {@link World.sendDocument}: a file a user sends from Telegram's apps. */
export interface NewDocument {
  fileName: string;
  /** [what Telegram's apps take from the file name: text/csv for .csv, ...; application/octet-stream otherwise] */
  mimeType?: string;
  /** The file's content: 1 byte to 2000 MiB (Telegram's apps send no empty file). */
  bytes: Buffer;
  /** 0-1024 characters; a command in it gets its `bot_command` entity, as in a text. */
  caption?: string;
  replyToMessageId?: number;
}

interface CallbackQueryRecord {
  userId: number;
  chatId: number;
  messageId: number;
  answered: boolean;
}

/** The simulated Telegram state. All methods are synchronous; updates go to the sink. */
export class World extends EventEmitter<WorldEvents> {
  readonly bot: SimBot;
  /** The bot's command menus (setMyCommands), by scope and language. */
  readonly commandMenus = new Map<string, BotCommand[]>();
  /** Every document's file: what getFile, the download route and sendDocument by file_id read. */
  readonly files = new FileStore();
  readonly #clock: Clock;
  readonly #updates: UpdateSink;
  readonly #users = new Map<number, SimUser>();
  readonly #chats = new Map<number, SimChat>();
  readonly #usernames = new Map<string, number>();
  readonly #polls = new Map<string, SimPoll>();
  readonly #pollTimers = new Map<string, ClockTimer>();
  readonly #callbackQueries = new Map<string, CallbackQueryRecord>();
  #nextUserId = 1_000_001;
  #nextGroupSeq = 1;
  #nextPollSeq = 1;
  #nextCallbackSeq = 1;

  constructor(options: WorldOptions) {
    super();
    this.bot = options.bot;
    this.#clock = options.clock;
    this.#updates = options.updates;
  }

  // ---------------------------------------------------------------- people and chats

  /** Adds a person. Their private chat with the bot exists from the start, unused. */
  createUser(input: NewUser = {}): SimUser {
    const id = this.#nextUserId++;
    const user: SimUser = {
      id,
      firstName: input.firstName ?? `User ${id}`,
      startedBot: false,
      blockedBot: false,
    };
    if (input.lastName !== undefined) user.lastName = input.lastName;
    if (input.languageCode !== undefined) user.languageCode = input.languageCode;
    if (input.username !== undefined) {
      if (this.#usernames.has(input.username.toLowerCase()))
        throw new SimulatorActionError('USERNAME_TAKEN', `username @${input.username} is taken`);
      user.username = input.username;
      this.#usernames.set(input.username.toLowerCase(), id);
    }
    this.#users.set(id, user);
    this.#chats.set(id, newChat(id, 'private'));
    return user;
  }

  /** Adds a person who has opened the bot and sent /start (the bot gets that message), so the bot may write to them. */
  createStartedUser(input: NewUser = {}): SimUser {
    const user = this.createUser(input);
    this.sendText(user.id, user.id, '/start');
    return user;
  }

  /** Creates a group, puts the bot in it (the bot gets `my_chat_member`) and its members. */
  createGroup(input: NewGroup): SimChat {
    const type: ChatType = input.type ?? 'supergroup';
    const seq = this.#nextGroupSeq++;
    const id = type === 'supergroup' ? -(1_001_000_000_000 + seq) : -(4_000_000_000 + seq);
    const chat = newChat(id, type);
    chat.title = input.title;
    const members = [...(input.members ?? []), ...(input.admins ?? [])];
    const creator = input.creator ?? members[0];
    if (creator !== undefined) members.push(creator);
    for (const userId of members) this.#requireUser(userId);
    for (const userId of input.members ?? []) chat.members.set(userId, 'member');
    for (const userId of input.admins ?? []) chat.members.set(userId, 'administrator');
    if (creator !== undefined) chat.members.set(creator, 'creator');
    this.#chats.set(id, chat);
    this.setBotStatus(id, input.botIsAdmin ? 'administrator' : 'member', creator);
    return chat;
  }

  /** Adds a user to a group (or changes their status). */
  setMemberStatus(chatId: number, userId: number, status: MemberStatus): void {
    const chat = this.#requireGroup(chatId);
    this.#requireUser(userId);
    chat.members.set(userId, status);
  }

  /** Changes the bot's status in a group (added, promoted, removed) and tells the bot. */
  setBotStatus(chatId: number, status: MemberStatus, byUserId?: number): void {
    const chat = this.#requireGroup(chatId);
    const old = chat.botStatus;
    chat.botStatus = status;
    const from = byUserId !== undefined ? this.#users.get(byUserId) : undefined;
    const me = wireBotUser(this.bot);
    this.#updates.add('my_chat_member', String(chatId), {
      my_chat_member: {
        chat: wireChat(chat),
        from: from ? wireUser(from) : me,
        date: this.nowS(),
        old_chat_member: wireChatMember(me, old),
        new_chat_member: wireChatMember(me, status),
      },
    });
  }

  /** The user blocks the bot: private messages to them answer 403 from now on. */
  blockBot(userId: number): void {
    this.#setBlocked(userId, true);
  }

  unblockBot(userId: number): void {
    this.#setBlocked(userId, false);
  }

  user(id: number): SimUser | undefined {
    return this.#users.get(id);
  }

  chat(id: number): SimChat | undefined {
    return this.#chats.get(id);
  }

  /** A chat by `@username` (users only: the simulator's groups are private groups). */
  chatByUsername(username: string): SimChat | undefined {
    const id = this.#usernames.get(username.replace(/^@/, '').toLowerCase());
    return id === undefined ? undefined : this.#chats.get(id);
  }

  poll(id: string): SimPoll | undefined {
    return this.#polls.get(id);
  }

  /**
   * The file a file_id names (a user's document, or one the bot sent: its message's
   * `document.fileId`), with its bytes; undefined for an id the world never issued.
   */
  file(fileId: string): FileView | undefined {
    return this.files.view(fileId);
  }

  get users(): IterableIterator<SimUser> {
    return this.#users.values();
  }

  get chats(): IterableIterator<SimChat> {
    return this.#chats.values();
  }

  // ---------------------------------------------------------------- what users do

  /**
   * A user writes `text` in a chat (their private chat with the bot when `chatId` is their own
   * id). Commands get their `bot_command` entities. In groups the bot, in privacy mode, gets
   * only commands for it and replies to its messages, as in Telegram. Returns the message.
   */
  sendText(userId: number, chatId: number, text: string, options: { replyToMessageId?: number } = {}): SimMessage {
    const user = this.#requireUser(userId);
    const chat = this.#requireChatOfUser(chatId, user);
    if (text.length === 0) throw new SimulatorActionError('EMPTY_MESSAGE', 'a message needs some text');
    const entities = commandEntities(text);
    const message = this.#store(chat, { fromId: userId, text, entities, replyToMessageId: options.replyToMessageId });
    this.log(chat, { by: userId, kind: 'message', messageId: message.messageId, text });
    this.#deliverUserMessage(chat, user, message, entities);
    return message;
  }

  /**
   * A user sends a file as a document (their private chat with the bot when `chatId` is their
   * own id). The bot gets a `message` with `document` (file_id, file_unique_id, file_name,
   * mime_type, file_size) and the caption, under the same privacy rules as a text: in groups
   * only when the caption is a command for it or the message replies to it. Telegram's apps
   * send no empty file and nothing past 2000 MiB or a 1024-character caption: those throw a
   * {@link SimulatorActionError}. Returns the message.
   */
  sendDocument(userId: number, chatId: number, input: NewDocument): SimMessage {
    const user = this.#requireUser(userId);
    const chat = this.#requireChatOfUser(chatId, user);
    if (input.fileName.length === 0) throw new SimulatorActionError('BAD_DOCUMENT', 'a document needs a file name');
    if (input.bytes.length === 0) throw new SimulatorActionError('EMPTY_FILE', "Telegram's apps do not send an empty file");
    if (input.bytes.length > LIMITS.userFileBytes)
      throw new SimulatorActionError('FILE_TOO_BIG', `a user can send files up to ${LIMITS.userFileBytes} bytes`);
    const caption = input.caption?.trim() ?? '';
    if ([...caption].length > LIMITS.caption)
      throw new SimulatorActionError('CAPTION_TOO_LONG', `a caption has at most ${LIMITS.caption} characters`);
    const file = this.files.add({ bytes: input.bytes, fileName: input.fileName, mimeType: input.mimeType ?? mimeTypeOf(input.fileName) });
    const captionEntities = commandEntities(caption);
    const message = this.#store(chat, {
      fromId: userId,
      document: { fileId: this.files.issueFileId(file), file },
      ...(caption !== '' ? { caption, captionEntities } : {}),
      replyToMessageId: input.replyToMessageId,
    });
    this.#logDocument(chat, userId, message);
    this.#deliverUserMessage(chat, user, message, captionEntities);
    return message;
  }

  /**
   * A user sends a photo (their private chat with the bot when `chatId` is their own id). The bot
   * gets a `message` with `photo` (three sizes, smallest first, each with its own file_id) and
   * the caption with its command entities, under the same privacy rules as a document. A caption
   * past 1024 characters throws a {@link SimulatorActionError}. Returns the message.
   */
  sendPhoto(userId: number, chatId: number, input: NewPhoto = {}): SimMessage {
    const user = this.#requireUser(userId);
    const chat = this.#requireChatOfUser(chatId, user);
    const bytes = input.bytes ?? Buffer.from('sim-photo');
    if (bytes.length === 0) throw new SimulatorActionError('EMPTY_FILE', "Telegram's apps do not send an empty file");
    const caption = input.caption?.trim() ?? '';
    if ([...caption].length > LIMITS.caption)
      throw new SimulatorActionError('CAPTION_TOO_LONG', `a caption has at most ${LIMITS.caption} characters`);
    const sizes = photoSizes(this.files.add({ bytes, kind: 'photo' }), this.files);
    const captionEntities = commandEntities(caption);
    const message = this.#store(chat, {
      fromId: userId,
      photo: sizes,
      ...(caption !== '' ? { caption, captionEntities } : {}),
      replyToMessageId: input.replyToMessageId,
    });
    const largest = sizes.at(-1);
    this.log(chat, {
      by: userId,
      kind: 'photo',
      messageId: message.messageId,
      ...(caption !== '' ? { text: caption } : {}),
      detail: { fileId: largest?.fileId },
    });
    this.#deliverUserMessage(chat, user, message, captionEntities);
    return message;
  }

  /** A user sends a quiz poll of their own to the bot in private (with its correct answers). */
  sendQuizPoll(userId: number, input: NewQuizPoll): { message: SimMessage; poll: SimPoll } {
    const user = this.#requireUser(userId);
    const chat = this.#requireChatOfUser(userId, user);
    if (input.options.length < LIMITS.pollOptionsMin || input.options.length > LIMITS.pollOptionsMax) {
      throw new SimulatorActionError('BAD_POLL', `a quiz has ${LIMITS.pollOptionsMin}-${LIMITS.pollOptionsMax} options`);
    }
    if (
      input.correctOptionIds.length === 0 ||
      input.correctOptionIds.some((i) => !Number.isInteger(i) || i < 0 || i >= input.options.length)
    ) {
      throw new SimulatorActionError('BAD_POLL', 'a quiz needs correct option ids among its options');
    }
    const poll = this.createPoll(
      chat,
      {
        question: input.question,
        options: input.options,
        type: 'quiz',
        isAnonymous: false,
        allowsMultipleAnswers: input.allowsMultipleAnswers ?? input.correctOptionIds.length > 1,
        allowsRevoting: false,
        shuffleOptions: false,
        correctOptionIds: [...input.correctOptionIds].sort((a, b) => a - b),
        explanation: input.explanation,
        openPeriod: input.openPeriod,
        ...(input.photo !== undefined ? { media: photoMedia(this.files.add({ bytes: input.photo, kind: 'photo' }), this.files) } : {}),
      },
      userId,
    );
    user.startedBot = true;
    const message = chat.messages.get(poll.messageId) as SimMessage;
    this.#updates.add('message', String(chat.id), this.#messageUpdate(message, chat));
    return { message, poll };
  }

  /**
   * A user forwards a poll they can see (another chat's quiz, say one of another quiz bot) to a
   * chat (their private chat with the bot when `toChatId` is their own id). The forward shows the
   * same poll, with `forward_origin` naming the original's sender; Telegram does not tell the bot
   * a forwarded quiz's correct options until the quiz is closed. Returns the new message.
   */
  forwardPoll(userId: number, pollId: string, toChatId: number = userId): SimMessage {
    const user = this.#requireUser(userId);
    const poll = this.#polls.get(pollId);
    if (!poll) throw new SimulatorActionError('UNKNOWN_POLL', `no poll ${pollId}`);
    this.#requireChatOfUser(poll.chatId, user);
    const chat = this.#requireChatOfUser(toChatId, user);
    const original = this.chat(poll.chatId)?.messages.get(poll.messageId);
    const message = this.#store(chat, {
      fromId: userId,
      pollId,
      forwardOrigin: { senderUserId: original?.fromId ?? userId, date: original?.date ?? this.nowS() },
    });
    this.log(chat, { by: userId, kind: 'message', messageId: message.messageId, text: `[forwarded poll] ${poll.question}` });
    this.#deliverUserMessage(chat, user, message, []);
    return message;
  }

  /**
   * A user votes (or revotes; `[]` retracts). Telegram's clients allow a change only when the
   * poll allows revoting, several options only when it allows multiple answers, and nothing on
   * a closed poll: those throw a {@link SimulatorActionError} (`code` says which).
   * For the bot's non-anonymous polls the bot gets a `poll_answer` update. Returns its update_id.
   */
  answerPoll(userId: number, pollId: string, optionIds: readonly number[]): number | undefined {
    const user = this.#requireUser(userId);
    const poll = this.#polls.get(pollId);
    if (!poll) throw new SimulatorActionError('UNKNOWN_POLL', `no poll ${pollId}`);
    const chat = this.#requireChatOfUser(poll.chatId, user);
    if (poll.isClosed) throw new SimulatorActionError('POLL_CLOSED', `poll ${pollId} is closed`);
    const choice = [...new Set(optionIds)].sort((a, b) => a - b);
    if (choice.some((i) => !Number.isInteger(i) || i < 0 || i >= poll.options.length))
      throw new SimulatorActionError(
        'INVALID_OPTION',
        `poll ${pollId} has options 0-${poll.options.length - 1}, got [${optionIds.join(', ')}]`,
      );
    if (choice.length > 1 && !poll.allowsMultipleAnswers)
      throw new SimulatorActionError('SINGLE_ANSWER_ONLY', `poll ${pollId} takes one option`);
    const previous = poll.votes.get(userId);
    if (previous && !poll.allowsRevoting)
      throw new SimulatorActionError('REVOTE_NOT_ALLOWED', `poll ${pollId} does not allow changing a vote`);
    if (!previous && choice.length === 0)
      throw new SimulatorActionError('NOTHING_TO_RETRACT', `user ${userId} has no vote in poll ${pollId}`);
    if (choice.length === 0) poll.votes.delete(userId);
    else poll.votes.set(userId, choice);
    this.log(chat, { by: userId, kind: 'poll_answer', messageId: poll.messageId, detail: choice });
    if (!poll.sentByBot) return undefined;
    this.#queuePollState(poll);
    if (poll.isAnonymous) return undefined;
    return this.#updates.add('poll_answer', String(userId), { poll_answer: wirePollAnswer(poll, user, choice) });
  }

  /** A user presses an inline button with `callback_data`; returns the callback query id. */
  pressButton(userId: number, chatId: number, messageId: number, data: string): string {
    const user = this.#requireUser(userId);
    const chat = this.#requireChatOfUser(chatId, user);
    const message = chat.messages.get(messageId);
    if (!message || message.deleted) throw new SimulatorActionError('UNKNOWN_MESSAGE', `no message ${messageId} in chat ${chatId}`);
    const found = message.replyMarkup?.inline_keyboard.some((row) => row.some((b) => 'callback_data' in b && b.callback_data === data));
    if (!found)
      throw new SimulatorActionError('UNKNOWN_BUTTON', `message ${messageId} has no button with callback_data ${JSON.stringify(data)}`);
    const id = `${4_000_000_000_000 + this.#nextCallbackSeq++}`;
    this.#callbackQueries.set(id, { userId, chatId, messageId, answered: false });
    this.log(chat, { by: userId, kind: 'callback', messageId, text: data });
    this.#updates.add('callback_query', String(chatId), {
      callback_query: {
        id,
        from: wireUser(user),
        message: this.wire(message, chat),
        chat_instance: String(-chat.id),
        data,
      },
    });
    return id;
  }

  // ---------------------------------------------------------------- used by the bot's methods

  /** Stores a message the bot sends and logs it; the methods have validated it. */
  storeBotMessage(chat: SimChat, fields: Omit<SimMessage, 'messageId' | 'chatId' | 'fromId' | 'date' | 'deleted'>): SimMessage {
    const message = this.#store(chat, { ...fields, fromId: 0 });
    if (fields.text !== undefined) this.log(chat, { by: 'bot', kind: 'message', messageId: message.messageId, text: fields.text });
    if (fields.document !== undefined) this.#logDocument(chat, 'bot', message);
    this.emit('botMessage', message, chat);
    return message;
  }

  /**
   * Sends a poll into a chat: stores it and its message, starts its close timer. The bot's
   * polls announce themselves through `botMessage`.
   */
  createPoll(chat: SimChat, draft: PollInit, byUserId?: number): SimPoll {
    const id = String(5_000_000_000_000_000 + this.#nextPollSeq++);
    const now = this.#clock.now();
    const message = this.#store(chat, { fromId: byUserId ?? 0, pollId: id });
    const poll: SimPoll = {
      id,
      chatId: chat.id,
      messageId: message.messageId,
      sentByBot: byUserId === undefined,
      question: draft.question,
      options: [...draft.options],
      type: draft.type,
      isAnonymous: draft.isAnonymous,
      allowsMultipleAnswers: draft.allowsMultipleAnswers,
      allowsRevoting: draft.allowsRevoting,
      shuffleOptions: draft.shuffleOptions,
      sentAt: now,
      isClosed: draft.isClosed ?? false,
      votes: new Map(),
      ...(draft.correctOptionIds ? { correctOptionIds: [...draft.correctOptionIds] } : {}),
      ...(draft.explanation !== undefined ? { explanation: draft.explanation } : {}),
      ...(draft.media !== undefined ? { media: draft.media } : {}),
      ...(draft.explanationMedia !== undefined ? { explanationMedia: draft.explanationMedia } : {}),
      ...(draft.openPeriod !== undefined ? { openPeriod: draft.openPeriod } : {}),
      ...(draft.closeDate !== undefined ? { closeDate: draft.closeDate } : {}),
    };
    this.#polls.set(id, poll);
    this.log(chat, {
      by: byUserId ?? 'bot',
      kind: 'poll',
      messageId: message.messageId,
      text: poll.question,
      // The poll's id: a driver outside the process answers it through the control API.
      detail: {
        pollId: poll.id,
        options: poll.options,
        correct: poll.correctOptionIds,
        openPeriod: poll.openPeriod,
        ...(poll.media ? { media: { kind: poll.media.kind, fileId: poll.media.fileId } } : {}),
      },
    });
    const closeAt = pollClosesAt(poll);
    if (closeAt !== undefined && !poll.isClosed) {
      this.#pollTimers.set(
        id,
        this.#clock.setTimeout(() => this.closePoll(poll), closeAt - now),
      );
    }
    if (poll.sentByBot) this.emit('botMessage', message, chat);
    return poll;
  }

  /** Closes a poll (timer or stopPoll): the bot gets the final state as a `poll` update. */
  closePoll(poll: SimPoll): void {
    if (poll.isClosed) return;
    poll.isClosed = true;
    poll.closedAt = this.#clock.now();
    this.#pollTimers.get(poll.id)?.cancel();
    this.#pollTimers.delete(poll.id);
    const chat = this.#chats.get(poll.chatId) as SimChat;
    this.log(chat, { by: 'bot', kind: 'poll_closed', messageId: poll.messageId, text: poll.question, detail: { voters: poll.votes.size } });
    if (poll.sentByBot) {
      // The final state always goes out as its own update, even if a coalesced one is waiting.
      delete poll.stateUpdateId;
      this.#updates.add('poll', `poll:${poll.id}`, { poll: wirePoll(poll, true) });
    }
    this.emit('pollClosed', poll);
  }

  /** Marks a callback query answered; false when unknown or answered before. */
  answerCallbackQuery(id: string, text?: string): boolean {
    const query = this.#callbackQueries.get(id);
    if (!query || query.answered) return false;
    query.answered = true;
    const chat = this.#chats.get(query.chatId);
    if (chat) this.log(chat, { by: 'bot', kind: 'callback_answer', messageId: query.messageId, ...(text !== undefined ? { text } : {}) });
    this.emit('callbackAnswered', { id, userId: query.userId, ...(text !== undefined ? { text } : {}) });
    return true;
  }

  /** Appends a transcript line (edits, deletions and pins are logged by their methods). */
  log(chat: SimChat, entry: Omit<TranscriptEntry, 'at'>): void {
    chat.transcript.push({ at: this.#clock.now(), ...entry });
  }

  /** The Message object the bot receives for a stored message. */
  wire(message: SimMessage, chat: SimChat): ReturnType<typeof wireMessage> {
    return wireMessage(message, { bot: this.bot, chat, user: (id) => this.#users.get(id), poll: (id) => this.#polls.get(id) });
  }

  /** Unix seconds of the clock, as in every `date` field. */
  nowS(): number {
    return Math.floor(this.#clock.now() / 1000);
  }

  /** Cancels every poll timer (the simulator is closing). */
  dispose(): void {
    for (const timer of this.#pollTimers.values()) timer.cancel();
    this.#pollTimers.clear();
  }

  // ---------------------------------------------------------------- private helpers

  #store(chat: SimChat, fields: Partial<SimMessage> & { fromId: number }): SimMessage {
    const message: SimMessage = { ...fields, messageId: chat.nextMessageId++, chatId: chat.id, date: this.nowS(), deleted: false };
    if (message.replyToMessageId === undefined) delete message.replyToMessageId;
    chat.messages.set(message.messageId, message);
    return message;
  }

  /** The transcript line of a document message: its caption and what finds the file again. */
  #logDocument(chat: SimChat, by: 'bot' | number, message: SimMessage): void {
    const detail = documentDetail(message.document as SimDocument);
    const caption = message.caption !== undefined ? { text: message.caption } : {};
    this.log(chat, { by, kind: 'document', messageId: message.messageId, ...caption, detail });
  }

  #messageUpdate(message: SimMessage, chat: SimChat): object {
    return { message: this.wire(message, chat) };
  }

  /**
   * A user's message reaches the bot as Telegram delivers it: always in private (where the user
   * has now started the bot), in groups only what privacy mode lets through.
   */
  #deliverUserMessage(chat: SimChat, user: SimUser, message: SimMessage, entities: readonly MessageEntity[]): void {
    if (chat.type === 'private') {
      user.startedBot = true;
      this.#updates.add('message', String(chat.id), this.#messageUpdate(message, chat));
    } else if (this.#botSeesGroupMessage(chat, message, entities)) {
      this.#updates.add('message', String(chat.id), this.#messageUpdate(message, chat));
    }
  }

  /** Queues one coalesced poll-state update: Telegram sends the latest state, not every vote. */
  #queuePollState(poll: SimPoll): void {
    // A waiting update is built lazily at hand-out, so it will already show this vote.
    if (poll.stateUpdateId !== undefined && this.#updates.isWaiting(poll.stateUpdateId)) return;
    const id = this.#updates.add('poll', `poll:${poll.id}`, () => ({ poll: wirePoll(poll, true) }));
    if (id === undefined) delete poll.stateUpdateId;
    else poll.stateUpdateId = id;
  }

  #botSeesGroupMessage(chat: SimChat, message: SimMessage, entities: readonly MessageEntity[]): boolean {
    if (!isInside(chat.botStatus)) return false;
    if (this.bot.canReadAllGroupMessages) return true;
    if (message.replyToMessageId !== undefined && chat.messages.get(message.replyToMessageId)?.fromId === 0) return true;
    const first = entities[0];
    if (!first || first.type !== 'bot_command' || first.offset !== 0) return false;
    const command = (message.text ?? message.caption ?? '').slice(0, first.length);
    const at = command.indexOf('@');
    return at === -1 || command.slice(at + 1).toLowerCase() === this.bot.username.toLowerCase();
  }

  #setBlocked(userId: number, blocked: boolean): void {
    const user = this.#requireUser(userId);
    if (user.blockedBot === blocked) return;
    user.blockedBot = blocked;
    const me = wireBotUser(this.bot);
    const chat = this.#chats.get(userId) as SimChat;
    this.#updates.add('my_chat_member', String(userId), {
      my_chat_member: {
        chat: wireChat(chat, user),
        from: wireUser(user),
        date: this.nowS(),
        old_chat_member: wireChatMember(me, blocked ? 'member' : 'kicked'),
        new_chat_member: wireChatMember(me, blocked ? 'kicked' : 'member'),
      },
    });
  }

  #requireUser(id: number): SimUser {
    const user = this.#users.get(id);
    if (!user) throw new SimulatorActionError('UNKNOWN_USER', `no user ${id}; create one with world.createUser()`);
    return user;
  }

  #requireGroup(id: number): SimChat {
    const chat = this.#chats.get(id);
    if (!chat || chat.type === 'private')
      throw new SimulatorActionError('UNKNOWN_CHAT', `no group ${id}; create one with world.createGroup()`);
    return chat;
  }

  #requireChatOfUser(chatId: number, user: SimUser): SimChat {
    const chat = this.#chats.get(chatId);
    if (!chat) throw new SimulatorActionError('UNKNOWN_CHAT', `no chat ${chatId}`);
    if (chat.type === 'private' ? chat.id !== user.id : !isInside(chat.members.get(user.id))) {
      throw new SimulatorActionError('NOT_A_MEMBER', `user ${user.id} is not in chat ${chatId}`);
    }
    return chat;
  }
}

/** What {@link World.createPoll} takes: a validated poll (a sendPoll PollDraft is one). */
export interface PollInit {
  question: string;
  options: readonly string[];
  type: 'quiz' | 'regular';
  isAnonymous: boolean;
  allowsMultipleAnswers: boolean;
  allowsRevoting: boolean;
  shuffleOptions: boolean;
  correctOptionIds?: readonly number[] | undefined;
  explanation?: string | undefined;
  /** The description's media (Poll.media), already stored. */
  media?: SimPollMedia | undefined;
  /** The explanation's media (quizzes), already stored. */
  explanationMedia?: SimPollMedia | undefined;
  openPeriod?: number | undefined;
  closeDate?: number | undefined;
  isClosed?: boolean | undefined;
}

/** Clock ms at which a poll closes by itself (open_period from when it was sent, or close_date); undefined if never. */
export function pollClosesAt(poll: SimPoll): number | undefined {
  if (poll.openPeriod !== undefined) return poll.sentAt + poll.openPeriod * 1000;
  if (poll.closeDate !== undefined) return poll.closeDate * 1000;
  return undefined;
}

function newChat(id: number, type: ChatType): SimChat {
  return {
    id,
    type,
    members: new Map(),
    botStatus: type === 'private' ? 'member' : 'left',
    messages: new Map(),
    nextMessageId: 1,
    transcript: [],
  };
}

function isInside(status: MemberStatus | undefined): boolean {
  return status === 'creator' || status === 'administrator' || status === 'member';
}
