/**
 * When a run's budget runs out before every group finished, what the bot was doing: its own
 * /monitoring/stats, and its database backends as PostgreSQL sees them (state, what each waits
 * for, which backend blocks it, the statement). A stuck storm then says why in its report
 * instead of only "never".
 */
import postgres from 'postgres';

/** One of the bot's backends that was not idle. */
export interface BackendSnapshot {
  state: string;
  waitEvent: string | null;
  /** pids of the backends it waits for (pg_blocking_pids). */
  blockedBy: number[];
  pid: number;
  transactionAgeS: number | null;
  query: string;
}

/** What {@link snapshotStall} saw. */
export interface StallSnapshot {
  /** GET /monitoring/stats as the bot answered it (null when it did not). */
  botStats: unknown;
  backends: BackendSnapshot[];
}

/** Reads the bot's stats and its non-idle backends on database `dbName` of the server at `url`. */
export async function snapshotStall(options: { httpPort: number; url: string; dbName: string }): Promise<StallSnapshot> {
  let botStats: unknown = null;
  try {
    const response = await fetch(`http://127.0.0.1:${options.httpPort}/monitoring/stats`, { signal: AbortSignal.timeout(5_000) });
    botStats = await response.json();
  } catch {
    // the bot did not answer: that is part of the picture
  }
  const sql = postgres(options.url, { max: 1, onnotice: () => {}, connection: { application_name: 'bench-groups-stall' } });
  try {
    const rows = await sql<
      { pid: number; state: string; wait: string | null; blocked_by: number[]; age_s: number | null; query: string }[]
    >`
      select pid, coalesce(state, '') as state, wait_event_type || ':' || wait_event as wait, pg_blocking_pids(pid) as blocked_by,
             extract(epoch from now() - xact_start)::float8 as age_s, left(query, 160) as query
      from pg_stat_activity
      where datname = ${options.dbName} and application_name like 'quiz-agent/%' and state is distinct from 'idle'
      order by xact_start`;
    const backends = rows.map((r) => ({
      pid: r.pid,
      state: r.state,
      waitEvent: r.wait,
      blockedBy: r.blocked_by,
      transactionAgeS: r.age_s === null ? null : Math.round(r.age_s),
      query: r.query.replace(/\s+/g, ' ').trim(),
    }));
    return { botStats, backends };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** One line for the report: how many backends were in which state, and how many waited on a lock held by another. */
export function describeStall(stall: StallSnapshot): string {
  const states = new Map<string, number>();
  for (const b of stall.backends) states.set(b.state, (states.get(b.state) ?? 0) + 1);
  const blocked = stall.backends.filter((b) => b.blockedBy.length > 0);
  const engine = (stall.botStats as { quiz_engine?: { active_runs?: number; steps_in_progress?: number } } | null)?.quiz_engine;
  const writer = (stall.botStats as { answer_writer?: { buffered?: number } } | null)?.answer_writer;
  const parts = [
    engine
      ? `the bot reported ${engine.active_runs ?? '?'} active runs and ${engine.steps_in_progress ?? '?'} steps in progress`
      : 'the bot reported no engine figures',
    writer ? `${writer.buffered ?? '?'} answers buffered in its writer` : '',
    `its non-idle backends: ${[...states].map(([state, n]) => `${n} ${state}`).join(', ') || 'none'}`,
    blocked.length > 0
      ? `${blocked.length} waiting on a lock (${blocked.map((b) => `"${b.query.slice(0, 60)}..." blocked by ${b.blockedBy.map((pid) => describeBackend(stall, pid)).join(', ')}`).join('; ')})`
      : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function describeBackend(stall: StallSnapshot, pid: number): string {
  const b = stall.backends.find((x) => x.pid === pid);
  return b ? `a backend ${b.state} for ${b.transactionAgeS ?? '?'} s after "${b.query.slice(0, 60)}..."` : `pid ${pid}`;
}
