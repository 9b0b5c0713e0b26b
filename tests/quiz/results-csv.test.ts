/**
 * The results file of a run: header and column order, RFC 4180 quoting (read back with the
 * quiz-file CSV reader), formula-looking names and options kept as text, several chosen options,
 * unanswered and retracted questions, the byte order mark and CRLF line ends.
 */
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/quiz/quiz-file/csv-records.js';
import { readTextCell } from '../../src/quiz/quiz-file/csv-cells.js';
import { playerLabel, writeResultsCsv, type ResultsCsvAnswer, type ResultsCsvPlayer } from '../../src/quiz/results-csv.js';

const QUESTIONS = [{ options: ['Paris', 'Rome', 'Berlin'] }, { options: ['2', '3', '5', '9'] }];

function player(overrides: Partial<ResultsCsvPlayer> & { answers?: ReadonlyMap<number, ResultsCsvAnswer> }): ResultsCsvPlayer {
  return {
    rank: 1,
    userId: 1001,
    firstName: 'Ann',
    username: null,
    correct: 1,
    answered: 1,
    totalCorrectMs: 1500,
    points: 110,
    answers: new Map(),
    ...overrides,
  };
}

/** The file's records as a spreadsheet reads them, the byte order mark checked and dropped. */
function records(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const read = readCsvRecords(csv.slice(1), ',');
  if (!read.ok) throw new Error(`unreadable CSV: ${JSON.stringify(read)}`);
  expect(csv.endsWith('\r\n')).toBe(true);
  return read.records.map((r) => r.cells);
}

describe('writeResultsCsv', () => {
  it('writes the header and one row per player in the given order, with CRLF line ends', () => {
    const csv = writeResultsCsv({
      questions: QUESTIONS,
      players: [
        player({
          rank: 1,
          userId: 7,
          firstName: 'Ann',
          username: 'ann',
          correct: 2,
          answered: 2,
          totalCorrectMs: 3_456,
          points: 110,
          answers: new Map([
            [0, { optionIds: [0], isCorrect: true }],
            [1, { optionIds: [2], isCorrect: true }],
          ]),
        }),
        player({
          rank: null,
          userId: 8,
          firstName: 'Ben',
          correct: 0,
          answered: 1,
          totalCorrectMs: 0,
          points: 0,
          answers: new Map([[0, { optionIds: [1], isCorrect: false }]]),
        }),
      ],
    });
    expect(csv).toBe(
      '\uFEFFrank,player,user_id,correct,answered,time_s,points,q1,q1_correct,q2,q2_correct\r\n' +
        '1,Ann (@ann),7,2,2,3.456,110,Paris,yes,5,yes\r\n' +
        ',Ben,8,0,1,0.000,0,Rome,no,,\r\n',
    );
  });

  it('quotes separators, quotes and line breaks (RFC 4180) and reads back exactly', () => {
    const questions = [{ options: ['a, b', 'say "hi"', 'two\nlines', ' padded '] }];
    const answers = (id: number) => new Map([[0, { optionIds: [id], isCorrect: id === 0 }]]);
    const csv = writeResultsCsv({
      questions,
      players: [
        player({ userId: 1, firstName: 'Smith, John', answers: answers(0) }),
        player({ userId: 2, firstName: 'The "Boss"', answers: answers(1) }),
        player({ userId: 3, firstName: 'Two\r\nLines', answers: answers(2) }),
        player({ userId: 4, firstName: 'Pad', answers: answers(3) }),
      ],
    });
    expect(csv).toContain('"Smith, John",1,');
    expect(csv).toContain('"The ""Boss""",2,');
    expect(csv).toContain('"say ""hi"""');
    const rows = records(csv).slice(1);
    expect(rows.map((row) => [row[1], row[7]])).toEqual([
      ['Smith, John', 'a, b'],
      ['The "Boss"', 'say "hi"'],
      ['Two\r\nLines', 'two\nlines'],
      ['Pad', ' padded '],
    ]);
  });

  it('keeps names and options that look like formulas as text (csv-cells.ts protection)', () => {
    const questions = [{ options: ['=1+1', '+33 1', '-5', '@SUM(A1)', 'plain'] }];
    const csv = writeResultsCsv({
      questions,
      players: [
        player({ userId: 1, firstName: '=HYPERLINK("http://x","y")', answers: new Map([[0, { optionIds: [0], isCorrect: true }]]) }),
        player({ userId: 2, firstName: '+Plus', answers: new Map([[0, { optionIds: [1], isCorrect: false }]]) }),
        player({ userId: 3, firstName: '-Minus', answers: new Map([[0, { optionIds: [2], isCorrect: false }]]) }),
        player({ userId: 4, firstName: '@At', answers: new Map([[0, { optionIds: [3], isCorrect: false }]]) }),
      ],
    });
    const rows = records(csv).slice(1);
    for (const row of rows) {
      // No cell starts like a formula as a spreadsheet reads it.
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    }
    expect(rows.map((row) => [row[1], row[7]])).toEqual([
      [`'=HYPERLINK("http://x","y")`, "'=1+1"],
      ["'+Plus", "'+33 1"],
      ["'-Minus", "'-5"],
      ["'@At", "'@SUM(A1)"],
    ]);
    // The apostrophe is the only change: the quiz-file reader gives each text back.
    expect(rows.map((row) => readTextCell(row[1]!))).toEqual(['=HYPERLINK("http://x","y")', '+Plus', '-Minus', '@At']);
  });

  it('joins several chosen options with " | " in the order of the question', () => {
    const csv = writeResultsCsv({
      questions: [{ options: ['Tokyo', 'Kyoto', 'Osaka'] }],
      players: [player({ answers: new Map([[0, { optionIds: [0, 2], isCorrect: false }]]) })],
    });
    expect(records(csv)[1]!.slice(7)).toEqual(['Tokyo | Osaka', 'no']);
  });

  it('leaves both cells of an unanswered or retracted question empty', () => {
    const csv = writeResultsCsv({
      questions: QUESTIONS,
      players: [player({ answers: new Map([[1, { optionIds: [], isCorrect: false }]]) })],
    });
    expect(records(csv)[1]!.slice(7)).toEqual(['', '', '', '']);
  });

  it('writes only the header when nobody played, with two columns per question', () => {
    expect(records(writeResultsCsv({ questions: QUESTIONS, players: [] }))).toEqual([
      ['rank', 'player', 'user_id', 'correct', 'answered', 'time_s', 'points', 'q1', 'q1_correct', 'q2', 'q2_correct'],
    ]);
  });

  it('names a player by first name and @username, either alone when the other is missing', () => {
    expect(playerLabel({ firstName: 'Ann', username: 'ann' })).toBe('Ann (@ann)');
    expect(playerLabel({ firstName: 'Ann', username: null })).toBe('Ann');
    expect(playerLabel({ firstName: ' ', username: 'ann' })).toBe('@ann');
  });
});
