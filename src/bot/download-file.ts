/**
 * Downloading a file a user sent: getFile through the queue, then the file from Telegram's file
 * URL (`<api root>/file/bot<token>/<file_path>`). The URL holds the token: it is never logged.
 * Bounded in size (the caller's cap, checked while reading) and in time.
 */
import type { Api } from 'grammy';

/** How long a download may take before it is given up. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-big'; bytes: number } | { ok: false; reason: 'failed' };

export async function downloadFile(api: Api, fileId: string, maxBytes: number): Promise<Download> {
  const file = await api.getFile(fileId);
  if (file.file_size !== undefined && file.file_size > maxBytes) return { ok: false, reason: 'too-big', bytes: file.file_size };
  if (!file.file_path) return { ok: false, reason: 'failed' };
  const root = api.options?.apiRoot ?? 'https://api.telegram.org';
  let response: Response;
  try {
    response = await fetch(`${root}/file/bot${api.token}/${file.file_path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch {
    return { ok: false, reason: 'failed' };
  }
  if (!response.ok || !response.body) return { ok: false, reason: 'failed' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-big', bytes: size };
      }
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, reason: 'failed' };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
