/**
 * The simulator's own records of users, chats, messages and polls. The Bot API objects the bot
 * sees (grammy/types) are built from these on demand (src/wire.ts), so the state stays
 * small and a change (a vote, an edit) is made in one place.
 */
import type { InlineKeyboardMarkup, MessageEntity } from 'grammy/types';

export type ChatType = 'private' | 'group' | 'supergroup';

/** A person of the virtual world. */
export interface SimUser {
  readonly id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** The user has written to the bot in private (Telegram: a bot cannot message a user first). */
  startedBot: boolean;
  /** The user blocked the bot: private messages from the bot answer 403. */
  blockedBot: boolean;
}

/** Rights a member can have in a group; the bot's own matter for pinning and deleting. */
export type MemberStatus = 'creator' | 'administrator' | 'member' | 'left' | 'kicked';

/** A chat with the bot: a user's private chat, or a group the bot was added to. */
export interface SimChat {
  readonly id: number;
  readonly type: ChatType;
  title?: string;
  /** Group members by user id (private chats: none). The bot is kept in `botStatus`. */
  readonly members: Map<number, MemberStatus>;
  botStatus: MemberStatus;
  readonly messages: Map<number, SimMessage>;
  nextMessageId: number;
  pinnedMessageId?: number;
  readonly transcript: TranscriptEntry[];
}

/** One message in a chat, from the bot or from a user. */
export interface SimMessage {
  readonly messageId: number;
  readonly chatId: number;
  /** User id of the sender; 0 for the bot. */
  readonly fromId: number;
  /** Seconds since the epoch, as in Message.date. */
  readonly date: number;
  text?: string;
  entities?: MessageEntity[];
  /** Raw text as the bot sent it, with parse_mode, for transcripts. */
  parseMode?: string;
  replyMarkup?: InlineKeyboardMarkup;
  replyToMessageId?: number;
  pollId?: string;
  /** A forwarded message: who sent the original (0: the bot), and when (Message.forward_origin of type user). */
  forwardOrigin?: { readonly senderUserId: number; readonly date: number };
  /** A document message: the file and the file_id this message names it by. */
  document?: SimDocument;
  /** A photo message: its sizes, smallest first (Message.photo). */
  photo?: readonly SimPhotoSize[];
  /** A media message's caption (visible text, as for `text`). */
  caption?: string;
  captionEntities?: MessageEntity[];
  editDate?: number;
  deleted: boolean;
}

/** A file the world keeps (src/file-store.ts): its bytes and what Telegram tells about it. */
export interface SimFile {
  /** file_unique_id: the same for every message and file_id of this file. */
  readonly uniqueId: string;
  /** Order of storing, from 1 (file paths are numbered by it). */
  readonly seq: number;
  readonly bytes: Buffer;
  readonly fileName?: string;
  readonly mimeType?: string;
  /** What Telegram stored it as: a send of another kind by file_id answers "type of file mismatch" [document]. */
  readonly kind?: FileKind;
  /** Set by the first getFile (`documents/file_<n>.<ext>`); the download route serves it. */
  filePath?: string;
}

/** The kinds of file the simulator keeps: documents, and the media a poll may carry (Bot API 10.0). */
export type FileKind = 'document' | 'photo' | 'video' | 'animation' | 'audio';

/** One size of a photo (PhotoSize): its own file, as Telegram stores every size apart. */
export interface SimPhotoSize {
  readonly fileId: string;
  readonly file: SimFile;
  readonly width: number;
  readonly height: number;
}

/**
 * Media on a poll (Poll.media, the description's) or on a quiz's explanation
 * (Poll.explanation_media): one file of `kind`, or a photo's sizes.
 */
export interface SimPollMedia {
  readonly kind: FileKind;
  readonly fileId: string;
  readonly file: SimFile;
  /** Photos only: every size, smallest first (the largest is `fileId`/`file`). */
  readonly sizes?: readonly SimPhotoSize[];
}

/** The document of one message: a stored file and the file_id the message carries. */
export interface SimDocument {
  readonly fileId: string;
  readonly file: SimFile;
}

/** A native poll, with every vote. Option indices are the ones of the send order. */
export interface SimPoll {
  readonly id: string;
  readonly chatId: number;
  readonly messageId: number;
  /** Sent by the bot (the bot gets poll_answer and poll updates only for its own polls). */
  readonly sentByBot: boolean;
  readonly question: string;
  readonly options: readonly string[];
  readonly type: 'quiz' | 'regular';
  readonly isAnonymous: boolean;
  readonly allowsMultipleAnswers: boolean;
  readonly allowsRevoting: boolean;
  readonly shuffleOptions: boolean;
  readonly correctOptionIds?: readonly number[];
  readonly explanation?: string;
  /** Media of the poll's description (sendPoll `media`): shown in the poll's message only. */
  readonly media?: SimPollMedia;
  /** Media of a quiz's explanation (sendPoll `explanation_media`), shown with the explanation. */
  readonly explanationMedia?: SimPollMedia;
  readonly openPeriod?: number;
  readonly closeDate?: number;
  /** Clock milliseconds when the poll was sent. */
  readonly sentAt: number;
  isClosed: boolean;
  closedAt?: number;
  /** Current choice per user (empty choices are removed). */
  readonly votes: Map<number, readonly number[]>;
  /** update_id of the latest poll-state update queued; new votes ride on it while it waits (Telegram coalesces them). */
  stateUpdateId?: number;
}

/** One line of a chat's history, in order, for transcripts and assertions. */
export interface TranscriptEntry {
  /** Clock milliseconds. */
  readonly at: number;
  /** Who acted: 'bot' or the user's id. */
  readonly by: 'bot' | number;
  readonly kind:
    'message' | 'document' | 'photo' | 'poll' | 'edit' | 'delete' | 'pin' | 'poll_closed' | 'poll_answer' | 'callback' | 'callback_answer';
  readonly messageId?: number;
  /** Visible text (poll question, edited text, a document's caption, callback data, ...). */
  readonly text?: string;
  /** Extra detail: poll options, answer option ids, a document's file (see {@link DocumentDetail}). */
  readonly detail?: unknown;
}

/** The `detail` of a `document` transcript entry: enough to find the file again (World.file). */
export interface DocumentDetail {
  fileId: string;
  fileUniqueId: string;
  fileName?: string;
  mimeType?: string;
  fileSize: number;
}
