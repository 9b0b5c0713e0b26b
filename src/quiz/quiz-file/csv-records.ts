/**
 * Splits a CSV text into records of cells (RFC 4180): a separator between cells, a line break
 * between records, a cell in double quotes may hold separators, line breaks and doubled quotes.
 * Lenient where spreadsheets and hand-written files differ and nothing is ambiguous: spaces and
 * tabs around a cell are dropped unless they are inside quotes, LF, CRLF and a lone CR all end a
 * record, and the last record needs no line break.
 */
import type { FileProblem } from './quiz-file-problems.js';

export type CsvSeparator = ',' | ';';

/** One record and the physical line (1-based) where it starts. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export type CsvRecords = { ok: true; records: CsvRecord[] } | { ok: false; problem: FileProblem; line: number };

/**
 * The separator of a CSV file, read from its first line: whichever of comma and semicolon comes
 * first. The first cell is always a name (a setting or a column), which holds neither. (A first
 * line `sep=;`, Excel's hint, is read by the caller.)
 */
export function detectSeparator(text: string): CsvSeparator {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  const comma = firstLine.indexOf(',');
  const semicolon = firstLine.indexOf(';');
  if (semicolon !== -1 && (comma === -1 || semicolon < comma)) return ';';
  return ',';
}

/** The records of `text`; an unclosed quote or text after a closing quote is a problem of its line. */
export function readCsvRecords(text: string, separator: CsvSeparator): CsvRecords {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  let cells: string[] = [];
  let recordLine = 1;
  while (i <= text.length) {
    // One cell, starting at i.
    while (text[i] === ' ' || text[i] === '\t') i++;
    let cell: string;
    if (text[i] === '"') {
      const quoteLine = line;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, problem: { kind: 'csv_unclosed_quote' }, line: quoteLine };
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        value += c;
        i++;
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r')
        return { ok: false, problem: { kind: 'csv_text_after_quote' }, line };
      cell = value;
    } else {
      const start = i;
      while (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') i++;
      cell = text.slice(start, i).replace(/[ \t]+$/u, '');
    }
    cells.push(cell);
    if (text[i] === separator) {
      i++;
      continue;
    }
    // A line break or the end of the text ends the record.
    records.push({ line: recordLine, cells });
    if (i >= text.length) break;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    recordLine = line;
    cells = [];
    if (i === text.length) break;
  }
  return { ok: true, records };
}
