/**
 * Reads the parameters of a Bot API request: the query string and the body (JSON,
 * form-urlencoded or multipart/form-data), combined the way tdlib's telegram-bot-api does. Every
 * failure is a BotApiError, so the HTTP layer can answer it like Telegram.
 */
import type { IncomingMessage } from 'node:http';
import { BotApiError } from './errors.js';
import { isObject } from './json-fields.js';
import { LIMITS } from './telegram-limits.js';

/** A file part of a multipart body: what sendDocument uploads. */
export class UploadedFile {
  constructor(
    /** The part's `filename` (grammY sends `<field>.<ext>` or the InputFile's name). */
    readonly filename: string,
    /** The part's Content-Type, `application/octet-stream` when it has none. */
    readonly contentType: string,
    /** The part's bytes. */
    readonly bytes: Buffer,
  ) {}

  /** Size in bytes. */
  get size(): number {
    return this.bytes.length;
  }
}

export interface ReadRequestOptions {
  /** Largest body accepted, in bytes; a larger one answers 413. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
}

/** Telegram's: a body (an upload with its parameters) up to 50 MiB; a larger one answers 413. */
const DEFAULT_MAX_BODY_BYTES = LIMITS.uploadBodyBytes;

/** Longest multipart boundary tdlib accepts (RFC 2046 allows 70 characters). */
const MAX_BOUNDARY_LENGTH = 70;

/**
 * The request's parameters: query string pairs first, then the body's. When a name occurs more
 * than once the first occurrence wins, which makes the query string win over the body: tdlib
 * keeps the pairs in that order and `Query::arg` returns the first match.
 *
 * - `application/json`: a top-level object; its values keep their JSON types (Params turns them
 *   into text as tdlib does). A body that is not a JSON object adds nothing: tdlib logs the parse
 *   error and carries on, so the call then fails on whatever parameter it misses (tdlib keeps the
 *   pairs it read before the error; this drops them all, which grammY can never tell apart).
 * - `application/x-www-form-urlencoded` and multipart text parts: strings.
 * - multipart parts with a `filename`: an {@link UploadedFile}.
 * - any other body is ignored, as Telegram ignores it.
 *
 * @throws BotApiError 413 "Request Entity Too Large" past `maxBodyBytes`; 400 for a multipart
 *   body Telegram would refuse (no boundary, a part without a name, ...).
 */
export async function readRequestParams(req: IncomingMessage, options: ReadRequestOptions = {}): Promise<Record<string, unknown>> {
  const pairs = new Map<string, unknown>();
  const add = (name: string, value: unknown): void => {
    if (!pairs.has(name)) pairs.set(name, value);
  };
  for (const [name, value] of new URL(req.url ?? '/', 'http://localhost').searchParams) add(name, value);

  const body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.toLowerCase();
  if (body.length === 0) {
    // Nothing to read.
  } else if (type.includes('multipart/form-data')) {
    readMultipart(body, boundaryOf(contentType), add);
  } else if (type.includes('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) add(name, value);
  } else if (type.includes('application/json')) {
    for (const [name, value] of Object.entries(jsonObject(body))) add(name, value);
  }
  // Object.fromEntries defines own properties, so a "__proto__" parameter stays a parameter.
  return Object.fromEntries(pairs);
}

/** The whole body; past the limit it keeps draining (so the client can read the 413) but stores nothing. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    }
  } catch {
    throw new BotApiError(400, 'Bad Request: the request body was cut off');
  }
  if (size > maxBytes) throw new BotApiError(413, 'Request Entity Too Large');
  return Buffer.concat(chunks, size);
}

/** The body's top-level JSON object, or {} when it is not one (see readRequestParams). */
function jsonObject(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** The boundary parameter of a multipart Content-Type, with tdlib's answers when it is unusable. */
function boundaryOf(contentType: string): string {
  const at = contentType.toLowerCase().indexOf('boundary');
  if (at === -1) throw new BotApiError(400, 'Bad Request: boundary not found');
  const equals = contentType.indexOf('=', at + 'boundary'.length);
  if (equals === -1) throw new BotApiError(400, 'Bad Request: boundary value not found');
  const semicolon = contentType.indexOf(';', equals + 1);
  let boundary = contentType.slice(equals + 1, semicolon === -1 ? undefined : semicolon);
  if (boundary.length > 1 && boundary.startsWith('"') && boundary.endsWith('"')) boundary = boundary.slice(1, -1);
  if (boundary.length === 0 || boundary.length > MAX_BOUNDARY_LENGTH) throw new BotApiError(400, 'Bad Request: boundary too big or empty');
  return boundary;
}

/**
 * Parts between `--boundary` lines. Accepts what tdlib accepts, including grammY's compact
 * headers (`content-disposition:form-data;name="x"`, an unquoted `filename=`).
 */
function readMultipart(body: Buffer, boundary: string, add: (name: string, value: unknown) => void): void {
  const first = body.indexOf(`--${boundary}`);
  if (first === -1) return; // no part at all
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pos = first + delimiter.length - 2;
  while (!(body[pos] === 0x2d && body[pos + 1] === 0x2d)) {
    const headersEnd = body.indexOf('\r\n\r\n', pos);
    if (headersEnd === -1) throw new BotApiError(400, 'Bad Request: multipart/form-data ends inside a part');
    if (headersEnd === pos) throw new BotApiError(400, 'Bad Request: headers in multipart/form-data are empty');
    const part = partHeaders(body.subarray(pos, headersEnd).toString('utf8'));
    const valueStart = headersEnd + 4;
    const valueEnd = body.indexOf(delimiter, valueStart);
    if (valueEnd === -1) throw new BotApiError(400, 'Bad Request: multipart/form-data ends inside a part');
    const value = body.subarray(valueStart, valueEnd);
    if (part.filename !== undefined) {
      add(part.name, new UploadedFile(part.filename, part.contentType, value));
    } else if (part.contentType.startsWith('application/x-www-form-urlencoded')) {
      for (const [name, text] of new URLSearchParams(value.toString('utf8'))) add(name, text);
    } else {
      add(part.name, value.toString('utf8'));
    }
    pos = valueEnd + delimiter.length;
  }
}

interface PartHeaders {
  name: string;
  filename: string | undefined;
  contentType: string;
}

/** A part's Content-Disposition name/filename and Content-Type, read as tdlib's HttpReader does. */
function partHeaders(text: string): PartHeaders {
  const part: PartHeaders = { name: '', filename: undefined, contentType: 'application/octet-stream' };
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-type') part.contentType = value;
    if (name !== 'content-disposition') continue;
    if (!value.startsWith('form-data;')) throw new BotApiError(400, 'Bad Request: expected form-data content disposition');
    for (const piece of value.slice('form-data;'.length).split(';')) {
      const equals = piece.indexOf('=');
      if (equals === -1) break;
      const key = piece.slice(0, equals).trim();
      const raw = piece.slice(equals + 1).trim();
      const unquoted = raw.length > 1 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
      if (key === 'name') part.name = unquoted;
      else if (key === 'filename') part.filename = unquoted;
    }
  }
  if (part.name === '') throw new BotApiError(400, 'Bad Request: field name in multipart/form-data not found');
  return part;
}
