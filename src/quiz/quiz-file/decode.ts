/**
 * Bytes to text, or why a file is not a text quiz-agent reads. Accepted: UTF-8 with or without
 * a byte order mark, and UTF-16 (little or big endian) with its byte order mark, as Windows
 * Notepad's "Unicode" saves it. Refused: files over the size cap, NUL bytes (images, workbooks,
 * archives), bytes that are not UTF-8 (legacy encodings such as Windows-1252; the problem names
 * the line of the first such byte), and files with nothing but spaces.
 */
import { QUIZ_FILE_BYTES_MAX } from './limits.js';
import type { FileProblem } from './quiz-file-problems.js';

export type DecodedFile = { ok: true; text: string } | { ok: false; problem: FileProblem; line: number | null };

/** Decodes a file's bytes into its text, without a byte order mark. */
export function decodeQuizFile(bytes: Uint8Array): DecodedFile {
  if (bytes.length > QUIZ_FILE_BYTES_MAX) return refuse({ kind: 'too_big', bytes: bytes.length, max: QUIZ_FILE_BYTES_MAX });
  const utf16 = utf16Encoding(bytes);
  let text: string;
  if (utf16 !== null) {
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return refuse({ kind: 'not_utf8' });
    }
    if (text.includes('\0')) return refuse({ kind: 'binary' });
  } else {
    if (bytes.includes(0)) return refuse({ kind: 'binary' });
    const bad = firstInvalidUtf8(bytes);
    if (bad !== -1) {
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
      return refuse({ kind: 'not_utf8' }, lineCount(before));
    }
    // The decoder drops a leading byte order mark (ignoreBOM: false).
    text = new TextDecoder('utf-8').decode(bytes);
  }
  if (text.trim() === '') return refuse({ kind: 'empty' });
  return { ok: true, text };
}

/** The physical lines of a text: LF, CRLF and a lone CR each end one, as the text format reads them. */
export function physicalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The number of the line a text ends on (1-based). */
export function lineCount(text: string): number {
  return physicalLines(text).length;
}

function refuse(problem: FileProblem, line: number | null = null): DecodedFile {
  return { ok: false, problem, line };
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode Table
 * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or -1. TextDecoder's fatal
 * mode says only that a file is bad; the author needs to know where.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += length;
  }
  return -1;
}
