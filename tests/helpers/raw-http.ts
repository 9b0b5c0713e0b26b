/**
 * A raw HTTP client on a TCP socket, for what fetch hides: whether the server answered before
 * the request was sent in full, whether it then closed the connection (an orderly end) or reset
 * it, and what happens to a client that sends slowly or stops halfway.
 */
import net from 'node:net';

/** What a raw exchange saw, once the connection has ended (or the wait ran out). */
export interface RawExchange {
  /** Everything the server sent, as latin1 text. */
  response: string;
  /** The status code of the first response line, if one came. */
  status?: number;
  /** The server ended the connection in order (FIN). */
  ended: boolean;
  /** A socket error (ECONNRESET, EPIPE...), if any. */
  error?: string;
  /** Real ms from connecting until the end, the error or the wait running out. */
  elapsedMs: number;
}

/** An open raw connection: write what you want, then wait for the server to end it. */
export interface RawConnection {
  write(data: string | Buffer): void;
  /** Resolves when the server ends or resets the connection, or after `timeoutMs` (ended false). */
  settled(timeoutMs: number): Promise<RawExchange>;
  destroy(): void;
}

export async function openRaw(port: number, host = '127.0.0.1'): Promise<RawConnection> {
  const socket = net.connect(port, host);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const started = Date.now();
  const chunks: Buffer[] = [];
  let ended = false;
  let error: string | undefined;
  const done = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      ended = true;
      resolve();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
      resolve();
    });
    socket.on('close', () => resolve());
  });
  return {
    write(data) {
      if (!socket.destroyed) socket.write(data, () => undefined);
    },
    async settled(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      const response = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      return {
        response,
        ...(status ? { status: Number(status) } : {}),
        ended,
        ...(error ? { error } : {}),
        elapsedMs: Date.now() - started,
      };
    },
    destroy: () => socket.destroy(),
  };
}
