/**
 * Reads a quiz from a file a user sent: CSV, JSON or the quiz text format (.txt), chosen by the
 * file's extension. The whole file is checked (encoding, format, and every question against
 * Telegram's poll limits) and every problem is reported with its line; a file with any problem
 * gives no question at all, so nothing is ever half imported. Limits: limits.ts; encodings:
 * decode.ts; columns and fields: csv-columns.ts, json-schema.ts, txt-settings.ts.
 */
import { decodeQuizFile } from './decode.js';
import { quizFileFormatNamed, type QuizFileFormat } from './limits.js';
import { parseQuizCsv } from './parse-csv.js';
import { parseQuizJson } from './parse-json.js';
import { parseQuizTxt } from './parse-txt.js';
import type { ParsedQuizFile } from './quiz-file-content.js';

/** What reading a file gives, with the format it was read as (null: not known). */
export type QuizFileRead = ParsedQuizFile & { format: QuizFileFormat | null };

const READERS: Record<QuizFileFormat, (text: string) => ParsedQuizFile> = {
  csv: parseQuizCsv,
  json: parseQuizJson,
  txt: parseQuizTxt,
};

/**
 * Reads quiz file `fileName` (only its extension matters, case-insensitive).
 *
 * @example parseQuizFile(new TextEncoder().encode('question,option1,option2,correct\nCapital of Japan?,Tokyo,Kyoto,1\n'), 'capitals.csv')
 * // { ok: true, format: 'csv', quiz: { questions: [{ text: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], correctOptionIds: [0] }] } }
 */
export function parseQuizFile(bytes: Uint8Array, fileName: string): QuizFileRead {
  const extension = /\.([^./\\]+)$/u.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const format = quizFileFormatNamed(extension);
  if (format === null)
    return { ok: false, format, problems: [{ line: null, question: null, problem: { kind: 'unknown_format', extension } }] };
  const decoded = decodeQuizFile(bytes);
  if (!decoded.ok) return { ok: false, format, problems: [{ line: decoded.line, question: null, problem: decoded.problem }] };
  return { ...READERS[format](decoded.text), format };
}
