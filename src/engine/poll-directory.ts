/**
 * Which run question a poll belongs to, for every `poll_answer`: the answers feature asks here
 * thousands of times a second, so the engine puts each poll it sends in a memory cache and
 * the database is asked only about polls this process did not send (another instance, or
 * before a restart). Concurrent lookups of one uncached poll share one query.
 */
import { BoundedCache } from '../lib/bounded-cache.js';
import type { Executor } from '../store/database.js';
import { findRunQuestionByPollId, type PolledQuestion, type ReservedQuestion } from '../store/queries/run-questions.js';
import type { Run } from '../store/schema/runs.js';

export interface PollDirectory {
  /** The run question of `pollId`, or `undefined` when no run sent such a poll. */
  lookup(pollId: string): Promise<PolledQuestion | undefined>;
  /** Whether the poll is in memory (no database query): a `poll` update about it tells nothing new. */
  isCached(pollId: string): boolean;
  /** Remembers a poll just sent (before its row is committed, so that the fastest answers find it). */
  remember(pollId: string, question: PolledQuestion): void;
  /** Marks a run's question closed in the cache (the database row is stamped by the engine). */
  markClosed(runId: number, position: number, closedAt: Date): void;
  /** Polls held in memory. */
  size(): number;
}

/** Options of {@link createPollDirectory}. */
export interface PollDirectoryOptions {
  db: Executor;
  /** Polls kept in memory; the oldest are forgotten first [10,000]. */
  limit?: number;
}

export function createPollDirectory(options: PollDirectoryOptions): PollDirectory {
  const limit = options.limit ?? 10_000;
  const cache = new BoundedCache<string, PolledQuestion>(limit);
  const loading = new Map<string, Promise<PolledQuestion | undefined>>();

  const store = (pollId: string, question: PolledQuestion): void => cache.set(pollId, question);

  return {
    lookup(pollId) {
      const cached = cache.get(pollId);
      if (cached) return Promise.resolve(cached);
      let pending = loading.get(pollId);
      if (!pending) {
        pending = findRunQuestionByPollId(options.db, pollId).then(
          (found) => {
            loading.delete(pollId);
            // Unknown polls are not cached: the row may simply not be committed yet.
            if (found) store(pollId, found);
            return found;
          },
          (error: unknown) => {
            loading.delete(pollId);
            throw error;
          },
        );
        loading.set(pollId, pending);
      }
      return pending;
    },
    isCached: (pollId) => cache.has(pollId),
    remember: store,
    markClosed(runId, position, closedAt) {
      for (const question of cache.values()) {
        if (question.runId === runId && question.position === position && question.closedAt === null) question.closedAt = closedAt;
      }
    },
    size: () => cache.size,
  };
}

/** The directory's entry for a question of `run` whose poll went out at `sentAt`, open until `closesAt`. */
export function polledQuestionOf(
  run: Pick<Run, 'chatId' | 'mode'> & { id: number },
  question: ReservedQuestion & { position: number; sentAt: Date; closesAt: Date },
): PolledQuestion {
  return {
    runId: run.id,
    chatId: run.chatId,
    mode: run.mode,
    questionId: question.questionId,
    position: question.position,
    sentAt: question.sentAt,
    closesAt: question.closesAt,
    closedAt: null,
    shownOrder: question.shownOrder,
    correctOptionIds: question.correctOptionIds,
    optionCount: question.optionCount,
  };
}
