/**
 * Checks every group of a storm against its players' own log: the database (each final answer
 * stored exactly once, each player scored as the log says: e2e-verify.ts, group by group), the
 * results message the group saw (a finished run, every player ranked with the number of
 * correct answers the log gives them), and the questions the group saw (each at most once).
 */
import { sql } from 'drizzle-orm';
import type { VirtualPlayers } from 'telegram-sim/virtual-players';
import type { Database } from '../../src/store/database.js';
import { verifyRun } from './e2e-verify.js';
import type { GroupLog } from './groups-watch.js';

/** One group as the storm played it. */
export interface StormGroup {
  chatId: number;
  /** Its place in the start order, from 1. */
  order: number;
  players: VirtualPlayers;
  /** First name of each player (the results message names players by first name). */
  names: ReadonlyMap<number, string>;
  log: GroupLog;
}

/** What {@link verifyGroups} found over all groups. */
export interface GroupsVerification {
  pass: boolean;
  groups: number;
  /** Groups whose run finished and whose database rows and results message matched the log. */
  groupsCorrect: number;
  /** Failing groups by what failed (a group may fail in several ways). */
  failures: {
    /** No results message arrived. */
    noResults: number;
    /** Answers missing, different or extra in the database, or standings that differ from the log. */
    database: number;
    /** A results message that does not match the log (a stopped run, a player missing or miscounted). */
    resultsText: number;
    /** A question asked twice or never. */
    questions: number;
  };
  answersStored: number;
  answersExpected: number;
  /** Polls sent more than once for the same question (extra copies), over all groups. */
  doubledQuestions: number;
  groupsWithDoubles: number;
  /** The first failing groups, one line each: its first problem and how many more it has. */
  problems: string[];
}

const GROUPS_SHOWN = 20;
/** A player's line in the results: medal, "4." or "•" (no correct answer, no place), name, "– c/n correct · ...". */
const RESULT_LINE = /^(?:🥇|🥈|🥉|\d+\.|•) (.+) – (\d+)\/(\d+) correct · /u;

/** Verifies every group of run `quizId` (its runs found by chat). */
export async function verifyGroups(
  db: Database,
  quizId: number,
  groups: readonly StormGroup[],
  questions: number,
): Promise<GroupsVerification> {
  const runs = await db.execute<{ id: string | number; chat_id: string | number }>(
    sql`select id, chat_id from runs where quiz_id = ${quizId}::bigint`,
  );
  const runOfChat = new Map<number, number[]>();
  for (const row of runs) runOfChat.set(Number(row.chat_id), [...(runOfChat.get(Number(row.chat_id)) ?? []), Number(row.id)]);

  const problems: string[] = [];
  const failures = { noResults: 0, database: 0, resultsText: 0, questions: 0 };
  let failing = 0;
  let answersStored = 0;
  let answersExpected = 0;
  let doubledQuestions = 0;
  let groupsWithDoubles = 0;
  for (const group of groups) {
    const found: Record<keyof typeof failures, string[]> = { noResults: [], database: [], resultsText: [], questions: [] };
    const copies = new Map<string, number>();
    for (const poll of group.log.polls) copies.set(poll.question, (copies.get(poll.question) ?? 0) + 1);
    const extra = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
    if (extra > 0) {
      doubledQuestions += extra;
      groupsWithDoubles++;
      found.questions.push(`${extra} question(s) sent more than once (${group.log.polls.length} polls for ${copies.size} questions)`);
    }
    if (copies.size !== questions) found.questions.push(`${copies.size} of ${questions} questions were asked`);

    const runIds = runOfChat.get(group.chatId) ?? [];
    if (runIds.length !== 1) {
      found.database.push(`${runIds.length} runs of the quiz in the database, 1 expected`);
    } else {
      const v = await verifyRun(db, runIds[0] as number, group.players, [], new Map());
      answersStored += v.answersStored;
      answersExpected += v.answersExpected;
      found.database.push(...v.problems);
    }
    if (group.log.resultsText === undefined) found.noResults.push('no results message');
    else found.resultsText.push(...resultsProblems(group, questions));

    const all = Object.values(found).flat();
    if (all.length === 0) continue;
    failing++;
    for (const kind of Object.keys(found) as (keyof typeof failures)[]) if (found[kind].length > 0) failures[kind]++;
    if (problems.length < GROUPS_SHOWN) {
      problems.push(
        `group #${group.order} (chat ${group.chatId}): ${all[0] as string}${all.length > 1 ? ` (and ${all.length - 1} more problems)` : ''}`,
      );
    }
  }
  if (failing > problems.length) problems.push(`... and ${failing - problems.length} more groups`);
  return {
    pass: failing === 0,
    groups: groups.length,
    groupsCorrect: groups.length - failing,
    failures,
    answersStored,
    answersExpected,
    doubledQuestions,
    groupsWithDoubles,
    problems,
  };
}

/** What is wrong with the group's results message (nothing: []). */
function resultsProblems(group: StormGroup, questions: number): string[] {
  const text = group.log.resultsText ?? '';
  if (!text.includes('has finished')) return [`the run did not finish normally: ${text.split('\n')[0] ?? ''}`];
  const expected = group.players.expectedScores();
  const out: string[] = [];
  const header = new RegExp(`${questions} questions? · ([\\d,]+) players?`).exec(text);
  const ranked = header ? Number((header[1] as string).replaceAll(',', '')) : Number.NaN;
  if (ranked !== expected.size)
    out.push(`the results rank ${Number.isNaN(ranked) ? 'an unreadable number of' : ranked} players, ${expected.size} played`);
  const correctByName = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = RESULT_LINE.exec(line);
    if (match) correctByName.set(match[1] as string, Number(match[2]));
  }
  const more = /…and ([\d,]+) more players?/.exec(text);
  const shownPlus = correctByName.size + (more ? Number((more[1] as string).replaceAll(',', '')) : 0);
  if (shownPlus !== expected.size)
    out.push(`the results show ${correctByName.size} players (+${shownPlus - correctByName.size} more), ${expected.size} played`);
  for (const [userId, score] of expected) {
    const name = group.names.get(userId) ?? '';
    const shown = correctByName.get(name);
    // Only the top of a big group is listed; with the default 10 players everyone is.
    if (shown !== undefined && shown !== score.correct) out.push(`the results give ${name} ${shown} correct, the log ${score.correct}`);
    if (shown === undefined && !more) out.push(`${name} is missing from the results`);
  }
  return out;
}
