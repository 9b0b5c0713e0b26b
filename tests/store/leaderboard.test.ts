import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../../src/store/database.js';
import { upsertAnswers, upsertAnswerUsers, type AnswerRow } from '../../src/store/queries/answers.js';
import { upsertChat } from '../../src/store/queries/chats.js';
import { chatLeaderboard, userScore } from '../../src/store/queries/all-time-leaderboard.js';
import { creditRewards, playerRank, type CreditRewardsParams } from '../../src/store/queries/run-rewards.js';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { createQuiz } from '../../src/store/queries/quizzes.js';
import { getRun, startRun, updateRun } from '../../src/store/queries/runs.js';
import { upsertUser } from '../../src/store/queries/users.js';
import { createMigratedTestDatabase } from '../helpers/database.js';

const CHAT_X = -1001;
const CHAT_Y = -1002;
/** Player ids; the names make the expectations readable. */
const ADA = 101,
  BOB = 102,
  CY = 103,
  DEE = 104,
  EVE = 105,
  FAY = 106,
  GUS = 107,
  HAL = 108;
const names: Record<number, string> = {
  [ADA]: 'Ada',
  [BOB]: 'Bob',
  [CY]: 'Cy',
  [DEE]: 'Dee',
  [EVE]: 'Eve',
  [FAY]: 'Fay',
  [GUS]: 'Gus',
  [HAL]: 'Hal',
};

describe('leaderboard queries', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let runX: number; // in CHAT_X: the ranking scenario
  let runY: number; // in CHAT_Y: a second chat for userScore
  let emptyRun: number; // in CHAT_Y after runY: nobody answered
  let q: number[];
  let updateId = 0;

  /** One answer; `option` null means the vote was retracted. */
  function answer(runId: number, userId: number, question: number, option: number | null, correct: boolean, ms: number): AnswerRow {
    return {
      runId,
      questionId: q[question]!,
      userId,
      firstName: names[userId] ?? '',
      username: `u${userId}`,
      optionIds: option === null ? [] : [option],
      isCorrect: option !== null && correct,
      responseMs: option === null ? null : ms,
      answeredAt: new Date(),
      updateId: ++updateId,
    };
  }

  async function credit(params: CreditRewardsParams): Promise<number> {
    return database.handle.db.transaction((tx: Transaction) => creditRewards(tx, params));
  }

  async function stats(chatId: number) {
    return database.handle.sql<
      { user_id: string; points: string; quizzes_played: number; correct_answers: number; answered_questions: number }[]
    >`
      select user_id, points, quizzes_played, correct_answers, answered_questions
      from player_stats where chat_id = ${chatId} order by user_id`;
  }

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    const { db } = database.handle;
    await upsertUser(db, { id: 1, firstName: 'Admin', username: null });
    await upsertChat(db, { id: CHAT_X, type: 'supergroup', title: 'X' });
    await upsertChat(db, { id: CHAT_Y, type: 'group', title: 'Y' });
    const quiz = await createQuiz(db, {
      ownerId: 1,
      title: 'Scored',
      questions: [0, 1, 2].map((i) => ({ text: `Q${i}`, options: ['a', 'b', 'c'], correctOptionIds: [0] })),
    });
    const rows = await database.handle.sql<{ id: string }[]>`select id from questions where quiz_id = ${quiz.id} order by position`;
    q = rows.map((row) => Number(row.id));
    const settings = { openPeriodS: 20, shuffleOptions: false, rewardPoints: [10, 5, 3], participationPoints: 1 };
    const start = (chatId: number) =>
      startRun(db, { quizId: quiz.id, chatId, startedBy: 1, mode: 'group', questionCount: 3, settings, nextActionAt: null });
    runX = (await start(CHAT_X)).id;
    runY = (await start(CHAT_Y)).id;
    await updateRun(db, runY, { status: 'finished' });
    emptyRun = (await start(CHAT_Y)).id;

    const played: AnswerRow[] = [
      // Cy: 3 correct, slow -> first (more correct beats faster).
      answer(runX, CY, 0, 0, true, 3000),
      answer(runX, CY, 1, 0, true, 3000),
      answer(runX, CY, 2, 0, true, 3000),
      // Bob: 2 correct in 2000 ms, third vote retracted -> answered 2; ties Ada on correct, faster -> second.
      answer(runX, BOB, 0, 0, true, 500),
      answer(runX, BOB, 1, 0, true, 1500),
      answer(runX, BOB, 2, null, false, 0),
      // Ada: 2 correct in 3000 ms (her wrong answer's time does not count) -> third.
      answer(runX, ADA, 0, 0, true, 1000),
      answer(runX, ADA, 1, 0, true, 2000),
      answer(runX, ADA, 2, 1, false, 100),
      // Fay and Gus: 1 correct in 700 ms each, an exact tie -> they share fourth place.
      answer(runX, FAY, 0, 0, true, 700),
      answer(runX, GUS, 1, 0, true, 700),
      // Dee: answered, never right -> listed last, no rank.
      answer(runX, DEE, 0, 2, false, 100),
      // Eve: only a retracted vote -> not a player.
      answer(runX, EVE, 0, null, false, 0),
      // Another run (of the same quiz: a replay for Ada): must not leak into runX.
      answer(runY, ADA, 0, 0, true, 400),
      answer(runY, ADA, 1, 2, false, 400),
      answer(runY, HAL, 0, 0, true, 300),
    ];
    await db.transaction(async (tx) => {
      await upsertAnswerUsers(tx, played);
      await upsertAnswers(tx, played);
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('runLeaderboard', () => {
    it('ranks by correct answers, then by time on correct answers; equal results share a rank; no correct answer, no rank', async () => {
      const board = await runLeaderboard(database.handle.db, runX);
      expect(board.players).toBe(6);
      expect(board.top).toEqual([
        { rank: 1, userId: CY, firstName: 'Cy', username: 'u103', correct: 3, answered: 3, totalCorrectMs: 9000 },
        { rank: 2, userId: BOB, firstName: 'Bob', username: 'u102', correct: 2, answered: 2, totalCorrectMs: 2000 },
        { rank: 3, userId: ADA, firstName: 'Ada', username: 'u101', correct: 2, answered: 3, totalCorrectMs: 3000 },
        { rank: 4, userId: FAY, firstName: 'Fay', username: 'u106', correct: 1, answered: 1, totalCorrectMs: 700 },
        { rank: 4, userId: GUS, firstName: 'Gus', username: 'u107', correct: 1, answered: 1, totalCorrectMs: 700 },
        { rank: null, userId: DEE, firstName: 'Dee', username: 'u104', correct: 0, answered: 1, totalCorrectMs: 0 },
      ]);
    });

    it('limits the top but counts every player', async () => {
      const board = await runLeaderboard(database.handle.db, runX, { limit: 2 });
      expect(board.players).toBe(6);
      expect(board.top.map((entry) => entry.userId)).toEqual([CY, BOB]);
      expect(await runLeaderboard(database.handle.db, emptyRun)).toEqual({ players: 0, top: [] });
    });
  });

  describe('creditRewards / chatLeaderboard / userScore', () => {
    it('credits a run once, however often it is called, and stamps the run', async () => {
      const { db, sql } = database.handle;
      const params = { runId: runX, chatId: CHAT_X, pointsByRank: [10, 5, 3], participationPoints: 1 };
      // Someone already has points in this chat: the upsert must add to them.
      await sql`insert into player_stats (chat_id, user_id, points, quizzes_played, correct_answers, answered_questions)
                values (${CHAT_X}, ${ADA}, 100, 4, 7, 9)`;

      expect(await credit(params)).toBe(6);
      const credited = await getRun(db, runX);
      expect(credited?.rewardsCreditedAt).toBeInstanceOf(Date);

      const rewards = await sql<
        {
          user_id: string;
          rank: number | null;
          points: number;
          credit: string;
          correct_count: number;
          answered_count: number;
          total_response_ms: string;
        }[]
      >`
        select user_id, rank, points, credit, correct_count, answered_count, total_response_ms from rewards where run_id = ${runX} order by rank nulls last, user_id`;
      expect(
        rewards.map((r) => [Number(r.user_id), r.rank, r.points, r.credit, r.correct_count, r.answered_count, Number(r.total_response_ms)]),
      ).toEqual([
        [CY, 1, 11, 'counted', 3, 3, 9000],
        [BOB, 2, 6, 'counted', 2, 2, 2000],
        [ADA, 3, 4, 'counted', 2, 3, 3000],
        [FAY, 4, 1, 'counted', 1, 1, 700],
        [GUS, 4, 1, 'counted', 1, 1, 700],
        [DEE, null, 0, 'counted', 0, 1, 0],
      ]);
      const expectedStats = [
        { user_id: String(ADA), points: '104', quizzes_played: 5, correct_answers: 9, answered_questions: 12 },
        { user_id: String(BOB), points: '6', quizzes_played: 1, correct_answers: 2, answered_questions: 2 },
        { user_id: String(CY), points: '11', quizzes_played: 1, correct_answers: 3, answered_questions: 3 },
        { user_id: String(DEE), points: '0', quizzes_played: 1, correct_answers: 0, answered_questions: 1 },
        { user_id: String(FAY), points: '1', quizzes_played: 1, correct_answers: 1, answered_questions: 1 },
        { user_id: String(GUS), points: '1', quizzes_played: 1, correct_answers: 1, answered_questions: 1 },
      ];
      expect(await stats(CHAT_X)).toEqual(expectedStats);

      // Again: the stamp stops it, nothing changes.
      expect(await credit(params)).toBe(0);
      expect(await stats(CHAT_X)).toEqual(expectedStats);
      expect((await getRun(db, runX))?.rewardsCreditedAt).toEqual(credited?.rewardsCreditedAt);

      // Even with the stamp lost, the rewards rows stop a second credit: player_stats only
      // receives rows this call inserted.
      await sql`update runs set rewards_credited_at = null where id = ${runX}`;
      expect(await credit(params)).toBe(0);
      expect(await stats(CHAT_X)).toEqual(expectedStats);
      expect((await getRun(db, runX))?.rewardsCreditedAt).toBeInstanceOf(Date);
    });

    it('gives a player’s credited standing, whether another shares it, and undefined for someone who did not play', async () => {
      const { db } = database.handle;
      const gus = { userId: GUS, correct: 1, answered: 1, totalCorrectMs: 700, points: 1, credit: 'counted', players: 6 };
      expect(await playerRank(db, runX, GUS)).toEqual({ rank: 4, shared: true, ...gus });
      expect(await playerRank(db, runX, BOB)).toMatchObject({ rank: 2, shared: false, points: 6 });
      expect(await playerRank(db, runX, DEE)).toMatchObject({ rank: null, shared: false, points: 0 });
      expect(await playerRank(db, runX, EVE)).toBeUndefined(); // only retracted
      expect(await playerRank(db, runX, HAL)).toBeUndefined(); // played another run
    });

    it('credits concurrent calls for one run exactly once; a replay of a quiz counts nothing', async () => {
      const params = { runId: runY, chatId: CHAT_Y, pointsByRank: [3], participationPoints: 2 };
      const results = await Promise.all([credit(params), credit(params), credit(params)]);
      expect(results.sort()).toEqual([0, 0, 2]);
      // Ada played this quiz in runX: her rank stands, her points do not count.
      expect(await playerRank(database.handle.db, runY, ADA)).toMatchObject({ rank: 2, points: 0, credit: 'replay', players: 2 });
      expect(await stats(CHAT_Y)).toEqual([
        { user_id: String(HAL), points: '5', quizzes_played: 1, correct_answers: 1, answered_questions: 1 },
      ]);
      expect(await credit({ runId: emptyRun, chatId: CHAT_Y, pointsByRank: [3], participationPoints: 2 })).toBe(0);
      expect(await credit({ runId: 999_999, chatId: CHAT_Y, pointsByRank: [3], participationPoints: 2 })).toBe(0);
    });

    it('counts one of two runs of a quiz credited at once for the same player, and never the quiz’s author', async () => {
      const { db } = database.handle;
      const chats = [-1003, -1004];
      for (const id of chats) await upsertChat(db, { id, type: 'group', title: `Z${id}` });
      const quiz = await createQuiz(db, {
        ownerId: 1,
        title: 'Twice',
        questions: [{ text: 'Z?', options: ['a', 'b'], correctOptionIds: [0] }],
      });
      const [question] = await database.handle.sql<{ id: string }[]>`select id from questions where quiz_id = ${quiz.id}`;
      const settings = { openPeriodS: 20, shuffleOptions: false, rewardPoints: [10], participationPoints: 1 };
      const runs = await Promise.all(
        chats.map(
          async (chatId) =>
            (await startRun(db, { quizId: quiz.id, chatId, startedBy: 1, mode: 'group', questionCount: 1, settings, nextActionAt: null }))
              .id,
        ),
      );
      const played: AnswerRow[] = runs.flatMap((runId) =>
        [BOB, 1].map((userId) => ({
          runId,
          questionId: Number(question!.id),
          userId,
          firstName: names[userId] ?? 'Admin',
          username: null,
          optionIds: [0],
          isCorrect: true,
          responseMs: userId === 1 ? 100 : 200,
          answeredAt: new Date(),
          updateId: ++updateId,
        })),
      );
      await db.transaction(async (tx) => {
        await upsertAnswerUsers(tx, played);
        await upsertAnswers(tx, played);
      });

      expect(
        await Promise.all(runs.map((runId, i) => credit({ runId, chatId: chats[i]!, pointsByRank: [10], participationPoints: 1 }))),
      ).toEqual([2, 2]);
      const credits = await database.handle.sql<{ user_id: string; rank: number; points: number; credit: string }[]>`
        select user_id, rank, points, credit from rewards where run_id in ${database.handle.sql(runs)} order by user_id, credit`;
      // Bob: rank 2 in both runs (the author was faster); 1 point in exactly one of them.
      expect(credits.map((r) => [Number(r.user_id), r.rank, r.points, r.credit])).toEqual([
        [1, 1, 0, 'own-quiz'],
        [1, 1, 0, 'own-quiz'],
        [BOB, 2, 1, 'counted'],
        [BOB, 2, 0, 'replay'],
      ]);
      const bobStats = await database.handle.sql<{ points: string; quizzes_played: number }[]>`
        select points, quizzes_played from player_stats where user_id = ${BOB} and chat_id in ${database.handle.sql(chats)}`;
      expect(bobStats).toEqual([{ points: '1', quizzes_played: 1 }]);
      expect(await database.handle.sql`select 1 from player_stats where user_id = 1`).toHaveLength(0);
    });

    it('orders a chat’s all-time leaderboard by points, equal points sharing a place; nobody without points', async () => {
      const { db } = database.handle;
      const board = await chatLeaderboard(db, CHAT_X);
      expect(board.map((entry) => [entry.rank, entry.userId, entry.points])).toEqual([
        [1, ADA, 104],
        [2, CY, 11],
        [3, BOB, 6],
        [4, FAY, 1],
        [4, GUS, 1],
      ]);
      expect(board[1]).toEqual({
        rank: 2,
        userId: CY,
        firstName: 'Cy',
        username: 'u103',
        points: 11,
        quizzesPlayed: 1,
        correctAnswers: 3,
        answeredQuestions: 3,
      });
      expect((await chatLeaderboard(db, CHAT_X, { limit: 2 })).map((entry) => entry.userId)).toEqual([ADA, CY]);
      expect((await chatLeaderboard(db, CHAT_Y)).map((entry) => entry.userId)).toEqual([HAL]);
      expect(await chatLeaderboard(db, -42)).toEqual([]);
    });

    it('sums a user’s score over every chat, with accuracy', async () => {
      const { db } = database.handle;
      // Ada: CHAT_X 104 points, 5 quizzes, 9/12; her replay in CHAT_Y does not count.
      expect(await userScore(db, ADA)).toEqual({ points: 104, quizzesPlayed: 5, correct: 9, answered: 12, accuracy: 9 / 12 });
      expect(await userScore(db, DEE)).toEqual({ points: 0, quizzesPlayed: 1, correct: 0, answered: 1, accuracy: 0 });
      expect(await userScore(db, EVE)).toEqual({ points: 0, quizzesPlayed: 0, correct: 0, answered: 0, accuracy: 0 });
    });
  });
});
