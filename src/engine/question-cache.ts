/**
 * Questions by id, kept in memory for the run engine: hundreds of runs of one quiz ask the same
 * questions. A question row's content never changes (an edit retires the row and writes a new
 * one, src/store/queries/quiz-edits.ts), so an entry is never stale, on this replica or any other,
 * and needs no invalidation. What does change with edits (a quiz's live list, its title) is not
 * kept here: a run carries its question ids and title from its start (runs.settings), and whoever
 * needs the live list reads it from the database. Bounded: the least recently used go first.
 */
import { BoundedCache } from '../lib/bounded-cache.js';
import type { Executor } from '../store/database.js';
import { getQuestionsByIds, type QuestionContent } from '../store/queries/quizzes.js';

export interface QuestionCache {
  /** The question with this id, retired or not, or undefined when there is no such row. */
  get(questionId: number): Promise<QuestionContent | undefined>;
}

export function createQuestionCache(options: { db: Executor; limit?: number }): QuestionCache {
  const cached = new BoundedCache<number, QuestionContent>(options.limit ?? 5_000);
  const loading = new Map<number, Promise<QuestionContent | undefined>>();
  return {
    async get(questionId) {
      const hit = cached.use(questionId);
      if (hit) return hit;
      let pending = loading.get(questionId);
      if (!pending) {
        pending = getQuestionsByIds(options.db, [questionId])
          .then(([row]) => row)
          .finally(() => loading.delete(questionId));
        loading.set(questionId, pending);
      }
      const question = await pending;
      if (question) cached.set(questionId, question);
      return question;
    },
  };
}
