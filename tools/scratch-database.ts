/**
 * A throwaway database on an existing server: created empty, dropped (connections and all) by
 * `drop()`. The tests make one per file, the demo and the benchmarks one per run, so that they
 * never touch the database the URL names.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface ScratchDatabase {
  /** The server URL with this database's name as its path. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on the server of `serverUrl` (its user must be allowed to create databases). */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, (admin) => admin.unsafe(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, (admin) => admin.unsafe(`drop database if exists ${name} with (force)`)),
  };
}

async function onServer(serverUrl: string, statement: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await statement(admin);
  } finally {
    await admin.end();
  }
}
