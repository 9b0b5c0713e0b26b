/**
 * `GET /file/bot<token>/<file_path>`: the bytes of a file getFile prepared, as api.telegram.org
 * serves them. A wrong token answers 401 and a path getFile never handed out 404, each with
 * the Bot API's JSON error body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notFound, unauthorized, type BotApiError } from './errors.js';
import type { FileStore } from './file-store.js';

export interface FileDownloadOptions {
  token: string;
  files: FileStore;
}

/** Handles file downloads; `matches` tells which paths are its. */
export function createFileDownloadHandler(options: FileDownloadOptions) {
  const prefix = '/file/bot';

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const slash = path.indexOf('/', prefix.length);
    if (slash === -1) return answerError(res, notFound());
    if (path.slice(prefix.length, slash) !== options.token) return answerError(res, unauthorized());
    if (req.method !== 'GET' && req.method !== 'HEAD') return answerError(res, notFound());
    const file = options.files.byPath(decodePath(path.slice(slash + 1)));
    if (!file) return answerError(res, notFound());
    options.files.countDownload();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  }

  return {
    /** True for `/file/bot...` paths. */
    matches: (path: string) => path.startsWith(prefix),
    handle,
  };
}

/** The path as getFile wrote it (a client may percent-encode it); undecodable text stays as it is and matches nothing. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function answerError(res: ServerResponse, error: BotApiError): void {
  const body = JSON.stringify(error.toJSON());
  res.writeHead(error.errorCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
