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
  /**
   * The question with this id, retired or not, or undefined when there is no such row. On a miss,
   * the ids of `alongWith` (a run's next questions) neither cached nor being read are read in the
   * same query: a run's questions cost one query, not one per step.
   */
  get(questionId: number, alongWith?: readonly number[]): Promise<QuestionContent | undefined>;
}

export function createQuestionCache(options: { db: Executor; limit?: number }): QuestionCache {
  const cached = new BoundedCache<number, QuestionContent>(options.limit ?? 5_000);
  // Reads in flight, by id: concurrent runs asking the same question share one query.
  const loading = new Map<number, Promise<QuestionContent | undefined>>();
  const load = (ids: readonly number[]): void => {
    const read = getQuestionsByIds(options.db, ids).then((rows) => new Map(rows.map((row) => [row.id, row])));
    for (const id of ids) {
      const one = read
        .then((rows) => {
          const question = rows.get(id);
          if (question) cached.set(id, question);
          return question;
        })
        .finally(() => loading.delete(id));
      // Only the id asked for is awaited: a failed read is that caller's error, not an unhandled rejection.
      one.catch(() => undefined);
      loading.set(id, one);
    }
  };
  return {
    async get(questionId, alongWith = []) {
      const hit = cached.use(questionId);
      if (hit) return hit;
      if (!loading.has(questionId)) {
        const more = alongWith.filter((id) => id !== questionId && !cached.has(id) && !loading.has(id));
        load([questionId, ...new Set(more)]);
      }
      return loading.get(questionId);
    },
  };
}
