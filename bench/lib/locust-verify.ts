/**
 * The check after a Locust step: every answer the webhook acknowledged with 200 (the locustfile
 * writes those players' ids to ACK_DIR) is in `answers`, once, in the step's run. The webhook
 * answers 200 only after the commit, so there is nothing to wait for. Rows of players without a
 * 200 can exist (a request Locust gave up on, or cut at the end, may still have been committed)
 * and are counted, not failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';

export interface StepVerification {
  /** Answers acknowledged with 200. */
  acked: number;
  /** Of those, the ones stored in the step's run. */
  stored: number;
  /** Acknowledged player ids written more than once (the locustfile gave an id twice). */
  ackedTwice: number;
  /** Rows of the run beyond one per player (the primary key forbids them; counted all the same). */
  duplicateRows: number;
  /** Rows of the run whose player got no 200. */
  storedWithoutAck: number;
  pass: boolean;
}

/** Reads the acknowledged ids in `ackDir` and checks them against the run of `pollId`. */
export async function verifyStep(sql: postgres.Sql, pollId: string, ackDir: string): Promise<StepVerification> {
  const ids = fs
    .readdirSync(ackDir)
    .filter((name) => name.startsWith('acked-'))
    .flatMap((name) => fs.readFileSync(path.join(ackDir, name), 'utf8').split('\n'))
    .filter(Boolean);
  const distinct = [...new Set(ids)];
  const [row] = await sql<{ stored: number; rows: number; players: number }[]>`
    with run as (select run_id from run_questions where poll_id = ${pollId})
    select (select count(*) from answers a join run using (run_id) where a.user_id = any(${distinct}::bigint[]))::int as stored,
           (select count(*) from answers a join run using (run_id))::int as rows,
           (select count(distinct (a.question_id, a.user_id)) from answers a join run using (run_id))::int as players`;
  if (!row) throw new Error(`no run has poll ${pollId}`);
  const result = {
    acked: ids.length,
    stored: row.stored,
    ackedTwice: ids.length - distinct.length,
    duplicateRows: row.rows - row.players,
    storedWithoutAck: row.players - row.stored,
  };
  return { ...result, pass: result.stored === result.acked && result.ackedTwice === 0 && result.duplicateRows === 0 };
}
