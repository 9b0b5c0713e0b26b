/**
 * Quizzes with their questions, kept in memory for the run engine: hundreds of runs of one quiz
 * ask for the same questions, and a quiz's questions do not change once created (a deleted quiz
 * keeps playing in the runs that started it). Bounded: the least recently used go first.
 */
import { BoundedCache } from '../lib/bounded-cache.js';
import type { Executor } from '../store/database.js';
import { getQuizWithQuestions, type QuizWithQuestions } from '../store/queries/quizzes.js';

export interface QuizCache {
  /** The quiz (deleted or not), or undefined when there is no such quiz. */
  get(quizId: number): Promise<QuizWithQuestions | undefined>;
}

export function createQuizCache(options: { db: Executor; limit?: number }): QuizCache {
  const limit = options.limit ?? 500;
  const cached = new BoundedCache<number, QuizWithQuestions>(limit);
  const loading = new Map<number, Promise<QuizWithQuestions | undefined>>();
  return {
    async get(quizId) {
      const hit = cached.use(quizId);
      if (hit) return hit;
      let pending = loading.get(quizId);
      if (!pending) {
        pending = getQuizWithQuestions(options.db, quizId, { includeDeleted: true }).finally(() => loading.delete(quizId));
        loading.set(quizId, pending);
      }
      const quiz = await pending;
      if (quiz) cached.set(quizId, quiz);
      return quiz;
    },
  };
}
