/**
 * `/sim/...`: a small JSON control API over the virtual world, for driving a simulator from
 * another process (curl, a bot running under `npm run sim`). Everything here is also in-process
 * on the Simulator object. Errors answer `{"error": code, "message": ...}` with 400 (bad input),
 * 404 (unknown path or thing) or 409 (an action Telegram's apps would not allow).
 *
 * | method and path | body / query | answer |
 * | --- | --- | --- |
 * | GET /sim/stats | | every counter |
 * | POST /sim/users | {first_name?, last_name?, username?} | the User |
 * | POST /sim/groups | {title, type?, creator?, admins?, members?, bot_is_admin?} | the chat |
 * | POST /sim/messages | {user_id, chat_id? (their private chat), text, reply_to_message_id?} | the Message |
 * | POST /sim/documents | {user_id, chat_id? (their private chat), file_name, mime_type?, data_base64, caption?, reply_to_message_id?} | the Message |
 * | POST /sim/photos | {user_id, chat_id? (their private chat), data_base64?, caption?, reply_to_message_id?} | the Message |
 * | GET /sim/files/:file_id | | {file_id, file_unique_id, file_name, mime_type, file_size, file_path, data_base64} |
 * | POST /sim/quiz-polls | {user_id, question, options, correct_option_ids, explanation?, open_period?} | the poll |
 * | POST /sim/poll-answers | {user_id, poll_id, option_ids} ([] retracts) | {update_id} |
 * | POST /sim/callbacks | {user_id, chat_id, message_id, data} | {callback_query_id} |
 * | POST /sim/users/:id/block, /unblock | | {ok} |
 * | GET /sim/chats/:id/transcript | ?format=text for a readable one | entries |
 * | GET /sim/polls/:id | | the poll with votes |
 * | GET, POST, DELETE /sim/faults, DELETE /sim/faults/:id | a fault rule (fault-plan.ts) | rules |
 * | GET, PUT /sim/limits | partial FloodLimitSettings | settings |
 * | POST /sim/webhook-faults | {times, mode: 'abort_after_send' or 'refuse'} | {ok} |
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SimulatorActionError } from './action-error.js';
import type { FaultPlan } from './fault-plan.js';
import type { FloodLimits } from './flood-limits.js';
import { isObject } from './json-fields.js';
import { formatTranscript } from './transcript.js';
import type { UpdateHub } from './update-hub.js';
import { wirePoll, wireUser } from './wire.js';
import type { World } from './world.js';
import type { SimChat } from './world-types.js';

export interface ControlApiOptions {
  world: World;
  limits: FloodLimits;
  faults: FaultPlan;
  updates: UpdateHub;
  stats(): unknown;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

export function createControlApiHandler(options: ControlApiOptions) {
  const { world, limits, faults, updates } = options;

  async function route(method: string, parts: string[], body: Body, query: URLSearchParams): Promise<unknown> {
    const [a, b, c] = parts;
    const key = `${method} ${a ?? ''}${b !== undefined ? ' :id' : ''}${c !== undefined ? ` ${c}` : ''}`;
    switch (key) {
      case 'GET stats':
        return options.stats();
      case 'POST users':
        return wireUser(
          world.createUser({
            ...opt('firstName', str(body, 'first_name', false)),
            ...opt('lastName', str(body, 'last_name', false)),
            ...opt('username', str(body, 'username', false)),
          }),
        );
      case 'POST users :id block':
        world.blockBot(int(b, 'user id'));
        return { ok: true };
      case 'POST users :id unblock':
        world.unblockBot(int(b, 'user id'));
        return { ok: true };
      case 'POST groups': {
        const chat = world.createGroup({
          title: str(body, 'title', true),
          ...opt('type', oneOf(body.type, ['group', 'supergroup'] as const, 'type')),
          ...opt('creator', optInt(body.creator, 'creator')),
          ...opt('admins', ints(body.admins, 'admins')),
          ...opt('members', ints(body.members, 'members')),
          botIsAdmin: body.bot_is_admin === true,
        });
        return { id: chat.id, type: chat.type, title: chat.title, members: Object.fromEntries(chat.members), bot_status: chat.botStatus };
      }
      case 'POST messages': {
        const userId = requiredInt(body.user_id, 'user_id');
        const replyTo = optInt(body.reply_to_message_id, 'reply_to_message_id');
        const chatId = optInt(body.chat_id, 'chat_id') ?? userId;
        const message = world.sendText(userId, chatId, str(body, 'text', true), replyTo !== undefined ? { replyToMessageId: replyTo } : {});
        return world.wire(message, world.chat(chatId) as SimChat); // the Message as the bot sees it
      }
      case 'POST documents': {
        const userId = requiredInt(body.user_id, 'user_id');
        const chatId = optInt(body.chat_id, 'chat_id') ?? userId;
        const message = world.sendDocument(userId, chatId, {
          fileName: str(body, 'file_name', true),
          bytes: base64(body, 'data_base64'),
          ...opt('mimeType', str(body, 'mime_type', false)),
          ...opt('caption', str(body, 'caption', false)),
          ...opt('replyToMessageId', optInt(body.reply_to_message_id, 'reply_to_message_id')),
        });
        return world.wire(message, world.chat(chatId) as SimChat); // the Message as the bot sees it
      }
      case 'POST photos': {
        const userId = requiredInt(body.user_id, 'user_id');
        const chatId = optInt(body.chat_id, 'chat_id') ?? userId;
        const message = world.sendPhoto(userId, chatId, {
          ...(body.data_base64 !== undefined ? { bytes: base64(body, 'data_base64') } : {}),
          ...opt('caption', str(body, 'caption', false)),
          ...opt('replyToMessageId', optInt(body.reply_to_message_id, 'reply_to_message_id')),
        });
        return world.wire(message, world.chat(chatId) as SimChat); // the Message as the bot sees it
      }
      case 'GET files :id': {
        // A file_id carries no '/', so it is one path segment; a driver reads back what the bot sent.
        const file = world.file(decodeURIComponent(String(b)));
        if (!file) throw new ControlError(404, 'UNKNOWN_FILE', `no file ${b}`);
        return {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          file_name: file.fileName ?? null,
          mime_type: file.mimeType ?? null,
          file_size: file.size,
          file_path: file.filePath ?? null,
          data_base64: file.bytes.toString('base64'),
        };
      }
      case 'POST quiz-polls': {
        const userId = requiredInt(body.user_id, 'user_id');
        const { poll } = world.sendQuizPoll(userId, {
          question: str(body, 'question', true),
          options: strings(body.options, 'options'),
          correctOptionIds: ints(body.correct_option_ids, 'correct_option_ids') ?? [],
          ...opt('explanation', str(body, 'explanation', false)),
          ...opt('openPeriod', optInt(body.open_period, 'open_period')),
        });
        return wirePoll(poll, true);
      }
      case 'POST poll-answers':
        return {
          update_id:
            world.answerPoll(requiredInt(body.user_id, 'user_id'), str(body, 'poll_id', true), ints(body.option_ids, 'option_ids') ?? []) ??
            null,
        };
      case 'POST callbacks':
        return {
          callback_query_id: world.pressButton(
            requiredInt(body.user_id, 'user_id'),
            requiredInt(body.chat_id, 'chat_id'),
            requiredInt(body.message_id, 'message_id'),
            str(body, 'data', true),
          ),
        };
      case 'GET chats :id transcript': {
        const chat = world.chat(int(b, 'chat id'));
        if (!chat) throw new ControlError(404, 'UNKNOWN_CHAT', `no chat ${b}`);
        return query.get('format') === 'text' ? formatTranscript(chat, world) : chat.transcript;
      }
      case 'GET polls :id': {
        const poll = world.poll(String(b));
        if (!poll) throw new ControlError(404, 'UNKNOWN_POLL', `no poll ${b}`);
        return { ...wirePoll(poll, true), chat_id: poll.chatId, message_id: poll.messageId, votes: Object.fromEntries(poll.votes) };
      }
      case 'GET faults':
        return faults.list();
      case 'POST faults':
        // fault-plan validates every field and throws TypeError/RangeError (answered 400).
        return { id: faults.add(body as unknown as Parameters<FaultPlan['add']>[0]) };
      case 'DELETE faults':
        faults.clear();
        return { ok: true };
      case 'DELETE faults :id':
        if (!faults.remove(String(b))) throw new ControlError(404, 'UNKNOWN_FAULT', `no fault ${b}`);
        return { ok: true };
      case 'GET limits':
        return limits.settings;
      case 'PUT limits':
        limits.configure(body as unknown as Parameters<FloodLimits['configure']>[0]); // validated there
        return limits.settings;
      case 'POST webhook-faults':
        updates.failNextWebhookDeliveries(
          requiredInt(body.times, 'times'),
          oneOf(body.mode, ['abort_after_send', 'refuse'] as const, 'mode') ?? 'abort_after_send',
        );
        return { ok: true };
      default:
        throw new ControlError(404, 'NOT_FOUND', `no control endpoint ${method} /sim/${parts.join('/')}`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    let status = 200;
    let payload: unknown;
    try {
      const body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : {};
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
      payload = await route(req.method ?? 'GET', path.slice('/sim/'.length).split('/').filter(Boolean), body, query);
    } catch (error) {
      if (error instanceof ControlError) [status, payload] = [error.status, { error: error.code, message: error.message }];
      else if (error instanceof SimulatorActionError) [status, payload] = [409, { error: error.code, message: error.message }];
      else if (error instanceof TypeError || error instanceof RangeError)
        [status, payload] = [400, { error: 'BAD_INPUT', message: error.message }];
      else throw error;
    }
    if (typeof payload === 'string') {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(payload);
      return;
    }
    const text = JSON.stringify(payload ?? null);
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  }

  return { matches: (path: string) => path.startsWith('/sim/'), handle };
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ControlError(400, 'BAD_JSON', 'the body must be a JSON object');
  }
  if (!isObject(value)) throw new ControlError(400, 'BAD_JSON', 'the body must be a JSON object');
  return value;
}

const bad = (message: string) => new ControlError(400, 'BAD_INPUT', message);

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function str(body: Body, name: string, required: true): string;
function str(body: Body, name: string, required: false): string | undefined;
function str(body: Body, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw bad(`${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw bad(`${name} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** Bytes sent as standard base64 (Buffer.from would silently skip characters that are not base64). */
function base64(body: Body, name: string): Buffer {
  const text = str(body, name, true).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw bad(`${name} must be base64`);
  return Buffer.from(text, 'base64');
}

function int(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw bad(`${what} must be an integer, got ${JSON.stringify(value)}`);
  return n;
}

function requiredInt(value: unknown, name: string): number {
  const n = optInt(value, name);
  if (n === undefined) throw bad(`${name} is required`);
  return n;
}

function optInt(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw bad(`${name} must be an integer, got ${JSON.stringify(value)}`);
  return value;
}

function ints(value: unknown, name: string): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isSafeInteger(v)))
    throw bad(`${name} must be a list of integers, got ${JSON.stringify(value)}`);
  return value as number[];
}

function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw bad(`${name} must be a list of strings, got ${JSON.stringify(value)}`);
  return value as string[];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw bad(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}
