/**
 * Media on polls (Bot API 10.0): sendPoll's `media` (the poll description's) and
 * `explanation_media` (a quiz explanation's), sent as grammY sends an InputMedia: a JSON object
 * `{ type, media }` whose `media` is a file_id, an HTTP URL, or `attach://<part>` naming an upload.
 *
 * Checked in two steps, as sendDocument does: {@link checkPollMedia} before the call is admitted
 * (so a refused call stores nothing), {@link storePollMedia} after.
 *
 * What Telegram answers, and where the simulator chose without confirming it:
 * - not an object: 400 "can't parse InputMedia JSON object"; no `type` or `media` string: tdlib's
 *   JsonObject wording ("Can't find field ...", lower-cased first letter as the Bot API prints it).
 * - the simulator models file media only: photo, video, animation, audio, document (the types
 *   InputPollMedia allows). location, venue and live_photo answer 400 "media type is not
 *   supported by the simulator" (Telegram takes them; unsure of nothing else but not modelled),
 *   any other type 400 "unsupported media type specified" (unsure of the exact wording).
 * - an unknown file_id: 400 "wrong file identifier/HTTP URL specified" (sendDocument's answer);
 *   a file_id of another kind (a document's id sent as a photo): 400 "type of file mismatch"
 *   (the Bot API's known answer; whether Telegram converts some pairs, e.g. animation as
 *   document, is not modelled: every mismatch is refused).
 * - an HTTP(S) URL with a host is accepted and becomes a small placeholder file: the simulator
 *   fetches nothing (its traffic stays on this machine), so the URL's content is never checked.
 *   A URL without a host answers "wrong HTTP URL specified" (unsure of the wording).
 *   sendDocument, older, refuses every URL; polls accept them because quiz files name media by URL.
 * - an empty upload: 400 "file must be non-empty"; a missing `attach://` part: 400 "can't find
 *   attached file" (unsure of the wording).
 * - `explanation_media` on a regular poll is dropped, as its explanation is.
 */
import { badRequest } from './errors.js';
import type { FileStore } from './file-store.js';
import { isObject, requiredStringField } from './json-fields.js';
import type { Params } from './params.js';
import type { UploadedFile } from './request-body.js';
import type { FileKind, SimFile, SimPhotoSize, SimPollMedia } from './world-types.js';

/** A checked InputMedia, not yet stored. */
export type PollMediaSource =
  | { kind: FileKind; from: 'upload'; upload: UploadedFile }
  | { kind: FileKind; from: 'file'; file: SimFile }
  | { kind: FileKind; from: 'url'; url: URL };

const FILE_MEDIA: ReadonlySet<string> = new Set<FileKind>(['photo', 'video', 'animation', 'audio', 'document']);
const UNMODELLED_MEDIA: ReadonlySet<string> = new Set(['location', 'venue', 'live_photo']);

/** Telegram's photo sizes (type letters s, m, x): the simulator decodes no image, so every photo gets these three. */
const PHOTO_SIZES: readonly { width: number; height: number }[] = [
  { width: 90, height: 90 },
  { width: 320, height: 320 },
  { width: 800, height: 800 },
];

/** The InputMedia in parameter `field`, checked (see the module's notes); undefined when absent. */
export function checkPollMedia(params: Params, field: string, files: FileStore): PollMediaSource | undefined {
  const value = params.optionalJson<unknown>(field, 'InputMedia');
  if (value === undefined) return undefined;
  if (!isObject(value)) throw badRequest("can't parse InputMedia JSON object");
  const fail = (what: string) => badRequest(what.charAt(0).toLowerCase() + what.slice(1));
  const type = requiredStringField(value, 'type', fail);
  if (UNMODELLED_MEDIA.has(type)) throw badRequest('media type is not supported by the simulator');
  if (!FILE_MEDIA.has(type)) throw badRequest('unsupported media type specified');
  const kind = type as FileKind;
  const reference = requiredStringField(value, 'media', fail).trim();
  if (reference.startsWith('attach://')) {
    const upload = params.file(reference.slice('attach://'.length));
    if (!upload) throw badRequest("can't find attached file");
    if (upload.size === 0) throw badRequest('file must be non-empty');
    return { kind, from: 'upload', upload };
  }
  if (/^https?:\/\//i.test(reference)) {
    const url = URL.canParse(reference) ? new URL(reference) : undefined;
    if (!url || url.hostname === '') throw badRequest('wrong HTTP URL specified');
    return { kind, from: 'url', url };
  }
  const file = files.byFileId(reference);
  if (!file) throw badRequest('wrong file identifier/HTTP URL specified');
  if ((file.kind ?? 'document') !== kind) throw badRequest('type of file mismatch');
  return { kind, from: 'file', file };
}

/** Stores a checked media: an upload or a URL's placeholder becomes a new file; every use gets new file_ids. */
export function storePollMedia(source: PollMediaSource, files: FileStore): SimPollMedia {
  const { kind } = source;
  const file =
    source.from === 'file'
      ? source.file
      : source.from === 'upload'
        ? files.add({ bytes: source.upload.bytes, fileName: source.upload.filename, kind })
        : files.add({ bytes: Buffer.from(`placeholder for ${source.url.href}`), fileName: lastSegment(source.url), kind });
  return kind === 'photo' ? photoMedia(file, files) : { kind, fileId: files.issueFileId(file), file };
}

/** A photo as poll media: its sizes, the largest naming the media (`file` is that largest size). */
export function photoMedia(file: SimFile, files: FileStore): SimPollMedia {
  const sizes = photoSizes(file, files);
  const largest = sizes.at(-1) as SimPhotoSize;
  return { kind: 'photo', fileId: largest.fileId, file: largest.file, sizes };
}

/**
 * The sizes of a photo whose largest is `file`: smaller ones are files of their own (as Telegram
 * stores each size apart) holding the same bytes, since the simulator scales no image.
 */
export function photoSizes(file: SimFile, files: FileStore): SimPhotoSize[] {
  return PHOTO_SIZES.map((size, index) => {
    const sized = index === PHOTO_SIZES.length - 1 ? file : files.add({ bytes: file.bytes, kind: 'photo' });
    return { fileId: files.issueFileId(sized), file: sized, ...size };
  });
}

function lastSegment(url: URL): string | undefined {
  const segment = url.pathname.split('/').at(-1);
  if (segment === undefined || segment === '') return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape: the name as written
  }
}
