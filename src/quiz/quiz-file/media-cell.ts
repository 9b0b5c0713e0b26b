/**
 * A question's media (Bot API 10.0 poll media) as a quiz file writes it, the one owner of the
 * syntax the CSV `media` / `explanation_media` columns and the JSON fields of those names share:
 *
 * - `<source>`: a photo, where the source is a Telegram file_id or an https URL;
 * - `<type>:<source>`: `photo`, `video` or `animation` (any case), e.g. `video:https://example.com/clip.mp4`.
 *
 * An empty cell is no media. A file_id has no colon and a URL starts with its scheme, so the
 * type prefix cannot be mistaken for either.
 */
import { QUESTION_MEDIA_TYPES, type QuestionMedia, type QuestionMediaType } from '../question-check.js';

const TYPED = new RegExp(`^(${QUESTION_MEDIA_TYPES.join('|')}):(.*)$`, 'isu');

/** The media a cell names, or undefined for an empty cell. */
export function readMediaCell(cell: string): QuestionMedia | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const typed = TYPED.exec(text);
  if (typed === null) return { type: 'photo', source: text };
  return { type: (typed[1] as string).toLowerCase() as QuestionMediaType, source: (typed[2] as string).trim() };
}

/** The cell of a media ('' for none): a photo bare unless its source would read as typed, other types with their prefix. */
export function writeMediaCell(media: QuestionMedia | undefined): string {
  if (media === undefined) return '';
  return media.type === 'photo' && !TYPED.test(media.source) ? media.source : `${media.type}:${media.source}`;
}

/**
 * Whether Telegram can take `source` as InputMedia's `media`: an https URL with a host, or what a
 * file_id looks like (base64url, no spaces; Telegram's are 50-100 characters). A source that is
 * neither is a file's `bad_media` problem.
 */
export function isMediaSource(source: string): boolean {
  if (/^https:\/\//iu.test(source)) return URL.canParse(source) && new URL(source).hostname !== '';
  return /^[A-Za-z0-9_-]{20,200}$/u.test(source);
}
