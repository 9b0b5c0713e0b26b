/**
 * A quiz as a file holds it: the questions, and the settings a file may carry along.
 */
import type { QuizQuestion } from '../question-check.js';
import type { QuizFileProblem } from './quiz-file-problems.js';

export interface QuizFileContent {
  /** The quiz's title; absent when the file gives none (the bot asks, or uses its own). */
  title?: string;
  /** Seconds each question stays open unless it has its own; absent: the bot's default. */
  openPeriodS?: number;
  questions: QuizQuestion[];
}

/** What reading a quiz file gives: the quiz, or every problem (and then no question at all). */
export type ParsedQuizFile = { ok: true; quiz: QuizFileContent } | { ok: false; problems: QuizFileProblem[] };
