/**
 * When each answer was committed, seen from PostgreSQL without touching the bot's code.
 *
 * The benchmark's throwaway database gets two statement-level triggers on `answers` (AFTER
 * INSERT and AFTER UPDATE, each with a transition table). Once per statement they send
 * `pg_notify` with the update_ids the statement wrote, grouped by question, and the server's
 * clock_timestamp() at that moment. PostgreSQL delivers a notification only when the
 * transaction that sent it commits (after the commit record is flushed when
 * synchronous_commit is on, and after the rows became visible), and never for a transaction
 * that rolls back. So:
 * - the arrival of the notification at the benchmark's LISTEN connection is an upper bound of
 *   the commit moment (it adds delivery: a signal, a socket write and the driver's event loop);
 * - the statement's clock_timestamp() is a lower bound (the commit and its flush come after).
 * The benchmark quotes latency to the arrival (never flattering) and keeps the other bound to
 * show how wide the bracket is.
 *
 * Cost to the bot: one string_agg over the ≤ 500 rows of a batch per statement (microseconds),
 * and notifying transactions serialise their commits on the notification queue's lock, which at
 * the writer's tens of commits per second and concurrency 4 is a wait of at most a few commits.
 * A side table stamped with clock_timestamp() would cost as little but cannot see the commit.
 */
import postgres from 'postgres';

/** The LISTEN channel the triggers notify. */
export const COMMIT_CHANNEL = 'bench_answers_committed';
/** update_ids per notification: 500 ids of up to 12 digits stay far below the 8,000-byte payload limit. */
const IDS_PER_NOTIFICATION = 500;

/**
 * The triggers, created only by {@link installCommitTriggers} in a database the benchmark made
 * for itself (and drops at the end), never in a database the bot runs on for real.
 */
const TRIGGER_SQL = `
create function bench_notify_answers_committed() returns trigger language plpgsql as $$
begin
  perform pg_notify('${COMMIT_CHANNEL}',
    (extract(epoch from clock_timestamp()) * 1000000)::bigint || ' ' || question_id || ' ' || string_agg(update_id::text, ','))
  from (
    select question_id, update_id,
      (row_number() over (partition by question_id order by update_id) - 1) / ${IDS_PER_NOTIFICATION} as chunk
    from written
  ) as rows
  group by question_id, chunk;
  return null;
end $$;
create trigger bench_answers_inserted after insert on answers
  referencing new table as written for each statement execute function bench_notify_answers_committed();
create trigger bench_answers_updated after update on answers
  referencing new table as written for each statement execute function bench_notify_answers_committed();
`;

/** One answer row as the probe saw it committed. */
export interface CommittedAnswer {
  questionId: number;
  /** Notification arrival, in {@link driverNow} milliseconds: the upper bound of the commit. */
  committedAt: number;
  /** The statement's clock_timestamp() in epoch milliseconds: the lower bound of the commit. */
  writtenAt: number;
}

/** A LISTEN connection collecting commit notifications. See {@link listenForCommits}. */
export interface CommitProbe {
  /** First commit seen per update_id (a later write of the same update_id is not a new answer). */
  readonly commits: ReadonlyMap<number, CommittedAnswer>;
  /** Notifications received (at least one per committed batch and question in it). */
  readonly notifications: number;
  /** Resolves once `count` distinct update_ids were seen committed, or rejects after `timeoutMs`. */
  waitForCommits(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The driver's clock: epoch milliseconds with sub-millisecond resolution, monotonic within the
 * process (hand-outs and commit arrivals are both stamped with it).
 */
export function driverNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Creates the commit triggers in the benchmark's own database `url` (migrated already). */
export async function installCommitTriggers(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(TRIGGER_SQL);
  } finally {
    await sql.end();
  }
}

/**
 * Listens on {@link COMMIT_CHANNEL} in database `url`. Start it before the bot writes anything.
 *
 * @example
 * const probe = await listenForCommits(url);
 * // ... answers are written ...
 * await probe.waitForCommits(20_000, 60_000);
 * probe.commits.get(updateId)?.committedAt;
 */
export async function listenForCommits(url: string): Promise<CommitProbe> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const commits = new Map<number, CommittedAnswer>();
  let notifications = 0;
  let waiter: { count: number; resolve: () => void } | undefined;
  await sql.listen(COMMIT_CHANNEL, (payload) => {
    const committedAt = driverNow();
    notifications++;
    const [micros, question, ids] = payload.split(' ');
    const writtenAt = Number(micros) / 1000;
    const questionId = Number(question);
    for (const id of (ids ?? '').split(',')) {
      const updateId = Number(id);
      if (!commits.has(updateId)) commits.set(updateId, { questionId, committedAt, writtenAt });
    }
    if (waiter && commits.size >= waiter.count) waiter.resolve();
  });
  return {
    commits,
    get notifications() {
      return notifications;
    },
    waitForCommits(count, timeoutMs) {
      if (commits.size >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          reject(new Error(`only ${commits.size} of ${count} answers were seen committed within ${timeoutMs} ms`));
        }, timeoutMs);
        waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            waiter = undefined;
            resolve();
          },
        };
      });
    },
    close: () => sql.end(),
  };
}
