/**
 * /myquizzes: the list, its delete buttons and the answers to them. Words are in
 * locales/<language>/my-quizzes.ftl.
 */
import type { Translate } from '../../i18n/translator.js';
import { fitLines } from './format.js';

/** The answer to /myquizzes. */
export function myQuizzesText(
  t: Translate,
  quizzes: readonly { id: number; title: string; questionCount: number; createdAt: Date }[],
): string {
  if (quizzes.length === 0) return t('my-quizzes-empty');
  return fitLines({
    head: [t('my-quizzes-head', { count: quizzes.length }), ''],
    lines: quizzes.map((q) =>
      t('my-quizzes-line', {
        title: q.title,
        id: String(q.id),
        questions: q.questionCount,
        // The day as YYYY-MM-DD (UTC): short, and read the same in every language.
        date: q.createdAt.toISOString().slice(0, 10),
      }),
    ),
    total: quizzes.length,
    more: (n) => t('my-quizzes-more', { count: n }),
    tail: ['', t('my-quizzes-tail')],
  });
}

/** The question in place of the list when the owner presses "🗑 Delete #<id>". */
export function confirmDeleteText(t: Translate, quiz: { id: number; title: string }): string {
  return t('my-quizzes-confirm-delete', { id: String(quiz.id), title: quiz.title });
}

/** The toast after a deletion. */
export function quizDeletedText(t: Translate, quizId: number): string {
  return t('my-quizzes-deleted', { id: String(quizId) });
}

export function quizAlreadyDeletedText(t: Translate): string {
  return t('my-quizzes-already-deleted');
}

export function noSuchQuizText(t: Translate): string {
  return t('my-quizzes-no-such-quiz');
}

export function ownerOnlyDeleteText(t: Translate): string {
  return t('my-quizzes-owner-only-delete');
}

export function ownerOnlyAnswerText(t: Translate): string {
  return t('my-quizzes-owner-only-answer');
}

/** The buttons' labels. */
export function myQuizzesButtons(t: Translate): { delete: (quizId: number) => string; confirmDelete: string; keep: string } {
  return {
    delete: (quizId) => t('my-quizzes-button-delete', { id: String(quizId) }),
    confirmDelete: t('my-quizzes-button-confirm-delete'),
    keep: t('my-quizzes-button-keep'),
  };
}
