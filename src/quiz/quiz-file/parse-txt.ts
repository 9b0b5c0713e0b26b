/**
 * Reads a quiz text file: the quiz text format (../quiz-text.ts parses each question block), a
 * settings paragraph and `time:` lines (txt-settings.ts), or a first line `/newquiz <title>` as
 * in a chat message. Problems name the line where the question's block starts, or the offending
 * line where it can be told (a stray line, a `time:` line, a too long or repeated option).
 */
import { parseOpenPeriod } from '../open-period.js';
import type { QuizQuestion } from '../question-check.js';
import type { QuestionProblem } from '../quiz-problems.js';
import { parseQuizText } from '../quiz-text.js';
import { append } from './append.js';
import { physicalLines } from './decode.js';
import { QUIZ_FILE_QUESTIONS_MAX, TXT_BLOCK_LINES_MAX } from './limits.js';
import type { ParsedQuizFile, QuizFileContent } from './quiz-file-content.js';
import type { QuizFileProblem } from './quiz-file-problems.js';
import { checkFileTitle } from './settings.js';
import { readSettingLine } from './txt-settings.js';

interface Line {
  number: number;
  text: string;
}

/**
 * A first line `/newquiz <title>`: a quiz sent to the bot in one message, saved as a file, reads
 * as it did in the chat.
 */
const NEWQUIZ_LINE = /^\/newquiz(?:@\w+)?(?:\s+(.*))?$/iu;

/** Reads a text quiz from its decoded text. */
export function parseQuizTxt(text: string): ParsedQuizFile {
  const lines = physicalLines(text);
  const quiz: QuizFileContent = { questions: [] };
  const problems: QuizFileProblem[] = [];
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const command = NEWQUIZ_LINE.exec(lines[firstIndex]?.trim() ?? '');
  if (command !== null) {
    const title = checkFileTitle(command[1] ?? '');
    if (title.ok) quiz.title = title.value;
    else problems.push({ line: firstIndex + 1, question: null, problem: title.problem });
    // The questions start on the next line, as in the chat.
    lines[firstIndex] = '';
  }
  const blocks = numberedBlocks(lines);
  const first = blocks[0];
  if (first !== undefined && first.every((line) => readSettingLine(line.text) !== null)) {
    append(problems, readSettings(first, quiz, command !== null));
    blocks.shift();
  }
  if (blocks.length > QUIZ_FILE_QUESTIONS_MAX)
    return {
      ok: false,
      problems: [
        { line: null, question: null, problem: { kind: 'too_many_questions', count: blocks.length, max: QUIZ_FILE_QUESTIONS_MAX } },
      ],
    };
  if (blocks.length === 0) problems.push({ line: first?.[0]?.number ?? 1, question: null, problem: { kind: 'no_questions' } });
  blocks.forEach((block, index) => {
    const read = readBlock(block, index + 1);
    append(problems, read.problems);
    if (read.question !== null) quiz.questions.push(read.question);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, quiz };
}

/**
 * The blocks of a text as splitQuizBlocks reads them (a line of only spaces and tabs separates
 * two; lines trimmed, empty ones dropped), each line with its physical number.
 */
function numberedBlocks(lines: string[]): Line[][] {
  const blocks: Line[][] = [];
  let block: Line[] = [];
  lines.forEach((raw, index) => {
    if (/^[ \t]*$/u.test(raw)) {
      if (block.length > 0) blocks.push(block);
      block = [];
      return;
    }
    const trimmed = raw.trim();
    if (trimmed !== '') block.push({ number: index + 1, text: trimmed });
  });
  if (block.length > 0) blocks.push(block);
  return blocks;
}

function readSettings(lines: Line[], quiz: QuizFileContent, titleGiven: boolean): QuizFileProblem[] {
  const problems: QuizFileProblem[] = [];
  const seen = new Set<string>(titleGiven ? ['title'] : []);
  for (const line of lines) {
    const setting = readSettingLine(line.text);
    if (setting === null) continue;
    const fail = (problem: QuizFileProblem['problem']) => problems.push({ line: line.number, question: null, problem });
    if (seen.has(setting.name)) fail({ kind: 'setting_twice', name: setting.name });
    seen.add(setting.name);
    if (setting.name === 'title') {
      const title = checkFileTitle(setting.value);
      if (title.ok) quiz.title = title.value;
      else fail(title.problem);
    } else {
      const period = parseOpenPeriod(setting.value);
      if (period.ok) quiz.openPeriodS = period.seconds;
      else fail({ kind: 'open_period', problem: period.problem });
    }
  }
  return problems;
}

/** Question `number` from its block, or its problems. */
function readBlock(block: Line[], number: number): { question: QuizQuestion | null; problems: QuizFileProblem[] } {
  const start = (block[0] as Line).number;
  if (block.length > TXT_BLOCK_LINES_MAX)
    return {
      question: null,
      problems: [{ line: start, question: number, problem: { kind: 'block_too_long', lines: block.length, max: TXT_BLOCK_LINES_MAX } }],
    };
  const problems: QuizFileProblem[] = [];
  const body: Line[] = [block[0] as Line];
  let openPeriodS: number | undefined;
  let timeSeen = false;
  for (const line of block.slice(1)) {
    const setting = readSettingLine(line.text);
    if (setting?.name !== 'time') {
      body.push(line);
      continue;
    }
    const fail = (problem: QuizFileProblem['problem']) => problems.push({ line: line.number, question: number, problem });
    if (timeSeen) fail({ kind: 'setting_twice', name: setting.name });
    timeSeen = true;
    const period = parseOpenPeriod(setting.value);
    if (period.ok) openPeriodS = period.seconds;
    else fail({ kind: 'open_period', problem: period.problem });
  }
  const parsed = parseQuizText(body.map((line) => line.text).join('\n'), number);
  if (!parsed.ok) {
    const located = locate(body, start);
    append(
      problems,
      parsed.problems.map((p) => ({ line: located(p.problem), question: number, problem: p.problem })),
    );
  }
  const question = parsed.ok ? parsed.questions[0] : undefined;
  if (problems.length > 0 || question === undefined) return { question: null, problems };
  // An empty `>` line gives an empty explanation, which is no explanation (as in CSV and JSON).
  if (question.explanation === '') delete question.explanation;
  if (openPeriodS !== undefined) question.openPeriodS = openPeriodS;
  return { question, problems };
}

/**
 * The line a block's problem is about: the stray or option line it names, else the block's first.
 * quiz-text.ts owns the grammar; this only reads enough of an option line to place a problem on
 * it (and falls back to the block's first line when it cannot).
 */
function locate(body: Line[], start: number): (problem: QuestionProblem) => number {
  const seen = new Map<string, number>();
  // The n-th line (1-based) after the first that `matches`, counting on from earlier problems of the same kind and text.
  const nth = (key: string, wanted: number, matches: (line: Line) => boolean): number => {
    const skip = seen.get(key) ?? 0;
    seen.set(key, skip + 1);
    return body.slice(1).filter(matches)[skip + wanted - 1]?.number ?? start;
  };
  return (problem) => {
    if (problem.kind === 'stray_line') return nth(`stray\n${problem.line}`, 1, (line) => line.text === problem.line);
    // The second line with the option, for a repeat; the first, for a long one.
    if (problem.kind === 'option_twice') return nth(`twice\n${problem.option}`, 2, (line) => optionOf(line) === problem.option);
    if (problem.kind === 'option_too_long') return nth(`long\n${problem.option}`, 1, (line) => optionOf(line) === problem.option);
    return start;
  };
}

/** An option line's option, without its marker and correct mark; null for other lines. */
function optionOf(line: Line): string | null {
  if (!/^[-–—•]\s/u.test(line.text)) return null;
  const raw = line.text.slice(1).trim();
  return raw === '*' ? '' : raw.replace(/\s+\*$/u, '');
}
