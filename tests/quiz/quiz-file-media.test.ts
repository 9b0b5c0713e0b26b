/**
 * Media questions in quiz files (issue 16, Bot API 10.0): the CSV `media` / `explanation_media`
 * columns and JSON fields, written and read back exactly; the text format has no place for
 * media, so quizFileMisfits names such questions for .txt.
 */
import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../src/quiz/question-check.js';
import { isMediaSource, readMediaCell, writeMediaCell } from '../../src/quiz/quiz-file/media-cell.js';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';
import type { QuizFileContent } from '../../src/quiz/quiz-file/quiz-file-content.js';
import { quizFileMisfits, writeQuizFile } from '../../src/quiz/quiz-file/write-quiz-file.js';
import { QUIZ_FILE_FORMATS } from '../../src/quiz/quiz-file/limits.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const PHOTO_ID = 'AgACAgIAAxkBAAIBZ2Zm_photo-file-id_0123456789';
const QUIZ: QuizFileContent = {
  title: 'Landmarks',
  questions: [
    {
      text: 'Which city is this?',
      options: ['Paris', 'Rome'],
      correctOptionIds: [0],
      explanation: 'The Eiffel tower.',
      media: { type: 'photo', source: PHOTO_ID },
      explanationMedia: { type: 'video', source: 'https://example.com/tower.mp4' },
    },
    { text: 'Capital of Italy?', options: ['Rome', 'Milan'], correctOptionIds: [0] },
    {
      text: 'Which animal?',
      options: ['Cat', 'Dog'],
      correctOptionIds: [1],
      media: { type: 'animation', source: 'https://example.com/dog.gif' },
    },
  ],
};

describe('a media cell', () => {
  it('is a photo when bare, typed with a prefix (any case), none when empty', () => {
    expect(readMediaCell(' https://example.com/a.jpg ')).toEqual({ type: 'photo', source: 'https://example.com/a.jpg' });
    expect(readMediaCell('Video: https://example.com/a.mp4')).toEqual({ type: 'video', source: 'https://example.com/a.mp4' });
    expect(readMediaCell(`animation:${PHOTO_ID}`)).toEqual({ type: 'animation', source: PHOTO_ID });
    expect(readMediaCell('  ')).toBeUndefined();
  });

  it('is written so that it reads back, a photo whose source looks typed included', () => {
    for (const media of [
      { type: 'photo', source: PHOTO_ID },
      { type: 'video', source: 'https://example.com/a.mp4' },
      { type: 'photo', source: 'video:odd' },
    ] as const) {
      expect(readMediaCell(writeMediaCell(media))).toEqual(media);
    }
    expect(writeMediaCell({ type: 'photo', source: PHOTO_ID })).toBe(PHOTO_ID);
    expect(writeMediaCell(undefined)).toBe('');
  });

  it('tells a source Telegram can take (an https URL, a file_id) from one it cannot', () => {
    expect(isMediaSource('https://example.com/a.jpg')).toBe(true);
    expect(isMediaSource(PHOTO_ID)).toBe(true);
    expect(isMediaSource('http://example.com/a.jpg')).toBe(false);
    expect(isMediaSource('https://')).toBe(false);
    expect(isMediaSource('a picture')).toBe(false);
    expect(isMediaSource('')).toBe(false);
  });
});

describe('media in CSV and JSON files', () => {
  it('reads the CSV columns', () => {
    const csv = [
      'question,option1,option2,correct,media,explanation_media',
      `Which city?,Paris,Rome,1,${PHOTO_ID},video:https://example.com/t.mp4`,
      'No picture?,Yes,No,1,,',
    ].join('\n');
    const read = parseQuizFile(utf8(csv), 'quiz.csv');
    expect(read.ok && read.quiz.questions.map((q) => [q.media, q.explanationMedia])).toEqual([
      [
        { type: 'photo', source: PHOTO_ID },
        { type: 'video', source: 'https://example.com/t.mp4' },
      ],
      [undefined, undefined],
    ]);
  });

  it('reads the JSON fields, and names a field of the wrong type', () => {
    const json = JSON.stringify({
      questions: [{ question: 'Which city?', options: ['Paris', 'Rome'], correct: [1], media: 'https://example.com/p.jpg' }],
    });
    const read = parseQuizFile(utf8(json), 'quiz.json');
    expect(read.ok && read.quiz.questions[0]?.media).toEqual({ type: 'photo', source: 'https://example.com/p.jpg' });
    const wrong = parseQuizFile(
      utf8(JSON.stringify({ questions: [{ question: 'Q', options: ['A'], correct: [1], media: 7 }] })),
      'quiz.json',
    );
    expect(wrong.ok ? [] : wrong.problems.map((p) => p.problem)).toEqual([{ kind: 'json_wrong_type', field: 'media', expected: 'text' }]);
  });

  it.each(['csv', 'json'] as const)('round-trips a quiz with media through %s, byte for byte on the second write', (format) => {
    const bytes = writeQuizFile(QUIZ, format);
    const read = parseQuizFile(bytes, `quiz.${format}`);
    expect(read.ok && read.quiz).toEqual(QUIZ);
    if (read.ok) expect(text(writeQuizFile(read.quiz, format))).toBe(text(bytes));
    expect(quizFileMisfits(QUIZ, format)).toEqual({ settings: false, questions: [] });
  });

  it('writes no media columns for a quiz without media (files written before media look the same)', () => {
    const plain: QuizFileContent = { questions: [QUIZ.questions[1] as QuizQuestion] };
    expect(text(writeQuizFile(plain, 'csv'))).toContain('question,option1,option2,correct,explanation,open_period_s\r\n');
    expect(text(writeQuizFile(QUIZ, 'csv'))).toContain(',open_period_s,media,explanation_media\r\n');
  });
});

describe('media in text files', () => {
  it('are left out, and quizFileMisfits names the questions that have them for .txt only', () => {
    const read = parseQuizFile(writeQuizFile(QUIZ, 'txt'), 'quiz.txt');
    expect(read.ok && read.quiz.questions.map((q) => q.media)).toEqual([undefined, undefined, undefined]);
    expect(quizFileMisfits(QUIZ, 'txt')).toEqual({ settings: false, questions: [1, 3] });
    expect(QUIZ_FILE_FORMATS.filter((f) => quizFileMisfits(QUIZ, f).questions.length > 0)).toEqual(['txt']);
  });
});

describe('media sources Telegram cannot take', () => {
  it('are problems named by their line (CSV) or question (JSON), and nothing is read', () => {
    const csv = ['question,option1,option2,correct,media', 'Fine?,a,b,1,', 'Which city?,Paris,Rome,1,a picture of Paris', ''].join('\n');
    const fromCsv = parseQuizFile(utf8(csv), 'quiz.csv');
    expect(fromCsv.ok).toBe(false);
    if (!fromCsv.ok)
      expect(fromCsv.problems).toEqual([
        { line: 3, question: 2, problem: { kind: 'bad_media', column: 'media', text: 'a picture of Paris' } },
      ]);
    const json = JSON.stringify({
      questions: [{ question: 'Q?', options: ['a'], correct: [1], explanation_media: 'http://plain.example/x.mp4' }],
    });
    const fromJson = parseQuizFile(utf8(json), 'quiz.json');
    expect(fromJson.ok).toBe(false);
    if (!fromJson.ok)
      expect(fromJson.problems.map((p) => p.problem)).toEqual([
        { kind: 'bad_media', column: 'explanation_media', text: 'http://plain.example/x.mp4' },
      ]);
  });
});
