import { describe, expect, it } from 'vitest';
import { QUIZ_FORMAT_EXAMPLE_QUESTIONS } from '../../src/bot/texts/help.js';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';
import { parseQuizText } from '../../src/quiz/quiz-text.js';

const txt = (text: string) => parseQuizFile(new TextEncoder().encode(text), 'quiz.txt');
const problemsOf = (text: string) => {
  const read = txt(text);
  return read.ok ? [] : read.problems;
};

describe('text quiz files', () => {
  it('read a plain quiz text exactly as a message is read', () => {
    const plain = parseQuizText(QUIZ_FORMAT_EXAMPLE_QUESTIONS);
    expect(plain.ok).toBe(true);
    expect(txt(QUIZ_FORMAT_EXAMPLE_QUESTIONS)).toEqual({ ok: true, format: 'txt', quiz: { questions: plain.ok ? plain.questions : [] } });
  });

  it('read the settings paragraph and time lines', () => {
    const text =
      'Title: World capitals\ntime: 1m\n\nCapital of France?\n- Berlin\n- Paris *\ntime: 20s\n> Since 508.\n\nCapital of Japan?\n- Tokyo *\n- Kyoto\n';
    expect(txt(text)).toEqual({
      ok: true,
      format: 'txt',
      quiz: {
        title: 'World capitals',
        openPeriodS: 60,
        questions: [
          { text: 'Capital of France?', options: ['Berlin', 'Paris'], correctOptionIds: [1], explanation: 'Since 508.', openPeriodS: 20 },
          { text: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], correctOptionIds: [0] },
        ],
      },
    });
  });

  it('name the block line, or the offending line, of each problem', () => {
    const long = 'y'.repeat(101);
    const text = [
      'title: T', // 1
      'time: 2s', // 2
      '', // 3
      'Q1?', // 4
      '- a *', // 5
      `- ${long}`, // 6
      '- a', // 7
      '', // 8
      '', // 9
      'Q2?', // 10
      '- a', // 11
      'not an option', // 12
      'time: soon', // 13
      '\r\nQ3?\r- x *', // 14 (blank), 15, 16: CRLF and a lone CR end lines too
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      { line: 2, question: null, problem: { kind: 'open_period', problem: { kind: 'out_of_range', text: '2s' } } },
      { line: 6, question: 1, problem: { kind: 'option_too_long', option: long, length: 101, max: 100 } },
      { line: 7, question: 1, problem: { kind: 'option_twice', option: 'a' } },
      { line: 13, question: 2, problem: { kind: 'open_period', problem: { kind: 'not_a_period', text: 'soon' } } },
      { line: 12, question: 2, problem: { kind: 'stray_line', line: 'not an option' } },
      { line: 10, question: 2, problem: { kind: 'no_correct_option' } },
    ]);
    expect(txt(text.replace('time: 2s', 'time: 5s').replace(`- ${long}`, '- b').replace('- a\n\n', '- c\n\n'))).toMatchObject({
      ok: false,
      problems: [{ line: 13 }, { line: 12 }, { line: 10 }],
    });
  });

  it('refuse a settings paragraph without questions, and a time given twice', () => {
    expect(problemsOf('title: T\n')).toEqual([{ line: 1, question: null, problem: { kind: 'no_questions' } }]);
    expect(problemsOf('Q?\n- a *\ntime: 10\ntime: 20')).toEqual([
      { line: 4, question: 1, problem: { kind: 'setting_twice', name: 'time' } },
    ]);
  });

  it('read a quiz saved from a chat message, /newquiz and its title first', () => {
    const message = `/newquiz World capitals\n${QUIZ_FORMAT_EXAMPLE_QUESTIONS}`;
    expect(txt(message)).toMatchObject({
      ok: true,
      quiz: { title: 'World capitals', questions: [{ text: 'Capital of France?' }, { text: 'Capital of Japan?' }] },
    });
    expect(problemsOf(`/newquiz\n${QUIZ_FORMAT_EXAMPLE_QUESTIONS}`)).toEqual([
      { line: 1, question: null, problem: { kind: 'title', problem: { kind: 'empty' } } },
    ]);
    expect(problemsOf(`/newquiz A\ntitle: B\n\n${QUIZ_FORMAT_EXAMPLE_QUESTIONS}`)).toEqual([
      { line: 2, question: null, problem: { kind: 'setting_twice', name: 'title' } },
    ]);
  });

  it('place a repeated option and repeated stray lines on their own lines, not on lines that merely contain them', () => {
    const text = ['Q?', '- banana *', '- a', '> a', 'stray', '- a', 'stray'].join('\n');
    expect(problemsOf(text)).toEqual([
      { line: 5, question: 1, problem: { kind: 'stray_line', line: 'stray' } },
      { line: 7, question: 1, problem: { kind: 'stray_line', line: 'stray' } },
      { line: 6, question: 1, problem: { kind: 'option_twice', option: 'a' } },
    ]);
  });
});
