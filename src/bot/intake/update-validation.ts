/**
 * What an update must look like before intake writes anything for it: the shape of the update
 * kinds quiz-agent handles (ALLOWED_UPDATES), as far as its handlers read them. A webhook can be
 * reached by anyone who learns its address and secret, and a bug or a proxy can mangle what
 * Telegram sent; an update that breaks these rules can never get better by being delivered
 * again, so intake refuses it (counted, logged once, acknowledged) instead of storing it or
 * failing on it. The rules:
 * - exactly one update kind, one of ALLOWED_UPDATES;
 * - every id a safe integer (JSON numbers past 2^53 arrive rounded: a user id of 2^62 would be
 *   stored as another user's);
 * - a poll answer's `option_ids` distinct integers within Telegram's largest poll (the poll's
 *   own option count is checked once the poll is known, when the answer is recorded);
 * - the fields handlers read of the types they expect, entities within their text (fields
 *   nobody reads pass as they are);
 * - then every string without U+0000 and lone surrogates (./storable-text.ts).
 */
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { POLL_LIMITS } from '../../quiz/telegram-poll-limits.js';
import type { ALLOWED_UPDATES } from '../create-bot.js';
import { isVoteIn } from './option-ids.js';
import { TooDeepError, withStorableText } from './storable-text.js';

/** Why an update was refused: a small fixed set, a metric label. */
export const REFUSAL_REASONS = ['unsupported_type', 'malformed', 'unsafe_id', 'invalid_option_ids'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The update kind as a log field or label: one of ALLOWED_UPDATES, or `other` (never a forged key's text). */
export type CheckedKind = (typeof ALLOWED_UPDATES)[number] | 'other';

export type UpdateCheck = { ok: true; kind: CheckedKind; update: Update } | { ok: false; kind: CheckedKind; reason: RefusalReason };

// Issue messages that name the rule broken (zod reports a refinement by its message).
const UNSAFE_ID: RefusalReason = 'unsafe_id';
const INVALID_OPTION_IDS: RefusalReason = 'invalid_option_ids';

const safeId = z.number().refine(Number.isSafeInteger, { error: UNSAFE_ID });
const count = z.int().min(0);

const user = z.looseObject({
  id: safeId,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const chat = z.looseObject({
  id: safeId,
  // Telegram's four kinds of chat, and the only ones the chats table takes (chats_type_ck).
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
  first_name: z.string().optional(),
  username: z.string().optional(),
});

const poll = z.looseObject({
  id: z.string(),
  question: z.string(),
  options: z.array(z.looseObject({ text: z.string(), voter_count: count.optional() })).max(POLL_LIMITS.optionsMax),
  type: z.string(),
  is_anonymous: z.boolean(),
  correct_option_ids: z.array(count).max(POLL_LIMITS.optionsMax).optional(),
  explanation: z.string().optional(),
  open_period: count.optional(),
  close_date: count.optional(),
});

const entities = z.array(z.looseObject({ type: z.string(), offset: count, length: count })).optional();
const messageFields = {
  message_id: safeId,
  date: count,
  chat,
  from: user.optional(),
  text: z.string().optional(),
  entities,
  caption: z.string().optional(),
  caption_entities: entities,
  poll: poll.optional(),
};

/** Entities lie within the text they mark (grammY reads a command out of the text by them). */
function entitiesFitText(message: {
  text?: string | undefined;
  entities?: { offset: number; length: number }[] | undefined;
  caption?: string | undefined;
  caption_entities?: { offset: number; length: number }[] | undefined;
}): boolean {
  const fits = (text: string | undefined, marks: { offset: number; length: number }[] | undefined): boolean =>
    marks === undefined || marks.every((mark) => text !== undefined && mark.offset + mark.length <= text.length);
  return fits(message.text, message.entities) && fits(message.caption, message.caption_entities);
}

/** A message as a reply target, or under a button (an inaccessible one has only chat, id and date 0). */
const quotedMessage = z.looseObject(messageFields).refine(entitiesFitText);
const message = z.looseObject({ ...messageFields, reply_to_message: quotedMessage.optional() }).refine(entitiesFitText);

const chatMember = z.looseObject({ status: z.string(), user });

/** One schema per handled kind, for the kind's field of the update. */
const KIND_SCHEMAS = {
  message,
  callback_query: z.looseObject({
    id: z.string(),
    from: user,
    message: quotedMessage.optional(),
    inline_message_id: z.string().optional(),
    chat_instance: z.string(),
    data: z.string().optional(),
  }),
  poll,
  poll_answer: z.looseObject({
    poll_id: z.string(),
    user: user.optional(),
    voter_chat: chat.optional(),
    // Checked as a whole: a forged array of thousands is refused without a parse per element.
    option_ids: z.custom<number[]>((ids) => Array.isArray(ids) && isVoteIn(ids, POLL_LIMITS.optionsMax), { error: INVALID_OPTION_IDS }),
  }),
  my_chat_member: z.looseObject({ chat, from: user, date: count, old_chat_member: chatMember, new_chat_member: chatMember }),
} satisfies Record<(typeof ALLOWED_UPDATES)[number], z.ZodType>;

type HandledKind = keyof typeof KIND_SCHEMAS;

/** The whole update of each kind: its update_id and its one field. */
const UPDATE_SCHEMAS = new Map<string, z.ZodType>(
  Object.entries(KIND_SCHEMAS).map(([kind, schema]) => [kind, z.object({ update_id: safeId, [kind]: schema })]),
);

/**
 * Checks `raw` (an update as it arrived) against the rules above; a valid update comes back
 * with its strings made storable (the same object when there was nothing to clean).
 *
 * @example
 * const checked = checkUpdate(update);
 * if (!checked.ok) return refuse(update, checked.kind, checked.reason);
 */
export function checkUpdate(raw: unknown): UpdateCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, kind: 'other', reason: 'malformed' };
  const keys = Object.keys(raw).filter((key) => key !== 'update_id');
  const only = keys.length === 1 ? keys[0] : undefined;
  const schema = only === undefined ? undefined : UPDATE_SCHEMAS.get(only);
  if (only === undefined || schema === undefined) return { ok: false, kind: 'other', reason: 'unsupported_type' };
  const kind = only as HandledKind;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, kind, reason: reasonOf(parsed.error.issues) };
  try {
    return { ok: true, kind, update: withStorableText(parsed.data) as unknown as Update };
  } catch (error) {
    if (error instanceof TooDeepError) return { ok: false, kind, reason: 'malformed' };
    throw error;
  }
}

/** The most telling reason among a refusal's issues: an unsafe id, then bad option ids, else the shape. */
function reasonOf(issues: readonly z.core.$ZodIssue[]): RefusalReason {
  if (issues.some((issue) => issue.message === UNSAFE_ID)) return 'unsafe_id';
  if (issues.some((issue) => issue.message === INVALID_OPTION_IDS)) return 'invalid_option_ids';
  return 'malformed';
}
