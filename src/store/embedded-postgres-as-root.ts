/**
 * Running the embedded PostgreSQL when quiz-agent runs as root, which PostgreSQL refuses: the
 * server runs as the system user "postgres" instead, and this module finds that user and checks
 * what it can reach, copying the binaries once to where it can run them. Apart from the start
 * sequence because none of it happens for a normal user.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { binariesIn, type EmbeddedBinaries } from './embedded-binaries.js';
import { exists } from './embedded-postgres-data-dir.js';
import { EmbeddedPostgresError } from './errors.js';

/** The system user the server runs as when quiz-agent runs as root. */
const SERVER_SYSTEM_USER = 'postgres';

/** The uid and gid the server's programs run as. */
export interface Credentials {
  uid: number;
  gid: number;
}

/** The "postgres" user's ids when running as root; undefined for a normal user. */
export function rootCredentials(): Credentials | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', SERVER_SYSTEM_USER], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', SERVER_SYSTEM_USER], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new EmbeddedPostgresError(
      'PostgreSQL refuses to run as root and there is no "postgres" system user to run it as. ' +
        'Run quiz-agent as a normal user, create that user (useradd postgres), or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export function canUserRun(who: Credentials, binary: string): boolean {
  return spawnSync('test', ['-x', binary], { uid: who.uid, gid: who.gid }).status === 0;
}

export function canUserWrite(who: Credentials, dir: string): boolean {
  return spawnSync('sh', ['-c', '[ -w "$1" ] && [ -x "$1" ]', 'sh', dir], { uid: who.uid, gid: who.gid }).status === 0;
}

/** Copies the binaries once per version to a world-readable place under the temp directory. */
export async function copyBinariesFor(who: Credentials, binaries: EmbeddedBinaries): Promise<EmbeddedBinaries> {
  const target = path.join(os.tmpdir(), `quiz-agent-pg-bin-${binaries.version}`);
  const marker = path.join(target, '.complete');
  if (!(await exists(marker))) {
    const staging = `${target}.${process.pid}.tmp`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.cp(binaries.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(staging, 0o755);
    await fs.writeFile(path.join(staging, '.complete'), '');
    if (await exists(marker)) {
      await fs.rm(staging, { recursive: true, force: true }); // another process finished first
    } else {
      await fs.rm(target, { recursive: true, force: true }); // an incomplete copy, never used
      await fs.rename(staging, target).catch(async (error: unknown) => {
        if (!(await exists(marker))) throw error;
        await fs.rm(staging, { recursive: true, force: true });
      });
    }
  }
  const copied = binariesIn(target, binaries.version);
  if (!canUserRun(who, copied.postgres)) {
    throw new EmbeddedPostgresError(
      `The "postgres" system user cannot run ${copied.postgres}. Run quiz-agent as a normal user or set DATABASE_URL.`,
    );
  }
  return copied;
}
