/**
 * Setup file of the unit project (vitest.config.ts): a unit test needs no database, no network
 * and no process, and this makes that checkable. A socket connect (also how a database driver
 * connects) fails at once as if refused, a server listen or a process start throws, and the test
 * that tried fails afterwards even if the code under test swallowed the error; the message names
 * the fix. So a file that needs real things cannot make `npm run test:unit` slow or dependent on
 * a server.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { afterEach } from 'vitest';

class NotAUnitTestError extends Error {
  readonly code = 'NOT_A_UNIT_TEST';
  constructor(what: string) {
    super(`${what} in a unit test: unit tests use no database, network or process; move this file out of UNIT_FILES in tests/projects.ts`);
    this.name = 'NotAUnitTestError';
  }
}

const violations: NotAUnitTestError[] = [];
const violation = (what: string): NotAUnitTestError => {
  const error = new NotAUnitTestError(what);
  violations.push(error);
  return error;
};

net.Socket.prototype.connect = function refusedConnect(this: net.Socket): net.Socket {
  const error = violation('a socket connect');
  // As a refused connection would: asynchronously, so the caller's error handling runs.
  process.nextTick(() => this.destroy(error));
  return this;
} as typeof net.Socket.prototype.connect;
net.Server.prototype.listen = function refusedListen(): never {
  throw violation('a server listen');
} as typeof net.Server.prototype.listen;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as Record<typeof name, unknown>)[name] = (): never => {
    throw violation(`child_process.${name}`);
  };
}
// Named ESM imports (`import { spawn } from 'node:child_process'`) see the replacements too.
syncBuiltinESMExports();

afterEach(() => {
  const first = violations[0];
  violations.length = 0;
  if (first) throw first;
});
