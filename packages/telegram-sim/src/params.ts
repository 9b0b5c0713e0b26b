/**
 * The parameters of one Bot API call, read the way Telegram's Bot API server (tdlib's
 * telegram-bot-api) reads them. That server receives every parameter as text: a JSON body is
 * flattened to one text per top-level key (strings decoded, numbers and `true`/`false`/`null`
 * kept as their JSON text, nested objects and arrays as their JSON text), and query strings,
 * form bodies and multipart parts are text already. Params does the same at construction, so a
 * value means the same thing whichever way the client sent it, and then parses like tdlib.
 */
import { badRequest } from './errors.js';
import type { ParamsLike } from './params-like.js';
import { UploadedFile } from './request-body.js';

/** Wording tdlib uses when an id it needs is missing (`get_message_id`, `get_user_id`). */
const MISSING_ID_WORDING: Readonly<Record<string, string>> = {
  message_id: 'message identifier is not specified',
  user_id: 'invalid user_id specified',
};

/** What tdlib names a JSON parameter in "can't parse ... JSON object" when not its own name. */
const JSON_WORDING: Readonly<Record<string, string>> = {
  reply_markup: 'reply keyboard markup',
  reply_parameters: 'reply parameters',
  link_preview_options: 'link preview options',
  scope: 'BotCommandScope',
};

/**
 * One call's parameters. Missing and empty are the same to Telegram (`query->arg()` returns an
 * empty slice for both), so every `optional*` reader returns `undefined` for either, except
 * {@link Params.optionalBool}, which tells "absent" from "present but empty" as `has_arg` does.
 *
 * @example
 * const params = new Params({ chat_id: -100123, text: 'hi', disable_notification: true });
 * params.chatId();                           // -100123
 * params.optionalBool('disable_notification'); // true
 */
export class Params implements ParamsLike {
  readonly #args = new Map<string, string>();
  readonly #files = new Map<string, UploadedFile>();

  /** `raw` as parsed from the request: JSON values (any type) or strings; undefined = absent. */
  constructor(raw: Record<string, unknown>) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      // Uploads are not text parameters: tdlib keeps them apart (`query->file(name)`).
      if (value instanceof UploadedFile) this.#files.set(name, value);
      else this.#args.set(name, asText(value));
    }
  }

  /** True when the parameter is present and not empty. */
  has(name: string): boolean {
    return (this.#args.get(name) ?? '') !== '';
  }

  /**
   * An integer that must be given. Missing or empty: 400 with tdlib's wording for ids it knows
   * (`message_id`: "message identifier is not specified"), else `parameter "<name>" is required`.
   * Present text parses as in {@link Params.optionalInt}.
   */
  requiredInt(name: string): number {
    const text = this.#text(name);
    if (text === undefined) throw badRequest(MISSING_ID_WORDING[name] ?? `parameter "${name}" is required`);
    return toInteger(text);
  }

  /**
   * An integer, or undefined when missing or empty. Parsed like tdlib's `td::to_integer`: an
   * optional `-` and the digits that follow; text that does not start with digits is 0 (not an
   * error), and parsing stops at the first non-digit (`"12abc"` is 12). Callers clamp ranges
   * (see `clampInt`), as Telegram's `get_integer_arg` does.
   */
  optionalInt(name: string): number | undefined {
    const text = this.#text(name);
    return text === undefined ? undefined : toInteger(text);
  }

  /** Text that must be given, else 400 `parameter "<name>" is required` (tdlib's `get_required_string_arg`). */
  requiredString(name: string): string {
    const text = this.#text(name);
    if (text === undefined) throw badRequest(`parameter "${name}" is required`);
    return text;
  }

  /** Text, or undefined when missing or empty. */
  optionalString(name: string): string | undefined {
    return this.#text(name);
  }

  /**
   * undefined when the parameter is absent; otherwise tdlib's `to_bool`: true for `true`, `yes`
   * or `1` (any case, surrounding spaces ignored), false for anything else, empty included.
   */
  optionalBool(name: string): boolean | undefined {
    const text = this.#args.get(name);
    if (text === undefined) return undefined;
    const word = text.trim().toLowerCase();
    return word === 'true' || word === 'yes' || word === '1';
  }

  /**
   * The parameter's JSON, or undefined when missing or empty. Text that is not JSON answers 400
   * `can't parse <what> JSON object`, with tdlib's name for the well-known parameters
   * (`reply_markup` is "reply keyboard markup"); `what` overrides it. The shape is the caller's
   * to check: `T` is not verified.
   */
  optionalJson<T>(name: string, what = JSON_WORDING[name] ?? name): T | undefined {
    const text = this.#text(name);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw badRequest(`can't parse ${what} JSON object`);
    }
  }

  /**
   * The chat a call names: a number for a numeric id, the username without its `@` for
   * `@username` (World.chatByUsername takes either form). Empty: 400 "chat_id is empty". Text
   * that is neither parses to 0 in tdlib, which no chat has: 400 "chat not found".
   */
  chatId(name = 'chat_id'): number | string {
    const text = this.#text(name);
    if (text === undefined) throw badRequest(`${name} is empty`);
    if (text.startsWith('@')) {
      if (text.length === 1) throw badRequest('chat not found');
      return text.slice(1);
    }
    const id = toInteger(text);
    if (id === 0) throw badRequest('chat not found');
    return id;
  }

  /** The uploaded file part called `name` (a multipart part with a filename), if any. */
  file(name: string): UploadedFile | undefined {
    return this.#files.get(name);
  }

  /** The text of `name`, with empty treated as absent. */
  #text(name: string): string | undefined {
    const text = this.#args.get(name);
    return text === undefined || text === '' ? undefined : text;
  }
}

/** A request value as the text tdlib would see for it. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  // null stays the JSON text "null", as in tdlib (so `"reply_markup": null` is not "absent" there either).
  return JSON.stringify(value) ?? '';
}

/** tdlib's `td::to_integer`: optional '-', then leading digits; no digits gives 0. */
function toInteger(text: string): number {
  const match = /^-?\d+/.exec(text);
  if (!match) return 0;
  const value = Number(match[0]);
  return Object.is(value, -0) ? 0 : value;
}
