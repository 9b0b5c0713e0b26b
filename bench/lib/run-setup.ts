/**
 * What a benchmark report says about where it ran: the PostgreSQL server (version and
 * durability settings) and the code (HEAD and the files under src/ that differ from it, so a
 * measurement of work in progress, or of a baseline with the benchmark's hook copied in, says so).
 */
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import type { E2eServer } from './e2e-report.js';

/** The server at `url`: version, fsync and synchronous_commit. */
export async function describeServer(url: string, source: E2eServer['source']): Promise<E2eServer> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string; fsync: string; synchronous_commit: string }[]>`
      select current_setting('server_version') as version, current_setting('fsync') as fsync,
             current_setting('synchronous_commit') as synchronous_commit`;
    if (!row) throw new Error('the server did not describe itself');
    return { source, version: row.version, fsync: row.fsync, synchronousCommit: row.synchronous_commit };
  } finally {
    await sql.end();
  }
}

/** HEAD's short hash and the paths under src/ that differ from it (untracked ones too). */
export function describeSource(): { commit: string; changedSrcFiles: string[] } {
  const git = (...args: string[]): string => spawnSync('git', args, { encoding: 'utf8' }).stdout ?? '';
  // Porcelain lines are "XY path": two status letters (either may be a space), a space, the path.
  const changed = git('status', '--porcelain', '--untracked-files=all', '--', 'src')
    .split('\n')
    .filter((line) => line.length > 3);
  return { commit: git('rev-parse', '--short', 'HEAD').trim() || 'unknown', changedSrcFiles: changed.map((line) => line.slice(3)) };
}
