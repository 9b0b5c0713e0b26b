/**
 * The embedded PostgreSQL's data directory and who holds it: creating it with the right owner
 * and mode, the password kept beside it, and the lock that keeps two processes off one
 * directory (`<dataDir>.owner`, next to PostgreSQL's own postmaster.pid): a server orphaned by
 * a killed process is stopped, one owned by a live process is refused.
 */
import { constants as fsConstants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Credentials } from './embedded-postgres-as-root.js';
import { EmbeddedPostgresError } from './errors.js';

/** Parents with the default mode (the server's user must traverse them), the data dir private and the server's. */
export async function prepareDataDir(dataDir: string, runAs?: Credentials): Promise<void> {
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await fs.chown(dataDir, runAs.uid, runAs.gid);
}

/** The superuser password kept beside the data directory (mode 0600), made on first start. */
export async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

/**
 * A server left running by a process that was killed (kill -9 leaves PostgreSQL orphaned)
 * holds the data directory; stop it so this start can proceed. A server whose owner (the pid
 * recorded in `<dataDir>.owner` at start) is still alive belongs to another running
 * quiz-agent: refuse rather than pull it away.
 */
export async function clearOrphanedServer(dataDir: string, logger: Logger): Promise<void> {
  const pid = await readPostmasterPid(dataDir);
  if (pid === undefined || !isAlive(pid)) return;
  const owner = Number((await fs.readFile(ownerFile(dataDir), 'utf8').catch(() => '')).trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedPostgresError(
      `${dataDir} is in use by PostgreSQL (pid ${pid}) of another running process (pid ${owner}). ` +
        'Stop that process, set EMBEDDED_PG_DIR to another directory, or set DATABASE_URL.',
    );
  }
  logger.warn({ pid, dataDir }, 'Stopping an embedded PostgreSQL left running by a previous process');
  process.kill(pid, 'SIGINT');
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The pid in `<dataDir>/postmaster.pid`, if a server ever started there. */
async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Where the pid of the process that owns the running server is recorded. */
export function ownerFile(dataDir: string): string {
  return `${dataDir}.owner`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}
