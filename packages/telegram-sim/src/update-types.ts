/**
 * The kinds of update a bot can receive and the `allowed_updates` filter over them, as the
 * Bot API server (tdlib/telegram-bot-api) reads it for getUpdates and setWebhook alike: one
 * filter per bot, shared by both ways of receiving updates.
 */
import type { Update } from 'grammy/types';

/** One optional field of `Update` (Bot API 9.6): the kind of an update. */
export type UpdateType = Exclude<keyof Update, 'update_id'>;

/** Every update type, in the order of the `Update` object's fields (getWebhookInfo lists them so). */
export const UPDATE_TYPES = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'guest_message',
  'stopped_message_generation',
  'message_reaction',
  'message_reaction_count',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
  'managed_bot',
  'subscription',
] as const satisfies readonly UpdateType[];

// Fails to compile when a grammY upgrade adds an Update field that the list above lacks.
type MissingUpdateType = Exclude<UpdateType, (typeof UPDATE_TYPES)[number]>;
const everyTypeListed: [MissingUpdateType] extends [never] ? true : MissingUpdateType = true;
void everyTypeListed;

/**
 * What a bot receives until it says otherwise. Bot API docs, getUpdates: "Specify an empty list
 * to receive all update types except chat_member, message_reaction, and message_reaction_count
 * (default)."
 */
export const DEFAULT_ALLOWED_UPDATES: ReadonlySet<UpdateType> = new Set(
  UPDATE_TYPES.filter((type) => type !== 'chat_member' && type !== 'message_reaction' && type !== 'message_reaction_count'),
);

const KNOWN: ReadonlySet<string> = new Set(UPDATE_TYPES);

/**
 * The filter an `allowed_updates` parameter asks for, or undefined when it leaves the stored one
 * alone. Telegram is lenient here, and so is this: absent, unparsable, not an array, or an array
 * with a non-string keeps the previous setting; names are matched case-insensitively and unknown
 * ones are ignored; a list with no known name (`[]` included) means the default set.
 */
export function readAllowedUpdates(value: unknown): ReadonlySet<UpdateType> | undefined {
  if (typeof value === 'string') {
    if (value === '') return undefined;
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(value)) return undefined;
  const chosen = new Set<UpdateType>();
  for (const name of value) {
    if (typeof name !== 'string') return undefined;
    const lower = name.toLowerCase();
    if (KNOWN.has(lower)) chosen.add(lower as UpdateType);
  }
  return chosen.size === 0 ? DEFAULT_ALLOWED_UPDATES : chosen;
}

/** Whether `filter` is exactly the default set (getWebhookInfo then leaves `allowed_updates` out). */
export function isDefaultFilter(filter: ReadonlySet<UpdateType>): boolean {
  if (filter === DEFAULT_ALLOWED_UPDATES) return true;
  if (filter.size !== DEFAULT_ALLOWED_UPDATES.size) return false;
  for (const type of filter) if (!DEFAULT_ALLOWED_UPDATES.has(type)) return false;
  return true;
}
