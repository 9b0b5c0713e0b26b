/**
 * The engine's question cache (src/engine/question-cache.ts) on a real database: a run's
 * questions cost one query on a miss (the next ones come along), concurrent runs asking one
 * question share a query, retired questions are still served, and an unknown id is undefined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestionCache } from '../../src/engine/question-cache.js';
import { editQuizQuestions } from '../../src/store/queries/quiz-edits.js';
import { createQuiz, getQuestionsByIds, getQuizToStart } from '../../src/store/queries/quizzes.js';
import { upsertUser } from '../../src/store/queries/users.js';
import { createMigratedTestDatabase } from '../helpers/database.js';

describe('the question cache', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  const ownerId = 81;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    await upsertUser(database.handle.db, { id: ownerId, firstName: 'Owner', username: null });
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** A quiz of `count` questions and their ids in order. */
  async function quizOf(count: number): Promise<{ quizId: number; ids: number[] }> {
    const questions = Array.from({ length: count }, (_, i) => ({ text: `Q${i + 1}?`, options: ['yes', 'no'], correctOptionIds: [0] }));
    const quiz = await createQuiz(database.handle.db, { ownerId, title: 'Cached', questions });
    return { quizId: quiz.id, ids: (await getQuizToStart(database.handle.db, quiz.id))?.questionIds ?? [] };
  }
  /** Uses of a pool connection `work` started (each query is one). */
  async function queriesOf(work: () => Promise<unknown>): Promise<number> {
    const before = database.handle.uses().started;
    await work();
    return database.handle.uses().started - before;
  }

  it("reads a run's questions in one query: the next ones come along with the first", async () => {
    const { ids } = await quizOf(4);
    const cache = createQuestionCache({ db: database.handle.db });
    const read: unknown[] = [];
    const queries = await queriesOf(async () => {
      for (const [position, id] of ids.entries()) read.push(await cache.get(id, ids.slice(position + 1)));
    });
    expect(queries).toBe(1);
    const rows = await getQuestionsByIds(database.handle.db, ids);
    expect(read).toEqual(ids.map((id) => rows.find((row) => row.id === id)));
  });

  it('shares one query between concurrent runs asking the same question', async () => {
    const { ids } = await quizOf(2);
    const cache = createQuestionCache({ db: database.handle.db });
    const queries = await queriesOf(() => Promise.all(Array.from({ length: 20 }, () => cache.get(ids[0]!, ids.slice(1)))));
    expect(queries).toBe(1);
    expect(await queriesOf(() => cache.get(ids[1]!))).toBe(0);
  });

  it('serves a question an edit retired, and undefined for an id that names no question', async () => {
    const { quizId, ids } = await quizOf(2);
    const edited = await editQuizQuestions(database.handle.db, { quizId, ownerId, edit: { kind: 'delete', number: 1 } });
    expect(edited.ok).toBe(true);
    const cache = createQuestionCache({ db: database.handle.db });
    expect(await cache.get(ids[0]!)).toMatchObject({ id: ids[0], text: 'Q1?' });
    expect(await cache.get(999_999_999, [ids[1]!])).toBeUndefined();
    expect(await queriesOf(() => cache.get(ids[1]!))).toBe(0);
  });
});
