import { describe, expect, it } from 'vitest';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';
import { writeQuizFile } from '../../src/quiz/quiz-file/write-quiz-file.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (text: string) => parseQuizFile(utf8(text), 'quiz.csv');
const problemsOf = (text: string) => {
  const read = csv(text);
  return read.ok ? [] : read.problems;
};

describe('CSV columns and settings', () => {
  it('reads every column and both settings', () => {
    const text = [
      'title,World capitals',
      'open_period_s,30',
      'question,option1,option2,option3,correct,explanation,open_period_s',
      'Capital of France?,Berlin,Paris,Rome,2,Since 508.,20',
      'Which are capitals?,Canberra,Sydney,Ottawa,"1,3",,',
      'Capital of Japan?,Tokyo,Kyoto,,1 ,,',
    ].join('\n');
    expect(csv(text)).toEqual({
      ok: true,
      format: 'csv',
      quiz: {
        title: 'World capitals',
        openPeriodS: 30,
        questions: [
          {
            text: 'Capital of France?',
            options: ['Berlin', 'Paris', 'Rome'],
            correctOptionIds: [1],
            explanation: 'Since 508.',
            openPeriodS: 20,
          },
          { text: 'Which are capitals?', options: ['Canberra', 'Sydney', 'Ottawa'], correctOptionIds: [0, 2] },
          { text: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], correctOptionIds: [0] },
        ],
      },
    });
  });

  it('takes columns in any order and any case, and correct numbers separated by spaces, commas or semicolons', () => {
    const read = csv('Correct;OPTION2;Question;option1\n2 1;Paris;Capital of France?;Lyon\n"1,2";b;Q?;a\n');
    expect(read).toMatchObject({
      ok: true,
      quiz: {
        questions: [
          { text: 'Capital of France?', options: ['Lyon', 'Paris'], correctOptionIds: [0, 1] },
          { text: 'Q?', options: ['a', 'b'], correctOptionIds: [0, 1] },
        ],
      },
    });
  });

  it('skips blank rows and rows of empty cells (spreadsheets leave them)', () => {
    expect(csv('question,option1,correct\n\n,,\nQ?,a,1\n,,\n\n')).toMatchObject({ ok: true, quiz: { questions: [{ text: 'Q?' }] } });
  });

  it('names a missing, unknown or repeated column, and an option gap, on the header line', () => {
    expect(problemsOf('title,T\nquestion,option1,option3,answer,question\nQ?,a,b,1,Q\n')).toEqual([
      { line: 2, question: null, problem: { kind: 'csv_unknown_column', column: 'answer' } },
      { line: 2, question: null, problem: { kind: 'csv_duplicate_column', column: 'question' } },
      { line: 2, question: null, problem: { kind: 'csv_missing_column', column: 'correct' } },
      { line: 2, question: null, problem: { kind: 'csv_missing_column', column: 'option2' } },
    ]);
  });

  it('says the header is missing when the first row is a question', () => {
    expect(problemsOf('Capital of France?,Berlin,Paris,2\n')).toEqual([{ line: 1, question: null, problem: { kind: 'csv_no_header' } }]);
  });

  it('names a bad setting row, a setting twice, a bad title and a bad default time', () => {
    expect(
      problemsOf(`author,Me\ntitle,A\ntitle,${'x'.repeat(129)}\nopen_period_s,3\nopen_period_s,soon\nquestion,option1,correct\nQ?,a,1`),
    ).toEqual([
      { line: 1, question: null, problem: { kind: 'csv_unknown_setting', name: 'author' } },
      { line: 3, question: null, problem: { kind: 'setting_twice', name: 'title' } },
      { line: 3, question: null, problem: { kind: 'title', problem: { kind: 'too_long', length: 129 } } },
      { line: 4, question: null, problem: { kind: 'default_open_period_out_of_range', seconds: 3 } },
      { line: 5, question: null, problem: { kind: 'setting_twice', name: 'open_period_s' } },
      { line: 5, question: null, problem: { kind: 'not_a_number', column: 'open_period_s', text: 'soon' } },
    ]);
  });

  it('refuses a header without question rows', () => {
    expect(problemsOf('question,option1,correct\n')).toEqual([{ line: 1, question: null, problem: { kind: 'no_questions' } }]);
  });
});

describe('CSV quoting and separators (RFC 4180)', () => {
  it('reads quotes, doubled quotes, separators and line breaks inside quotes, CRLF, and counts physical lines', () => {
    const text =
      'question,option1,option2,correct,explanation\r\n' +
      '"Who said ""Veni, vidi, vici""?",Caesar,"Cicero, probably",1,"Line one\r\nline two"\r\n' +
      'Q2?,a,a,1,\r\n';
    const read = csv(text);
    expect(read).toEqual({
      ok: false,
      format: 'csv',
      // The second question starts on physical line 4: the explanation above spans two.
      problems: [{ line: 4, question: 2, option: 2, problem: { kind: 'option_twice', option: 'a' } }],
    });
    const fixed = csv(text.replace('Q2?,a,a', 'Q2?,a,b'));
    expect(fixed).toMatchObject({
      ok: true,
      quiz: {
        questions: [
          { text: 'Who said "Veni, vidi, vici"?', options: ['Caesar', 'Cicero, probably'], explanation: 'Line one\r\nline two' },
          { text: 'Q2?', options: ['a', 'b'] },
        ],
      },
    });
  });

  it('detects a semicolon separator from the first line, where commas are text', () => {
    expect(csv('title;Capitals, world\nquestion;option1;option2;correct\nParis, Texas or Paris, France?;Texas;France;2\n')).toEqual({
      ok: true,
      format: 'csv',
      quiz: {
        title: 'Capitals, world',
        questions: [{ text: 'Paris, Texas or Paris, France?', options: ['Texas', 'France'], correctOptionIds: [1] }],
      },
    });
  });

  it("follows Excel's sep= hint line, and counts it as line 1", () => {
    expect(csv('sep=;\r\nquestion;option1;option2;correct\r\nParis, France?;a;b;3\r\n')).toEqual({
      ok: false,
      format: 'csv',
      problems: [{ line: 3, question: 1, problem: { kind: 'correct_option_missing' } }],
    });
    expect(csv('SEP=,\nquestion,option1,correct\nQ?,a,1')).toMatchObject({ ok: true, quiz: { questions: [{ text: 'Q?' }] } });
  });

  it('drops spaces around unquoted cells and keeps them inside quotes', () => {
    expect(csv('question , option1 ,option2, correct\n  Q? ,  a  ," b ", 1\n')).toMatchObject({
      ok: true,
      quiz: { questions: [{ text: 'Q?', options: ['a', ' b '] }] },
    });
  });

  it('names an unclosed quote by the line it opens on, and text after a closing quote', () => {
    expect(problemsOf('question,option1,correct\nQ?,"a,1\nQ2?,b,1\n')).toEqual([
      { line: 2, question: null, problem: { kind: 'csv_unclosed_quote' } },
    ]);
    expect(problemsOf('question,option1,correct\nQ?,"a"b,1\n')).toEqual([
      { line: 2, question: null, problem: { kind: 'csv_text_after_quote' } },
    ]);
  });

  it('names cells outside the header, ignoring empty ones', () => {
    expect(problemsOf('question,option1,correct\nQ?,a,1,,\nParis, France?,a,1\n')).toEqual([
      { line: 3, question: 2, problem: { kind: 'csv_extra_cells', count: 1, columns: 3 } },
      { line: 3, question: 2, problem: { kind: 'not_a_number', column: 'correct', text: 'a' } },
    ]);
  });
});

describe('CSV problems of questions', () => {
  it('names the row line and the option number, for every problem of every row', () => {
    const long = 'x'.repeat(101);
    const rows = Array.from({ length: 12 }, (_, i) => `Q${i + 1}?,a,b,,,,1`);
    rows.push(`Q13?,a,b,c,d,${long},3`);
    rows.push('Q14?,a,,c,,,0 9');
    rows.push(',a,b,,,,');
    const problems = problemsOf(`question,option1,option2,option3,option4,option5,correct\n${rows.join('\n')}\n`);
    expect(problems).toEqual([
      { line: 14, question: 13, option: 5, problem: { kind: 'option_too_long', option: long, length: 101, max: 100 } },
      { line: 15, question: 14, option: 2, problem: { kind: 'option_empty' } },
      { line: 15, question: 14, problem: { kind: 'correct_option_missing' } },
      { line: 16, question: 15, problem: { kind: 'text_empty' } },
      { line: 16, question: 15, problem: { kind: 'no_correct_option' } },
    ]);
  });

  it('names cells that are not numbers', () => {
    expect(problemsOf('question,option1,correct,open_period_s\nQ?,a,first,half a minute\n')).toEqual([
      { line: 2, question: 1, problem: { kind: 'not_a_number', column: 'correct', text: 'first' } },
      { line: 2, question: 1, problem: { kind: 'not_a_number', column: 'open_period_s', text: 'half a minute' } },
    ]);
  });
});

describe('formula-looking cells', () => {
  const formulas = ['=1+1', '+33 1 23', '-5', '@SUM(A1)', '=HYPERLINK("http://evil.example","x")'];

  it('reads them as plain text, never evaluated', () => {
    const read = csv(`question,option1,option2,correct\n=2+2?,${formulas[0]},-5,1\n`);
    expect(read).toMatchObject({ ok: true, quiz: { questions: [{ text: '=2+2?', options: ['=1+1', '-5'] }] } });
  });

  it('drops the apostrophe an author typed to keep a spreadsheet from evaluating a cell', () => {
    expect(csv("question,option1,option2,correct\nQ?,'=1+1,'x,1\n")).toMatchObject({
      ok: true,
      quiz: { questions: [{ options: ['=1+1', "'x"] }] },
    });
  });

  it('writes them so that no spreadsheet evaluates them, and reads them back exactly', () => {
    const options = [...formulas, "'=already quoted", "''-twice", '\tTab'];
    const quiz = { title: '=TITLE()', questions: [{ text: '-1 or +1?', options, correctOptionIds: [0], explanation: '@mention' }] };
    const text = new TextDecoder().decode(writeQuizFile(quiz, 'csv'));
    const cells = text.split(/\r\n/u).slice(1).join(',').split(',');
    for (const cell of cells) expect(cell.replace(/^"/u, '')).not.toMatch(/^[=+\-@\t\r]/u);
    expect(parseQuizFile(writeQuizFile(quiz, 'csv'), 'q.csv')).toEqual({ ok: true, format: 'csv', quiz });
  });
});
