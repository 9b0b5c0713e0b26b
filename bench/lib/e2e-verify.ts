/**
 * Checks a benchmark run against what the virtual players did: every final answer stored
 * exactly (option by option), every player scored as the players' own log says, every answer
 * update the simulator handed out seen committed.
 */
import { sql } from 'drizzle-orm';
import type { VirtualPlayers } from 'telegram-sim/virtual-players';
import type { Database } from '../../src/store/database.js';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';

/** What {@link verifyRun} found; `problems` is empty when everything matched. */
export interface Verification {
  pass: boolean;
  /** Answer rows of the run in the database. */
  answersStored: number;
  /** Final answers the players left (their last vote on each poll). */
  answersExpected: number;
  playersRanked: number;
  /** The first few mismatches, each in words. */
  problems: string[];
}

/** Problems listed in full; beyond that only counted. */
const PROBLEMS_SHOWN = 10;

/**
 * Compares run `runId` in `db` with `players`' final answers and expected scores, and checks
 * that each of `handedOut` (poll_answer update_ids) is in `committed`.
 */
export async function verifyRun(
  db: Database,
  runId: number,
  players: VirtualPlayers,
  handedOut: Iterable<number>,
  committed: ReadonlyMap<number, unknown>,
): Promise<Verification> {
  const problems: string[] = [];
  let more = 0;
  const problem = (text: string): void => {
    if (problems.length < PROBLEMS_SHOWN) problems.push(text);
    else more++;
  };

  const stats = players.stats();
  if (stats.lateRefused > 0 || stats.refused > 0)
    problem(`${stats.lateRefused} votes came too late and ${stats.refused} were refused by the simulator`);

  const pollRows = await db.execute<{ poll_id: string; question_id: string | number }>(
    sql`select poll_id, question_id from run_questions where run_id = ${runId}::bigint and poll_id is not null`,
  );
  const questionOfPoll = new Map(pollRows.map((r) => [r.poll_id, Number(r.question_id)]));
  const answerRows = await db.execute<{ question_id: string | number; user_id: string | number; option_ids: number[] }>(
    sql`select question_id, user_id, option_ids from answers where run_id = ${runId}::bigint`,
  );
  const stored = new Map<string, string>();
  for (const row of answerRows) stored.set(`${Number(row.question_id)}:${Number(row.user_id)}`, row.option_ids.join(','));

  let expectedCount = 0;
  for (const [pollId, choices] of players.finalAnswers()) {
    const questionId = questionOfPoll.get(pollId);
    if (questionId === undefined) {
      problem(`poll ${pollId} the players answered is not a question of run ${runId}`);
      continue;
    }
    for (const [userId, optionIds] of choices) {
      expectedCount++;
      const key = `${questionId}:${userId}`;
      const got = stored.get(key);
      if (got === undefined) problem(`question ${questionId}: the answer of user ${userId} is missing`);
      else if (got !== optionIds.join(','))
        problem(`question ${questionId}: user ${userId} chose [${optionIds.join(',')}], stored [${got}]`);
      stored.delete(key);
    }
  }
  for (const key of stored.keys()) problem(`answer ${key} (question:user) is stored but no player gave it`);

  const expectedScores = [...players.expectedScores()].filter(([, score]) => score.answered > 0);
  const board = await runLeaderboard(db, runId, { limit: players.userIds.length + 1 });
  if (board.players !== expectedScores.length) problem(`${board.players} players ranked, ${expectedScores.length} expected`);
  const ranked = new Map(board.top.map((entry) => [entry.userId, entry]));
  for (const [userId, score] of expectedScores) {
    const entry = ranked.get(userId);
    if (!entry) problem(`user ${userId} is not ranked`);
    else if (entry.correct !== score.correct || entry.answered !== score.answered) {
      problem(`user ${userId}: ${entry.correct}/${entry.answered} correct in the standings, ${score.correct}/${score.answered} expected`);
    }
  }

  let unseen = 0;
  for (const updateId of handedOut) if (!committed.has(updateId)) unseen++;
  if (unseen > 0) problem(`${unseen} poll_answer updates handed to the bot were never seen committed`);

  if (more > 0) problems.push(`... and ${more} more`);
  return {
    pass: problems.length === 0,
    answersStored: answerRows.length,
    answersExpected: expectedCount,
    playersRanked: board.players,
    problems,
  };
}
