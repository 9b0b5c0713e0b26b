/**
 * getFile and sendDocument: documents in both directions. The file route that serves what
 * getFile prepares is src/file-download.ts; the files live in the world's FileStore.
 */
import { badRequest } from '../errors.js';
import { mimeTypeOf } from '../file-store.js';
import {
  admitMessage,
  isInlineKeyboard,
  replyTarget,
  requireCanPost,
  resolveChat,
  type MethodContext,
  type MethodHandler,
} from '../method-context.js';
import type { Params } from '../params.js';
import { UploadedFile } from '../request-body.js';
import { LIMITS } from '../telegram-limits.js';
import { parseCaption, parseReplyMarkup } from '../validation.js';
import { wireFile } from '../wire.js';
import type { SimFile } from '../world-types.js';

/**
 * getFile: the File for a file_id the bot received or sent, with the `file_path` to download it
 * from `<apiRoot>/file/bot<token>/<file_path>`. tdlib's answers: no file_id, 400 "file_id not
 * specified"; one the simulator never issued, 400 "invalid file_id"; a file over 20 MiB, 400
 * "file is too big" (bots download up to 20 MB). The path stays valid while the simulator runs
 * (Telegram promises at least an hour).
 */
export const getFile: MethodHandler = (params, ctx) => {
  const fileId = params.optionalString('file_id');
  if (fileId === undefined) throw badRequest('file_id not specified');
  const file = ctx.world.files.byFileId(fileId);
  if (!file) throw badRequest('invalid file_id');
  if (file.bytes.length > LIMITS.downloadFileBytes) throw badRequest('file is too big');
  return wireFile(fileId, file, ctx.world.files.pathOf(file));
};

/**
 * sendDocument with an upload (a multipart part, named `document` or referred to as
 * `attach://<name>`, as grammY's InputFile sends it) or the file_id of a file the bot knows (a
 * re-send: the same file, a new file_id). The message gets `document` and the caption (0-1024
 * visible characters after parse_mode), and counts against the flood limits like any message.
 *
 * Telegram's answers: no document, 400 "there is no document in the request"; an unknown
 * file_id, 400 "wrong file identifier/HTTP URL specified"; an empty upload, 400 "file must be
 * non-empty"; a caption too long, 400 "message caption is too long"; a body over 50 MiB, 413
 * (request-body.ts). An HTTP URL answers 400 "failed to get HTTP URL content": the simulator
 * fetches nothing (its traffic stays on this machine).
 */
export const sendDocument: MethodHandler = (params, ctx) => {
  const source = documentSource(params);
  const caption = parseCaption(params);
  const chat = resolveChat(params, ctx);
  const replyMarkup = parseReplyMarkup(params);
  const replyTo = replyTarget(chat, params);
  const document = checkedDocument(source, ctx);
  requireCanPost(chat, ctx);
  admitMessage(chat, params, ctx);
  // An upload is stored only now, so a refused call keeps no bytes.
  const file = document instanceof UploadedFile ? storeUpload(document, ctx) : document;
  const message = ctx.world.storeBotMessage(chat, {
    document: { fileId: ctx.world.files.issueFileId(file), file },
    ...(caption !== undefined ? { caption } : {}),
    ...(isInlineKeyboard(replyMarkup) ? { replyMarkup } : {}),
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
  });
  return ctx.world.wire(message, chat);
};

type DocumentSource = { kind: 'upload'; upload: UploadedFile } | { kind: 'reference'; reference: string };

/** What `document` names, read as tdlib's get_input_file reads it: a part of that name, `attach://<part>`, else a file_id or URL. */
function documentSource(params: Params): DocumentSource {
  const direct = params.file('document');
  if (direct) return { kind: 'upload', upload: direct };
  const reference = params.optionalString('document')?.trim();
  if (reference?.startsWith('attach://')) {
    const attached = params.file(reference.slice('attach://'.length));
    if (attached) return { kind: 'upload', upload: attached };
  } else if (reference) {
    return { kind: 'reference', reference };
  }
  throw badRequest('there is no document in the request');
}

/** An upload that is not empty, or the known file a file_id names; URLs and unknown ids are refused (see sendDocument). */
function checkedDocument(source: DocumentSource, ctx: MethodContext): UploadedFile | SimFile {
  if (source.kind === 'upload') {
    if (source.upload.size === 0) throw badRequest('file must be non-empty');
    return source.upload;
  }
  if (/^https?:\/\//i.test(source.reference)) throw badRequest('failed to get HTTP URL content');
  const file = ctx.world.files.byFileId(source.reference);
  if (!file) throw badRequest('wrong file identifier/HTTP URL specified');
  return file;
}

/** Keeps an upload; Telegram names it after the part's filename and types it by its extension. */
function storeUpload(upload: UploadedFile, ctx: MethodContext): SimFile {
  return ctx.world.files.add({ bytes: upload.bytes, fileName: upload.filename, mimeType: mimeTypeOf(upload.filename) });
}
