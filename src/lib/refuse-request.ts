/**
 * Answering a request whose body will not be read (a wrong secret, a body too large) so that
 * the client gets the answer, then closing the connection.
 *
 * Why not `res.end()` and `req.destroy()`: closing a socket while the client is still sending
 * makes the kernel answer with a reset, and a reset can destroy the answer before the client
 * reads it (a client uploading 10 MB saw "connection reset", never the 413). Node's own
 * `connection: close` path has the same problem (it destroys the socket as soon as its answer
 * is flushed), and with keep-alive it would read the whole body. So this is nginx's "lingering
 * close": send the whole answer, half-close (the client reads it and then the end of the
 * stream), discard whatever the client still sends, and close once it stops or `lingerMs` pass.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Longest time spent discarding what a refused client still sends [2,000 ms]. */
const DEFAULT_LINGER_MS = 2_000;

/**
 * Sends `status` with `text`, then closes the connection without reading the rest of the body.
 *
 * @example
 * if (tooLarge) return refuseAndClose(req, res, 413, 'body too large');
 */
export function refuseAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  lingerMs = DEFAULT_LINGER_MS,
): void {
  const body = `${text}\n`;
  const socket = req.socket;
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), connection: 'close' });
  // The whole answer (its length is announced), but not res.end(): that would hand the socket
  // back to Node, which destroys it right after the answer is flushed.
  res.write(body);
  socket.end();
  req.removeAllListeners('data');
  req.resume();
  const close = (): void => {
    clearTimeout(timer);
    if (!socket.destroyed) socket.destroy();
  };
  // Real time, not a Clock: the linger bounds how long a real socket stays open to a client
  // that keeps sending; no test needs to drive it (they see the answer and the close).
  const timer = setTimeout(close, lingerMs);
  timer.unref();
  req.once('end', close);
  socket.once('close', () => clearTimeout(timer));
}
