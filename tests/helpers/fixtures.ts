import type { Database } from '../../src/store/database.js';
import { upsertChat } from '../../src/store/queries/chats.js';
import type { World } from 'telegram-sim/world';
import type { SimUser } from 'telegram-sim/world-types';
import { createQuiz, getQuizWithQuestions, type CreateQuizParams } from '../../src/store/queries/quizzes.js';
import type { Quiz } from '../../src/store/schema/quizzes.js';
import { startRun } from '../../src/store/queries/runs.js';
import { upsertUser } from '../../src/store/queries/users.js';

/** A run with its questions, ready to receive answers. */
export interface RunFixture {
  runId: number;
  questionIds: number[];
  chatId: number;
}

let nextChatId = -1000;

/**
 * An owner, a group chat, a quiz of `questionCount` questions (options `options`, the second
 * one correct) and a running run of it, through the repositories the bot itself uses.
 */
export async function createRunFixture(db: Database, questionCount = 3, options = ['A', 'B', 'C']): Promise<RunFixture> {
  const chatId = nextChatId--;
  const ownerId = 1;
  await upsertUser(db, { id: ownerId, firstName: 'Owner', username: null });
  await upsertChat(db, { id: chatId, type: 'supergroup', title: 'Test group' });
  const quiz = await createQuiz(db, {
    ownerId,
    title: 'Fixture quiz',
    questions: Array.from({ length: questionCount }, (_, i) => ({ text: `Question ${i + 1}?`, options, correctOptionIds: [1] })),
  });
  const run = await startRun(db, {
    quizId: quiz.id,
    chatId,
    startedBy: ownerId,
    mode: 'group',
    questionCount,
    settings: { openPeriodS: 30, shuffleOptions: false, rewardPoints: [100, 50, 25], participationPoints: 5 },
    nextActionAt: new Date(),
  });
  const questions = (await getQuizWithQuestions(db, quiz.id))?.questions ?? [];
  return { runId: run.id, questionIds: questions.map((q) => q.id), chatId };
}

/**
 * A simulator user and a quiz they own, stored directly through the repositories: for the
 * tests of playing (the tests of creating go through the chat).
 */
export async function createQuizOf(
  db: Database,
  world: World,
  owner: { firstName: string; username?: string },
  quiz: Omit<CreateQuizParams, 'ownerId'>,
): Promise<{ owner: SimUser; quiz: Quiz }> {
  const user = world.createUser(owner);
  await upsertUser(db, { id: user.id, firstName: owner.firstName, username: owner.username ?? null });
  return { owner: user, quiz: await createQuiz(db, { ...quiz, ownerId: user.id }) };
}
