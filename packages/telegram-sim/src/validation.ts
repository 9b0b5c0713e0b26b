/**
 * Telegram's parameter limits and the text a message really shows, with the answers Telegram
 * gives when a call breaks them. Wordings come from tdlib (telegram-bot-api's Client.cpp and
 * td's MessageContent.cpp, MessageEntity.cpp and BotCommand.cpp); where Telegram's servers decide
 * and the wording could not be checked, the description says so.
 *
 * Lengths are counted in Unicode code points after entity parsing and trimming, as tdlib's
 * `utf8_length` counts them; entity offsets are UTF-16 code units, as the Bot API reports them.
 * Visible text lives in visible-text.ts, keyboards in reply-markup.ts.
 */
import type { BotCommand, MessageEntity } from 'grammy/types';
import { badRequest } from './errors.js';
import { isObject, optionalStringField, requiredStringField } from './json-fields.js';
import type { Params } from './params.js';
import { LIMITS } from './telegram-limits.js';
import { codePoints, visibleText } from './visible-text.js';

export { parseReplyMarkup } from './reply-markup.js';
export { visibleText } from './visible-text.js';

/** A sendPoll call, checked against Telegram's limits. Texts are the visible ones. */
export interface PollDraft {
  question: string;
  options: string[];
  type: 'quiz' | 'regular';
  isAnonymous: boolean;
  allowsMultipleAnswers: boolean;
  allowsRevoting: boolean;
  shuffleOptions: boolean;
  /** Quizzes only: strictly increasing option indices. */
  correctOptionIds?: number[];
  /** Quizzes only, when not empty. */
  explanation?: string;
  /** Seconds the poll stays open; wins over `closeDate` when both are given. */
  openPeriod?: number;
  /** Unix time (s) the poll closes at. */
  closeDate?: number;
  isClosed: boolean;
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * The raw text of a message parameter (`text` for sendMessage and editMessageText), checked:
 * present (400 "message text is empty"), at most 32 KiB before parsing ("text is too long"),
 * markup that parses with `parse_mode` (see {@link visibleText}), something visible left
 * ("message must be non-empty") and at most 4096 visible characters ("message is too long").
 */
export function parseMessageText(params: Params, field: string): string {
  const text = params.optionalString(field);
  if (text === undefined) throw badRequest('message text is empty');
  if (Buffer.byteLength(text) > LIMITS.rawText) throw badRequest('text is too long');
  const shown = visibleText(text, params.optionalString('parse_mode'));
  if (shown === '') throw badRequest('message must be non-empty');
  if (codePoints(shown) > LIMITS.messageText) throw badRequest('message is too long');
  return text;
}

/**
 * A media message's `caption` as it will show (parsed with `parse_mode`), or undefined when
 * nothing visible is left (a caption is optional); over 1024 visible characters, 400 "message
 * caption is too long" (td's "Message caption is too long").
 */
export function parseCaption(params: Params): string | undefined {
  const caption = params.optionalString('caption');
  if (caption === undefined) return undefined;
  const shown = visibleText(caption, params.optionalString('parse_mode'));
  if (codePoints(shown) > LIMITS.caption) throw badRequest('message caption is too long');
  return shown === '' ? undefined : shown;
}

// ---------------------------------------------------------------------------------------------
// Polls

/**
 * A sendPoll call, checked in tdlib's order. Defaults follow the documentation: anonymous,
 * regular, single answer, revoting allowed for regular polls and not for quizzes.
 *
 * Choices where Telegram's behaviour could not be confirmed:
 * - `open_period` above the maximum is clamped to it (tdlib's `get_integer_arg` clamps), but
 *   1-4 answers 400; `close_date` is ignored when `open_period` is given (tdlib drops it).
 * - a quiz takes `correct_option_ids` (or the older single `correct_option_id`); with several
 *   correct options `allows_multiple_answers` defaults to true, an explicit value is kept.
 * - the explanation and close_date limits answer in tdlib's style; the exact server wording is
 *   unknown.
 */
export function parseSendPoll(params: Params, nowS: number): PollDraft {
  const question = visibleText(params.optionalString('question') ?? '', params.optionalString('question_parse_mode'));
  const options = pollOptions(params);
  const isAnonymous = params.optionalBool('is_anonymous') ?? true;
  const type = params.optionalString('type') ?? 'regular';
  if (type !== 'quiz' && type !== 'regular') throw badRequest('unsupported poll type specified');
  const explanation =
    type === 'quiz' ? visibleText(params.optionalString('explanation') ?? '', params.optionalString('explanation_parse_mode')) : '';
  const openPeriod = Math.min(Math.max(params.optionalInt('open_period') ?? 0, 0), LIMITS.openPeriodMax);
  const closeDate = openPeriod === 0 ? (params.optionalInt('close_date') ?? 0) : 0;

  if (question === '') throw badRequest('message must be non-empty');
  if (codePoints(question) > LIMITS.pollQuestion) throw badRequest(`poll question length must not exceed ${LIMITS.pollQuestion}`);
  if (options.length < LIMITS.pollOptionsMin) throw badRequest(`poll must have at least ${LIMITS.pollOptionsMin} option`);
  if (options.length > LIMITS.pollOptionsMax) throw badRequest(`poll can't have more than ${LIMITS.pollOptionsMax} options`);
  for (const option of options) {
    if (option === '') throw badRequest('message must be non-empty');
    if (codePoints(option) > LIMITS.pollOption) throw badRequest(`poll options length must not exceed ${LIMITS.pollOption}`);
  }
  const correctOptionIds = type === 'quiz' ? correctOptions(params, options.length) : undefined;
  if (codePoints(explanation) > LIMITS.pollExplanation)
    throw badRequest(`poll explanation length must not exceed ${LIMITS.pollExplanation}`);
  if (explanation.split('\n').length - 1 > LIMITS.pollExplanationLineFeeds) {
    throw badRequest(`poll explanation must not contain more than ${LIMITS.pollExplanationLineFeeds} line feeds`);
  }
  if (openPeriod > 0 && openPeriod < LIMITS.openPeriodMin) {
    throw badRequest(`poll open period must be between ${LIMITS.openPeriodMin} and ${LIMITS.openPeriodMax} seconds`);
  }
  const untilClose = closeDate - nowS;
  if (closeDate !== 0 && (untilClose < LIMITS.openPeriodMin || untilClose > LIMITS.openPeriodMax)) {
    throw badRequest(`poll close date must be between ${LIMITS.openPeriodMin} and ${LIMITS.openPeriodMax} seconds in the future`);
  }

  return {
    question,
    options,
    type,
    isAnonymous,
    allowsMultipleAnswers: params.optionalBool('allows_multiple_answers') ?? (correctOptionIds?.length ?? 0) > 1,
    allowsRevoting: params.optionalBool('allows_revoting') ?? type === 'regular',
    shuffleOptions: params.optionalBool('shuffle_options') ?? false,
    ...(correctOptionIds ? { correctOptionIds } : {}),
    ...(explanation !== '' ? { explanation } : {}),
    ...(openPeriod > 0 ? { openPeriod } : {}),
    ...(closeDate !== 0 ? { closeDate } : {}),
    isClosed: params.optionalBool('is_closed') ?? false,
  };
}

/** The visible texts of `options`: InputPollOption objects (with text_parse_mode) or, as the older API took, strings. */
function pollOptions(params: Params): string[] {
  const value = params.optionalJson<unknown>('options');
  if (value === undefined) throw badRequest("can't parse options JSON object"); // missing, as tdlib words it
  if (!Array.isArray(value)) throw badRequest('expected an Array of String as options');
  return value.map((option: unknown) => {
    if (typeof option === 'string') return visibleText(option, undefined);
    if (!isObject(option)) throw badRequest('expected an option to be of type String');
    // Telegram lower-cases the first letter of a description that starts a sentence.
    const fail = (what: string) => badRequest(what.charAt(0).toLowerCase() + what.slice(1));
    return visibleText(requiredStringField(option, 'text', fail), optionalStringField(option, 'text_parse_mode', fail));
  });
}

/** A quiz's correct option indices: `correct_option_ids`, else the older `correct_option_id`. */
function correctOptions(params: Params, optionCount: number): number[] {
  const wrong = () => badRequest('wrong correct option ID specified');
  const ids = params.has('correct_option_ids')
    ? params.optionalJson<unknown>('correct_option_ids')
    : [params.optionalInt('correct_option_id') ?? -1];
  if (!Array.isArray(ids) || !ids.every((id): id is number => Number.isInteger(id))) {
    throw badRequest('expected an Array of Integer as correct_option_ids');
  }
  if (ids.length === 0) throw wrong();
  ids.forEach((id, index) => {
    if (id < 0 || id >= optionCount || (index > 0 && id <= (ids[index - 1] as number))) throw wrong();
  });
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Commands

/**
 * setMyCommands' `commands`: a JSON array of BotCommand (missing or empty: no commands). Each is
 * trimmed and loses a leading '/', then must have 1-32 characters and a 1-256 character
 * description (tdlib's checks and wording); then, as Telegram's server checks, at most 100
 * commands and only lowercase letters, digits and underscores ("BOT_COMMAND_INVALID"; the
 * too-many code "BOT_COMMANDS_TOO_MUCH" is Telegram's server's, not checked against it).
 */
export function parseBotCommands(params: Params): BotCommand[] {
  const value = params.optionalJson<unknown>('commands');
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('expected an Array of BotCommand');
  const commands = value.map((item: unknown): BotCommand => {
    const fail = (what: string) => badRequest(`can't parse BotCommand: ${what}`);
    if (!isObject(item)) throw fail('expected an Object');
    return { command: requiredStringField(item, 'command', fail), description: requiredStringField(item, 'description', fail) };
  });
  const cleaned = commands.map(({ command, description }) => {
    const trimmed = command.trim();
    const name = trimmed.startsWith('/') ? trimmed.slice(1) : trimmed;
    if (name === '') throw badRequest('command must be non-empty');
    if (codePoints(name) > LIMITS.command) throw badRequest(`command length must not exceed ${LIMITS.command}`);
    const text = description.trim();
    if (text === '') throw badRequest('command description must be non-empty');
    if (codePoints(text) > LIMITS.commandDescription)
      throw badRequest(`command description length must not exceed ${LIMITS.commandDescription}`);
    return { command: name, description: text };
  });
  if (cleaned.length > LIMITS.commands) throw badRequest('BOT_COMMANDS_TOO_MUCH');
  if (cleaned.some(({ command }) => !/^[a-z0-9_]+$/.test(command))) throw badRequest('BOT_COMMAND_INVALID');
  return cleaned;
}

/**
 * The `bot_command` entities Telegram puts on a user's message, every one of them: `/` and 1-64
 * of [A-Za-z0-9_], optionally `@` and a 3-32 character bot username, not preceded by a letter,
 * digit, `_`, `/`, `<` or `>` and not followed by one (tdlib's `match_bot_commands`). Offsets
 * and lengths are UTF-16 code units.
 */
export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const name = /[A-Za-z0-9_]/;
  for (let slash = text.indexOf('/'); slash !== -1; slash = text.indexOf('/', slash + 1)) {
    if (touchesCommand(Array.from(text.slice(Math.max(0, slash - 2), slash)).at(-1))) continue;
    let end = slash + 1;
    while (end < text.length && name.test(text[end] as string)) end++;
    const size = end - slash - 1;
    if (size < 1 || size > 64) continue;
    if (text[end] === '@') {
      let mentionEnd = end + 1;
      while (mentionEnd < text.length && name.test(text[mentionEnd] as string)) mentionEnd++;
      const mentionSize = mentionEnd - end - 1;
      if (mentionSize < 3 || mentionSize > 32) continue;
      end = mentionEnd;
    }
    if (touchesCommand(String.fromCodePoint(text.codePointAt(end) ?? 32))) continue;
    entities.push({ type: 'bot_command', offset: slash, length: end - slash });
  }
  return entities;
}

/** tdlib's `is_word_character` plus '/', '<', '>': a neighbour that stops a command from being one. */
function touchesCommand(char: string | undefined): boolean {
  return char !== undefined && (/[\p{L}\p{N}_]/u.test(char) || char === '/' || char === '<' || char === '>');
}
