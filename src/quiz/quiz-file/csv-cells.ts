/**
 * Text cells of a CSV file as a spreadsheet must not evaluate them. A cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula by Excel,
 * LibreOffice or Google Sheets (OWASP "CSV injection"). quiz-agent never evaluates a cell: on
 * reading, such a cell is plain text. On writing, it gets a leading apostrophe, which makes a
 * spreadsheet show it as text; on reading, one leading apostrophe before a formula character is
 * dropped again (also the one an author typed to keep a spreadsheet from evaluating a cell).
 * A text that itself starts with apostrophes and a formula character gets one more, so the round
 * trip is exact for every text.
 */

const PROTECTED = /^'*[=+\-@\t\r]/u;
const ESCAPED = /^'+[=+\-@\t\r]/u;

/** A text as a cell holds it: with a leading apostrophe when a spreadsheet would evaluate it. */
export function protectCell(text: string): string {
  return PROTECTED.test(text) ? `'${text}` : text;
}

/** A text cell's text: one leading apostrophe before a formula character dropped. */
export function readTextCell(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}

/**
 * A cell quoted as RFC 4180 needs it: in double quotes, inner quotes doubled, when it holds the
 * separator, a quote, a line break, or spaces at either end (which the reader would drop).
 */
export function quoteCell(cell: string, separator: string): string {
  const needsQuotes = cell.includes(separator) || /["\r\n]/u.test(cell) || /^[ \t]|[ \t]$/u.test(cell);
  return needsQuotes ? `"${cell.replace(/"/gu, '""')}"` : cell;
}

/**
 * The text of a CSV file for spreadsheets: UTF-8 with a byte order mark (without one Excel reads
 * it in the system's legacy code page and garbles non-ASCII names), comma separated, every cell
 * quoted as it needs, CRLF line ends (RFC 4180). Cells are written as given: protect text cells
 * with {@link protectCell} first.
 */
export function csvText(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map((cell) => quoteCell(cell, ',')).join(',') + '\r\n').join('');
}
