/**
 * What can be wrong with a quiz file, as data: where (line, question, option) and what. The
 * problems of a question reuse the text format's kinds (../quiz-problems.ts); the file adds its
 * own (size, encoding, format, columns, JSON types). The bot's texts say them in words
 * (src/bot/texts/quiz-file-problems.ts).
 */
import type { OpenPeriodProblem, QuestionProblem } from '../quiz-problems.js';
import type { TitleProblem } from '../quiz-title.js';

/** What a JSON field should have held. */
export type JsonExpected = 'object' | 'list' | 'text' | 'list of texts' | 'list of numbers' | 'whole number';

/** A problem of the file as a whole, or of one of its lines, that no question check knows. */
export type FileProblem =
  | { kind: 'too_big'; bytes: number; max: number }
  | { kind: 'empty' }
  /** NUL bytes: an image, a spreadsheet workbook, an archive. */
  | { kind: 'binary' }
  /** Bytes that are not UTF-8 (a legacy encoding such as Windows-1252); the line of the first. */
  | { kind: 'not_utf8' }
  /** The extension is none of csv, json, txt ('' when the name has none). */
  | { kind: 'unknown_format'; extension: string }
  | { kind: 'too_many_questions'; count: number; max: number }
  | { kind: 'no_questions' }
  /** A setting (a title, a default time) given twice. */
  | { kind: 'setting_twice'; name: string }
  | { kind: 'title'; problem: TitleProblem }
  /** The quiz's default time per question is outside the range a run allows. */
  | { kind: 'default_open_period_out_of_range'; seconds: number }
  /** A question's block of a text file with more lines than any question can have. */
  | { kind: 'block_too_long'; lines: number; max: number }
  /** A `time:` line of a text file that is not a time. */
  | { kind: 'open_period'; problem: OpenPeriodProblem }
  /** A cell that must hold whole numbers (`correct`, `open_period_s`) holds something else. */
  | { kind: 'not_a_number'; column: string; text: string }
  /** A media cell or field whose source is neither an https URL nor a Telegram file_id (media-cell.ts). */
  | { kind: 'bad_media'; column: string; text: string }
  | { kind: 'csv_no_header' }
  | { kind: 'csv_missing_column'; column: string }
  | { kind: 'csv_unknown_column'; column: string }
  | { kind: 'csv_duplicate_column'; column: string }
  /** A line before the header that is not `title,...` or `open_period_s,...`. */
  | { kind: 'csv_unknown_setting'; name: string }
  | { kind: 'csv_extra_cells'; count: number; columns: number }
  | { kind: 'csv_unclosed_quote' }
  | { kind: 'csv_text_after_quote' }
  /** Not JSON; `found` is the unexpected character, null when the text ended too early. */
  | { kind: 'bad_json'; found: string | null }
  | { kind: 'json_wrong_type'; field: string; expected: JsonExpected }
  | { kind: 'json_missing_field'; field: string }
  | { kind: 'json_unknown_field'; field: string };

/**
 * One problem and where it is: `line` is the file's physical line (1-based) where the question's
 * row or block starts, or the offending line itself; `question` the question's number (1-based,
 * as an author counts; null for the whole file); `option` the option's number where known.
 */
export interface QuizFileProblem {
  line: number | null;
  question: number | null;
  option?: number;
  problem: QuestionProblem | FileProblem;
}
