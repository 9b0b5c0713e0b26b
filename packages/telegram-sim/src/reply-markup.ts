/** `reply_markup`: keyboards checked against Telegram's rules. */
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import { badRequest } from './errors.js';
import { isObject, optionalStringField, requiredStringField } from './json-fields.js';
import type { Params } from './params.js';
import { LIMITS } from './telegram-limits.js';

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/**
 * `reply_markup`, checked like tdlib's `get_reply_markup`: a non-empty `keyboard` wins, then a
 * non-empty `inline_keyboard`, then `remove_keyboard`, then `force_reply`; none of them means no
 * markup (undefined). Inline buttons need text and exactly one action; callback_data is 1-64
 * bytes (400 "BUTTON_DATA_INVALID", Telegram's server code). More than 100 buttons answers
 * "reply markup is too long" and an empty button text "BUTTON_TEXT_INVALID": the limit and the
 * code are Telegram's server's, not checked against it.
 */
export function parseReplyMarkup(params: Params): ReplyMarkup | undefined {
  const value = params.optionalJson<unknown>('reply_markup');
  if (value === undefined) return undefined;
  if (!isObject(value)) throw badRequest('object expected as reply markup');
  const keyboard = rowsOf(value, 'keyboard', 'field "keyboard" must be an Array of Arrays');
  const inline = rowsOf(value, 'inline_keyboard', 'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  if (keyboard.length > 0) {
    const rows = keyboard.map((row) => row.map(keyboardButton));
    checkButtonCount(rows);
    return { ...value, keyboard: rows } as ReplyKeyboardMarkup;
  }
  if (inline.length > 0) {
    const rows = inline.map((row) => row.map(inlineButton));
    checkButtonCount(rows);
    return { inline_keyboard: rows };
  }
  if (value.remove_keyboard === true || value.hide_keyboard === true) return { ...value, remove_keyboard: true } as ReplyKeyboardRemove;
  if (value.force_reply === true) return { ...value, force_reply: true } as ForceReply;
  return undefined;
}

function rowsOf(markup: Record<string, unknown>, field: string, notRows: string): unknown[][] {
  const rows = markup[field];
  if (rows === undefined || rows === null) return [];
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) throw badRequest(notRows);
  return rows as unknown[][];
}

function checkButtonCount(rows: unknown[][]): void {
  const count = rows.reduce((sum, row) => sum + row.length, 0);
  if (count > LIMITS.keyboardButtons) throw badRequest('reply markup is too long');
}

function keyboardButton(button: unknown): KeyboardButton {
  const fail = (what: string) => badRequest(`can't parse keyboard button: ${what}`);
  if (typeof button === 'string') return button;
  if (!isObject(button)) throw fail('KeyboardButton must be a String or an Object');
  requiredStringField(button, 'text', fail);
  // Checked as far as Telegram checks; the rest goes through as the bot sent it.
  return button as unknown as KeyboardButton;
}

/** The actions an inline button can carry; tdlib takes url and callback_data only when non-empty. */
const INLINE_ACTIONS = [
  'callback_game',
  'pay',
  'switch_inline_query',
  'switch_inline_query_chosen_chat',
  'switch_inline_query_current_chat',
  'login_url',
  'web_app',
  'copy_text',
];

function inlineButton(button: unknown): InlineKeyboardButton {
  const fail = (what: string) => badRequest(`can't parse inline keyboard button: ${what}`);
  if (!isObject(button)) throw fail('InlineKeyboardButton must be an Object');
  const text = requiredStringField(button, 'text', fail);
  const url = optionalStringField(button, 'url', fail) ?? '';
  const data = optionalStringField(button, 'callback_data', fail) ?? '';
  if (url === '' && data === '' && !INLINE_ACTIONS.some((action) => action in button)) {
    throw fail('Text buttons are unallowed in the inline keyboard');
  }
  if (text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  if (Buffer.byteLength(data) > LIMITS.callbackData) throw badRequest('BUTTON_DATA_INVALID');
  return button as unknown as InlineKeyboardButton;
}
