import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres.js';
import { EmbeddedPostgresError } from '../../src/store/errors.js';
import { testLogger } from '../helpers/database.js';

describe('embedded PostgreSQL', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'quiz-agent-embedded-'));
    await fs.chmod(root, 0o755); // as root, the server's own user must reach it
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('keeps its data across a stop and a start', async () => {
    const dataDir = path.join(root, 'persist');
    const first = await startEmbeddedPostgres({ dataDir, logger: testLogger });
    const sql = postgres(first.url, { max: 1 });
    await sql`create table kept (value text)`;
    await sql`insert into kept values ('still here')`;
    await sql.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, logger: testLogger });
    const again = postgres(second.url, { max: 1 });
    try {
      expect(await again`select value from kept`).toEqual([{ value: 'still here' }]);
    } finally {
      await again.end();
      await second.stop();
    }
  });

  it('refuses a data directory in use by a live process, and takes over after that process is killed', async () => {
    const dataDir = path.join(root, 'crash');
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/embedded-child.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await firstLine(child);
    const orphan = postgres(url, { max: 1 });
    await orphan`create table survived (id int)`;
    await orphan.end();

    await expect(startEmbeddedPostgres({ dataDir, logger: testLogger })).rejects.toThrow(EmbeddedPostgresError);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL'); // PostgreSQL lives on, orphaned, as after a crash
    await exited;
    const server = await startEmbeddedPostgres({ dataDir, logger: testLogger });
    const sql = postgres(server.url, { max: 1 });
    try {
      expect(await sql`select count(*)::int as n from survived`).toEqual([{ n: 0 }]);
    } finally {
      await sql.end();
      await server.stop();
    }
  });
});

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const newline = output.indexOf('\n');
      if (newline >= 0) resolve(output.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing its URL`)));
  });
}
