/** /myquizzes: the list, its delete buttons and the answers to them. */
import { count, fitLines } from './format.js';

/** The answer to /myquizzes. */
export function myQuizzesText(quizzes: readonly { id: number; title: string; questionCount: number; createdAt: Date }[]): string {
  if (quizzes.length === 0) {
    return 'You have no quizzes yet. Send /newquiz <title> to create one; /help shows the format.';
  }
  return fitLines({
    head: [`📚 Your quizzes (${quizzes.length}):`, ''],
    lines: quizzes.map(
      (q) => `🔹 ${q.title} (id ${q.id}) – ${count(q.questionCount, 'question')}, ${q.createdAt.toISOString().slice(0, 10)}`,
    ),
    total: quizzes.length,
    more: (n) => `…and ${count(n, 'more quiz', 'more quizzes')}`,
    tail: ['', 'Play one here with /play <id>, or run it in a group with /startquiz <id>.'],
  });
}

/** The question in place of the list when the owner presses "🗑 Delete #<id>". */
export function confirmDeleteText(quiz: { id: number; title: string }): string {
  return `Delete quiz #${quiz.id} '${quiz.title}'? Runs already played keep their results.`;
}

export function quizDeletedText(quizId: number): string {
  return `Quiz #${quizId} deleted.`;
}

export const QUIZ_ALREADY_DELETED_TEXT = 'This quiz was already deleted.';
export const NO_SUCH_QUIZ_TEXT = 'There is no such quiz.';
export const OWNER_ONLY_DELETE_TEXT = "Only the quiz's owner can delete it.";
export const OWNER_ONLY_ANSWER_TEXT = "Only the quiz's owner can answer this.";

/** The buttons' labels. */
export const MY_QUIZZES_BUTTONS = {
  delete: (quizId: number) => `🗑 Delete #${quizId}`,
  confirmDelete: 'Yes, delete',
  keep: 'Keep it',
} as const;
