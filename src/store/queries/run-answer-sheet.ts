/**
 * What a finished run's results file holds (src/quiz/results-csv.ts writes it): the chat's
 * latest credited run, the questions it asked in their order, every player's answers, and the
 * players as credited (run-rewards.ts owns the ranks and points; they are read from there).
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { ResultsCsvSheet } from '../../quiz/results-csv.js';
import type { Executor } from '../database.js';
import { runs, type Run } from '../schema/runs.js';
import { runResults } from './run-rewards.js';

/** More players than a run can have: runResults reads every credited player, not a top. */
const ALL_PLAYERS = 2_147_483_647;

/**
 * The chat's most recently started run that finished and was credited (a run stopped with
 * /stopquiz finishes too; a cancelled one has no results), or `undefined`.
 */
export async function latestFinishedRun(executor: Executor, chatId: number): Promise<Run | undefined> {
  const [run] = await executor
    .select()
    .from(runs)
    .where(and(eq(runs.chatId, chatId), eq(runs.status, 'finished'), isNotNull(runs.rewardsCreditedAt)))
    // runs_chat_idx is (chat_id, started_at): the newest start is the last run to have finished,
    // since a chat has one active run at a time.
    .orderBy(desc(runs.startedAt), desc(runs.id))
    .limit(1);
  return run;
}

type QuestionRow = { position: number; options: string[] };
type AnswerRow = { user_id: string | number; position: number; option_ids: number[]; is_correct: boolean };

/**
 * Everything the results file of `runId` shows (src/quiz/results-csv.ts): the questions it asked (by position; a stopped
 * run's unasked ones are left out), each credited player best first with their answers. Answers
 * are in the quiz's option order already (the writer maps shuffled polls back), so they index
 * the question's options as stored.
 */
export async function runAnswerSheet(executor: Executor, runId: number): Promise<ResultsCsvSheet> {
  const questionRows = await executor.execute<QuestionRow>(sql`
    select run_questions.position, questions.options
    from run_questions join questions on questions.id = run_questions.question_id
    where run_questions.run_id = ${runId}::bigint
    order by run_questions.position`);
  const indexOfPosition = new Map(questionRows.map((row, index) => [row.position, index]));
  const answerRows = await executor.execute<AnswerRow>(sql`
    select answers.user_id, run_questions.position, answers.option_ids, answers.is_correct
    from answers
    join run_questions on run_questions.run_id = answers.run_id and run_questions.question_id = answers.question_id
    where answers.run_id = ${runId}::bigint`);
  const answersByUser = new Map<number, Map<number, { optionIds: number[]; isCorrect: boolean }>>();
  for (const row of answerRows) {
    const index = indexOfPosition.get(row.position);
    if (index === undefined) continue;
    const userId = Number(row.user_id);
    let answers = answersByUser.get(userId);
    if (!answers) answersByUser.set(userId, (answers = new Map()));
    answers.set(index, { optionIds: row.option_ids, isCorrect: row.is_correct });
  }
  const credited = await runResults(executor, runId, { limit: ALL_PLAYERS });
  return {
    questions: questionRows.map((row) => ({ options: row.options })),
    // A credited entry is a results row already (its rank, name, counts, time and points), with the answers added.
    players: credited.top.map((entry) => ({ ...entry, answers: answersByUser.get(entry.userId) ?? new Map() })),
  };
}
