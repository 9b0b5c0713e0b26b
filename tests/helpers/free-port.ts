/**
 * A TCP port on 127.0.0.1 that nobody listens on right now: the system picks one, we close it.
 * For a URL that must name its port before the server behind it starts (a webhook, Prometheus'
 * listener), or for a connection that must be refused. Another process could take it in the
 * meantime; on a test machine that is rare enough, and the test would fail loudly, not pass.
 */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('freePort: the server listened on no TCP port');
  return address.port;
}
