import { describe, expect, it } from 'vitest';
import { QUIZ_FILE_BYTES_MAX } from '../../src/quiz/quiz-file/limits.js';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const CSV = 'question,option1,option2,correct\nCapital of Japan?,Tokyo,Kyoto,1\n';
const JAPAN = { text: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], correctOptionIds: [0] };

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [first, second] = endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    bytes[2 + i * 2] = first;
    bytes[3 + i * 2] = second;
  }
  return bytes;
}

describe('the format, from the extension', () => {
  it('reads .csv, .json and .txt in any case', () => {
    expect(parseQuizFile(utf8(CSV), 'Quiz.CSV')).toEqual({ ok: true, format: 'csv', quiz: { questions: [JAPAN] } });
    expect(
      parseQuizFile(utf8('{"questions":[{"question":"Capital of Japan?","options":["Tokyo","Kyoto"],"correct":[1]}]}'), 'q.Json'),
    ).toMatchObject({
      ok: true,
      format: 'json',
    });
    expect(parseQuizFile(utf8('Capital of Japan?\n- Tokyo *\n- Kyoto'), 'q.txt')).toEqual({
      ok: true,
      format: 'txt',
      quiz: { questions: [JAPAN] },
    });
  });

  it('refuses other extensions and names without one, before reading the bytes', () => {
    expect(parseQuizFile(utf8(CSV), 'quiz.xlsx')).toEqual({
      ok: false,
      format: null,
      problems: [{ line: null, question: null, problem: { kind: 'unknown_format', extension: 'xlsx' } }],
    });
    expect(parseQuizFile(utf8(CSV), 'quiz')).toMatchObject({ problems: [{ problem: { kind: 'unknown_format', extension: '' } }] });
    expect(parseQuizFile(utf8(CSV), 'archive.csv.zip')).toMatchObject({
      problems: [{ problem: { kind: 'unknown_format', extension: 'zip' } }],
    });
  });
});

describe('encodings', () => {
  it('reads UTF-8 with and without a byte order mark, and non-Latin text', () => {
    const text = 'question;option1;option2;correct\nСтолица Японии?;Токио;Киото;1\n';
    const expected = {
      ok: true,
      format: 'csv',
      quiz: { questions: [{ text: 'Столица Японии?', options: ['Токио', 'Киото'], correctOptionIds: [0] }] },
    };
    expect(parseQuizFile(utf8(text), 'q.csv')).toEqual(expected);
    expect(parseQuizFile(utf8(`\uFEFF${text}`), 'q.csv')).toEqual(expected);
  });

  it('reads UTF-16 with a byte order mark, little and big endian', () => {
    for (const endian of ['le', 'be'] as const) {
      expect(parseQuizFile(utf16(`${CSV}`, endian), 'q.csv')).toEqual({ ok: true, format: 'csv', quiz: { questions: [JAPAN] } });
    }
  });

  it('refuses bytes that are not UTF-8, naming the line of the first', () => {
    // 'Café?' in Windows-1252: é is the single byte 0xE9.
    const latin1 = new Uint8Array([...utf8('question,option1,correct\nCaf'), 0xe9, ...utf8('?,a,1\n')]);
    expect(parseQuizFile(latin1, 'q.csv')).toEqual({
      ok: false,
      format: 'csv',
      problems: [{ line: 2, question: null, problem: { kind: 'not_utf8' } }],
    });
  });

  it('refuses overlong forms and surrogates, which TextDecoder would replace', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(parseQuizFile(new Uint8Array([...utf8('Q?\n- a *\n'), ...bad]), 'q.txt')).toMatchObject({
        ok: false,
        problems: [{ line: 3, problem: { kind: 'not_utf8' } }],
      });
    }
  });
});

describe('files that are no quiz text', () => {
  it('refuses a binary file named .csv', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(parseQuizFile(png, 'quiz.csv')).toEqual({
      ok: false,
      format: 'csv',
      problems: [{ line: null, question: null, problem: { kind: 'binary' } }],
    });
    // A workbook is a ZIP archive: NUL bytes early on.
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(parseQuizFile(zip, 'quiz.csv')).toMatchObject({ problems: [{ problem: { kind: 'binary' } }] });
  });

  it('refuses an empty file, and one of only spaces and line breaks', () => {
    for (const bytes of [new Uint8Array(0), utf8('\uFEFF'), utf8(' \r\n\t\n')]) {
      for (const name of ['q.csv', 'q.json', 'q.txt']) {
        expect(parseQuizFile(bytes, name)).toMatchObject({ ok: false, problems: [{ line: null, problem: { kind: 'empty' } }] });
      }
    }
  });

  it('refuses a 10 MB file without decoding it, and takes one at the cap', () => {
    const big = new Uint8Array(10 * 1_048_576).fill(0x41);
    expect(parseQuizFile(big, 'q.csv')).toEqual({
      ok: false,
      format: 'csv',
      problems: [{ line: null, question: null, problem: { kind: 'too_big', bytes: 10 * 1_048_576, max: QUIZ_FILE_BYTES_MAX } }],
    });
    const header = 'question,option1,correct\n';
    const row = 'Q?,A,1\n';
    const atCap = utf8(header + row + ' '.repeat(QUIZ_FILE_BYTES_MAX - header.length - row.length));
    expect(atCap.length).toBe(QUIZ_FILE_BYTES_MAX);
    expect(parseQuizFile(atCap, 'q.csv')).toMatchObject({ ok: true });
    expect(parseQuizFile(utf8(`${new TextDecoder().decode(atCap)} `), 'q.csv')).toMatchObject({
      ok: false,
      problems: [{ problem: { kind: 'too_big' } }],
    });
  });
});
