/**
 * Writes a quiz in the text format with its settings (txt-settings.ts): a settings paragraph
 * when the quiz has a title or a default time, then one block per question, a blank line
 * between, LF line ends. The text format cannot hold every text (a question on several lines,
 * an option ending in " *", spaces at either end): quizFileMisfits says when a quiz would not
 * come back exactly.
 */
import type { QuizQuestion } from '../question-check.js';
import type { QuizFileContent } from './quiz-file-content.js';
import { settingLine, timeValue, TXT_SETTINGS } from './txt-settings.js';

/** The text of a quiz. */
export function writeQuizTxt(quiz: QuizFileContent): string {
  const blocks: string[][] = [];
  const settings: string[] = [];
  if (quiz.title !== undefined) settings.push(settingLine(TXT_SETTINGS.title, quiz.title));
  if (quiz.openPeriodS !== undefined) settings.push(settingLine(TXT_SETTINGS.time, timeValue(quiz.openPeriodS)));
  if (settings.length > 0) blocks.push(settings);
  for (const question of quiz.questions) blocks.push(questionBlock(question));
  return blocks.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

function questionBlock(question: QuizQuestion): string[] {
  const correct = new Set(question.correctOptionIds);
  const lines = [question.text, ...question.options.map((option, i) => `- ${option}${correct.has(i) ? ' *' : ''}`)];
  if (question.explanation !== undefined && question.explanation !== '')
    lines.push(...question.explanation.split('\n').map((line) => (line === '' ? '>' : `> ${line}`)));
  if (question.openPeriodS !== undefined) lines.push(settingLine(TXT_SETTINGS.time, timeValue(question.openPeriodS)));
  return lines;
}
