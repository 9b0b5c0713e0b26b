// Starts an embedded PostgreSQL in the data directory given as argv[2], prints its URL, and
// then just stays alive: the test kills this process with SIGKILL, as a crash would.
import { createLogger } from '../../src/logger.js';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres.js';

const server = await startEmbeddedPostgres({
  dataDir: process.argv[2] as string,
  logger: createLogger({ level: 'silent', pretty: false }),
});
process.stdout.write(`${server.url}\n`);
setInterval(() => {}, 60_000);
