/**
 * A finished run's results as CSV, for the chat's admins: one row per player (best first, as
 * ranked when the run was credited), then each question's chosen options and whether they were
 * right. Written as quiz files are (csv-cells.ts csvText): RFC 4180 quoting, CRLF line ends,
 * comma separated, and text cells a spreadsheet would evaluate as formulas protected
 * by csv-cells.ts (player names and option texts come from users: a name like `=HYPERLINK(...)`
 * must stay text).
 *
 * UTF-8 with a byte order mark: Excel opens a CSV without one in the system's legacy code page,
 * which garbles every non-ASCII name and option (Cyrillic, accents, emoji); LibreOffice, Google
 * Sheets, Numbers and Python's `utf-8-sig` all read the mark and drop it.
 */
import { csvText, protectCell } from './quiz-file/csv-cells.js';

/** Joins the texts of several options one player chose for one question. */
export const OPTION_JOINER = ' | ';

/** The columns before the per-question ones, in order. */
export const RESULTS_CSV_COLUMNS = ['rank', 'player', 'user_id', 'correct', 'answered', 'time_s', 'points'] as const;

/** The column of question `n` (1-based): the chosen options' texts. */
export function questionColumn(n: number): string {
  return `q${n}`;
}

/** The column that says whether the answer to question `n` (1-based) was right. */
export function questionCorrectColumn(n: number): string {
  return `q${n}_correct`;
}

/** A question of the run as the sheet needs it: its options, in the quiz's own order. */
export interface ResultsCsvQuestion {
  options: readonly string[];
}

/** One player's answer to one question; option ids index the question's options (quiz order). */
export interface ResultsCsvAnswer {
  optionIds: readonly number[];
  isCorrect: boolean;
}

/** One player's row. */
export interface ResultsCsvPlayer {
  /** Null for a player with no correct answer (no place). */
  rank: number | null;
  userId: number;
  firstName: string;
  username: string | null;
  correct: number;
  answered: number;
  /** Sum of the time taken by the player's correct answers: what the results message shows and ranks by. */
  totalCorrectMs: number;
  /** Points credited for the run. */
  points: number;
  /** The player's answers by question index (0-based, the run's order); missing: not answered. */
  answers: ReadonlyMap<number, ResultsCsvAnswer>;
}

/** What {@link writeResultsCsv} writes: the run's questions in the order asked, and its players best first. */
export interface ResultsCsvSheet {
  questions: readonly ResultsCsvQuestion[];
  players: readonly ResultsCsvPlayer[];
}

/**
 * The CSV text of a run's results: a header row, then one row per player in the given order.
 * An unanswered question (or a vote taken back) leaves both of its cells empty.
 *
 * @example
 * const csv = writeResultsCsv({ questions: [{ options: ['Paris', 'Rome'] }], players });
 * // "\uFEFFrank,player,user_id,correct,answered,time_s,points,q1,q1_correct\r\n1,Ann (@ann),..."
 */
export function writeResultsCsv(sheet: ResultsCsvSheet): string {
  const header: string[] = [...RESULTS_CSV_COLUMNS];
  sheet.questions.forEach((_, i) => header.push(questionColumn(i + 1), questionCorrectColumn(i + 1)));
  const rows = [header, ...sheet.players.map((player) => playerRow(player, sheet.questions))];
  return csvText(rows);
}

/** How a player is named in the file: the first name, with the @username when there is one. */
export function playerLabel(player: { firstName: string; username: string | null }): string {
  const username = player.username ? `@${player.username}` : '';
  if (player.firstName.trim() === '') return username;
  return username === '' ? player.firstName : `${player.firstName} (${username})`;
}

function playerRow(player: ResultsCsvPlayer, questions: readonly ResultsCsvQuestion[]): string[] {
  const row = [
    player.rank === null ? '' : String(player.rank),
    protectCell(playerLabel(player)),
    String(player.userId),
    String(player.correct),
    String(player.answered),
    // Milliseconds as seconds, exactly: the results message rounds to a tenth, ties are broken finer.
    (player.totalCorrectMs / 1000).toFixed(3),
    String(player.points),
  ];
  questions.forEach((question, i) => {
    const answer = player.answers.get(i);
    if (!answer || answer.optionIds.length === 0) {
      row.push('', '');
      return;
    }
    const chosen = answer.optionIds.map((id) => question.options[id] ?? `option ${id + 1}`).join(OPTION_JOINER);
    row.push(protectCell(chosen), answer.isCorrect ? 'yes' : 'no');
  });
  return row;
}
