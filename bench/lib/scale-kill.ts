/**
 * The kill of a failover run (scale-storm.ts): at the given second the replica holding the most
 * run claims is killed with SIGKILL, and the runs it held then are named (a dead instance's
 * claims stay as they were until they lapse); afterwards, how late those runs' first message
 * after the kill came, beside the storm's other runs (scale-pauses.ts), and the fleet's
 * messages per second around it.
 */
import postgres from 'postgres';
import type { World } from 'telegram-sim/world';
import { driverNow } from './e2e-commits.js';
import type { ReplicaFleet } from './replica-fleet.js';
import { delayAfter, messagesPerSecond, type RunTranscript } from './scale-pauses.js';
import { round } from './stats.js';

/** What a failover run saw of the kill. */
export interface KillFigures {
  atS: number;
  replica: number;
  pid: number;
  /** Runs the killed replica held a claim on when it died. */
  affectedRuns: number;
  /**
   * Largest delay of an affected run's first step after the kill (scale-pauses.ts delayAfter:
   * how late it came, counted from the kill at the earliest), s; null with none affected.
   */
  maxPauseAffectedS: number | null;
  /** The same over the storm's other runs' first steps after the kill: what the storm alone costs then. */
  maxPauseOthersS: number;
  /** The bot's messages per second in the storm's groups, from 10 s before the kill to 30 s after (all replicas). */
  messagesPerSecond: { before: number[]; after: number[] };
}

/** The kill of a failover run: when (driver ms), which replica, the groups whose runs it held. */
export interface Killed {
  at: number;
  /** The same moment on the simulator's clock (transcripts are stamped with it). */
  simAt: number;
  replica: number;
  pid: number;
  affectedChats: Set<number>;
}

/** Runs `kill` after `afterS`; resolves with what it did (undefined if it failed or was cancelled by a cleanup). */
export function killLater(afterS: number, kill: () => Promise<Killed>, cleanups: (() => Promise<unknown>)[]): Promise<Killed | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      kill().then(resolve, (error: unknown) => {
        console.error('bench:scale: the kill failed:', error);
        resolve(undefined);
      });
    }, afterS * 1000);
    cleanups.unshift(async () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/** Kills the replica with the most run claims (SIGKILL) once one holds some, and names the runs it held. */
export async function killBusiest(adminUrl: string, dbName: string, fleet: ReplicaFleet, simNow: () => number): Promise<Killed> {
  const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // An instance id is `<host>/<pid>/<random>` (src/app.ts): the pid tells the replica. Claims
    // are held only while a step's messages wait, so wait (at most 15 s) for a replica holding some.
    let claims: { pid: string; n: number }[] = [];
    for (let waited = 0; waited < 15_000 && claims.length === 0; waited += 100) {
      claims = await db<{ pid: string; n: number }[]>`
        select split_part(claimed_by, '/', 2) as pid, count(*)::int as n from runs
        where claimed_by is not null and status in ('running', 'finishing') group by 1 order by 2 desc`;
      if (claims.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const alive = fleet.replicas.filter((r) => r.alive);
    const target = alive.find((r) => String(r.pid) === claims[0]?.pid) ?? alive[alive.length - 1];
    if (!target) throw new Error('no replica left to kill');
    const at = driverNow();
    const simAt = simNow();
    await fleet.kill(target.index);
    // A dead instance's claims stay as they were until they lapse: these are the runs it held.
    const held = await db<{ chat_id: string }[]>`
      select chat_id::text from runs where split_part(claimed_by, '/', 2) = ${String(target.pid)}`;
    return { at, simAt, replica: target.index, pid: target.pid, affectedChats: new Set(held.map((r) => Number(r.chat_id))) };
  } finally {
    await db.end({ timeout: 1 });
  }
}

export function killFigures(killed: Killed, stormStartedAt: number, transcripts: readonly RunTranscript[], world: World): KillFigures {
  const delays = (runs: readonly RunTranscript[]): number[] =>
    runs.map((r) => delayAfter(r, killed.simAt)).filter((d): d is number => d !== undefined);
  const chats = transcripts.map((r) => r.chatId);
  const affected = delays(transcripts.filter((r) => killed.affectedChats.has(r.chatId)));
  const others = delays(transcripts.filter((r) => !killed.affectedChats.has(r.chatId)));
  return {
    atS: round((killed.at - stormStartedAt) / 1000, 1),
    replica: killed.replica,
    pid: killed.pid,
    affectedRuns: killed.affectedChats.size,
    maxPauseAffectedS: affected.length === 0 ? null : round(Math.max(...affected) / 1000, 1),
    maxPauseOthersS: round(Math.max(0, ...others) / 1000, 1),
    messagesPerSecond: {
      before: messagesPerSecond(world, chats, killed.simAt - 10_000, 10),
      after: messagesPerSecond(world, chats, killed.simAt, 30),
    },
  };
}
