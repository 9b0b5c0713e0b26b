/** The answer to /myquizzes. */
import { count, fitLines } from './format.js';

/** The answer to /myquizzes. */
export function myQuizzesText(quizzes: readonly { id: number; title: string; questionCount: number; createdAt: Date }[]): string {
  if (quizzes.length === 0) {
    return 'You have no quizzes yet. Send /newquiz <title> to create one; /help shows the format.';
  }
  return fitLines({
    head: [`📚 Your quizzes (${quizzes.length}):`, ''],
    lines: quizzes.map((q) => `🔹 ${q.title} (id ${q.id}) – ${count(q.questionCount, 'question')}, ${q.createdAt.toISOString().slice(0, 10)}`),
    total: quizzes.length,
    more: (n) => `…and ${count(n, 'more quiz', 'more quizzes')}`,
    tail: ['', 'Play one here with /play <id>, or run it in a group with /startquiz <id>.'],
  });
}
