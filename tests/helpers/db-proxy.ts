/**
 * A database outage you can switch: a TCP proxy in front of a PostgreSQL server. Tests point a
 * client at `proxy.url` and call `down()` to make the database unreachable without touching
 * the shared server (other test files keep using it), then `up()` to bring it back.
 */
import net from 'node:net';

/** A running proxy. See {@link startDbProxy}. */
export interface DbProxy {
  /** `databaseUrl` with the proxy's host and port: connect through this. */
  readonly url: string;
  /**
   * Cuts every open connection (client and server side) and refuses new ones until `up()`:
   * clients see a connection error at once, as from a server that went away.
   */
  down(): void;
  /** Lets connections through again (existing clients reconnect on their next query). */
  up(): void;
  /** Connections currently passing through. */
  connections(): number;
  /** Stops listening and cuts every connection. */
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 (a free port) that forwards to the host and port of `databaseUrl`.
 *
 * @example
 * const proxy = await startDbProxy(database.url);
 * const sql = postgres(proxy.url);
 * proxy.down(); // queries now fail with a connection error
 * proxy.up();   // and work again
 * await proxy.close();
 */
export async function startDbProxy(databaseUrl: string): Promise<DbProxy> {
  const target = new URL(databaseUrl);
  const targetHost = target.hostname || '127.0.0.1';
  const targetPort = Number(target.port || 5432);
  const pairs = new Set<SocketPair>();
  let isDown = false;

  const server = net.createServer((client) => {
    if (isDown) {
      // Accept and reset at once rather than stop listening: a closed port could be taken by
      // someone else, and a reset reaches the client immediately (no connect timeout to wait).
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    const pair: SocketPair = { client, upstream };
    pairs.add(pair);
    // A side that closes ends the other (pipe() has already forwarded what it sent); a side
    // that fails takes the other down at once.
    const link = (socket: net.Socket, other: net.Socket): void => {
      socket.on('close', () => {
        pairs.delete(pair);
        if (!other.destroyed) other.end();
      });
      socket.on('error', () => {
        pairs.delete(pair);
        other.destroy();
      });
    };
    link(client, upstream);
    link(upstream, client);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  const cutAll = (): void => {
    for (const pair of pairs) cutPair(pair);
    pairs.clear();
  };

  return {
    url: url.toString(),
    down() {
      isDown = true;
      cutAll();
    },
    up() {
      isDown = false;
    },
    connections: () => pairs.size,
    async close() {
      isDown = true;
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface SocketPair {
  client: net.Socket;
  upstream: net.Socket;
}

/** Resets both sides: the client gets ECONNRESET, the server backend ends its session. */
function cutPair(pair: SocketPair): void {
  for (const socket of [pair.client, pair.upstream]) {
    if (socket.destroyed) continue;
    // A socket still connecting would open first and be reset after: dropping it is enough.
    if (socket.connecting) socket.destroy();
    else socket.resetAndDestroy();
  }
}
