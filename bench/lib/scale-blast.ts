/**
 * A webhook load generator as cheap as it can be, so that the bot, not the benchmark, is what is
 * measured: every request is built before the clock starts, and `connections` keep-alive TCP
 * connections each send one POST, read its whole answer (status line, headers, a body of
 * Content-Length bytes or chunked), and send the next; no pipelining, one request in flight per
 * connection, as Telegram's webhook sender does. Time per request is from its write to the end
 * of its answer.
 */
import net from 'node:net';
import { driverNow } from './e2e-commits.js';
import { spread, type Spread } from './scale-figures.js';

/** What {@link blastWebhook} sends. */
export interface BlastPlan {
  port: number;
  path: string;
  secret: string;
  /** The JSON bodies, one request each, in order of sending. */
  bodies: readonly string[];
  connections: number;
  /** The whole blast ends (unanswered requests count as failed) after this long [120,000 ms]. */
  timeoutMs?: number;
}

/** What the blast saw. */
export interface BlastResult {
  sent: number;
  /** Answers by status; `error` for a request whose connection failed, `timeout` for none by the end. */
  statuses: Record<string, number>;
  /** First write -> last answer, s. */
  seconds: number;
  /** Answers with 200 per second over `seconds`. */
  perSecond: number;
  /** Write -> end of the answer, 200s only. */
  latency: Spread;
  /** Driver-clock ms of the first write and the last answer (for CPU windows). */
  startedAt: number;
  endedAt: number;
}

/** Sends every body and resolves once all are answered (or the time is up). */
export async function blastWebhook(plan: BlastPlan): Promise<BlastResult> {
  const requests = plan.bodies.map((body) =>
    Buffer.from(
      `POST ${plan.path} HTTP/1.1\r\nHost: 127.0.0.1:${plan.port}\r\nContent-Type: application/json\r\n` +
        `X-Telegram-Bot-Api-Secret-Token: ${plan.secret}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    ),
  );
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let next = 0;
  let lastAnswer = 0;
  const deadline = driverNow() + (plan.timeoutMs ?? 120_000);
  const startedAt = driverNow();
  const count = (status: string): void => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const worker = async (): Promise<void> => {
    let connection: AnswerReader | undefined;
    while (next < requests.length) {
      const index = next++;
      try {
        connection ??= await connect(plan.port);
        const sentAt = driverNow();
        const status = await connection.exchange(requests[index] as Buffer, deadline);
        lastAnswer = driverNow();
        count(String(status));
        if (status === 200) latencies.push(lastAnswer - sentAt);
      } catch (error) {
        count(error instanceof BlastTimeout ? 'timeout' : 'error');
        connection?.destroy();
        connection = undefined;
      }
    }
    connection?.destroy();
  };
  await Promise.all(Array.from({ length: Math.min(plan.connections, requests.length) }, worker));
  const seconds = Math.max(0.001, (lastAnswer - startedAt) / 1000);
  return {
    sent: requests.length,
    statuses,
    seconds: Math.round(seconds * 1000) / 1000,
    perSecond: Math.round((statuses['200'] ?? 0) / seconds),
    latency: spread(latencies),
    startedAt,
    endedAt: lastAnswer,
  };
}

class BlastTimeout extends Error {
  readonly code = 'BLAST_TIMEOUT';
}

/** One keep-alive connection that sends a request and reads its answer's status. */
interface AnswerReader {
  exchange(request: Buffer, deadline: number): Promise<number>;
  destroy(): void;
}

async function connect(port: number): Promise<AnswerReader> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffered = '';
  let waiting: { resolve: (status: number) => void; reject: (error: Error) => void; timer: NodeJS.Timeout } | undefined;
  const fail = (error: Error): void => {
    if (!waiting) return;
    clearTimeout(waiting.timer);
    waiting.reject(error);
    waiting = undefined;
  };
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    const answer = completeAnswer(buffered);
    if (!answer || !waiting) return;
    buffered = buffered.slice(answer.length);
    clearTimeout(waiting.timer);
    waiting.resolve(answer.status);
    waiting = undefined;
  });
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed')));
  return {
    exchange(request, deadline) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => fail(new BlastTimeout('no answer before the blast ended')), Math.max(0, deadline - driverNow()));
        waiting = { resolve, reject, timer };
        socket.write(request);
      });
    },
    destroy: () => socket.destroy(),
  };
}

/** The status and length of the first complete HTTP answer in `text`, or undefined while it is incomplete. */
function completeAnswer(text: string): { status: number; length: number } | undefined {
  const headerEnd = text.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const head = text.slice(0, headerEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const bodyStart = headerEnd + 4;
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return text.length >= end ? { status, length: end } : undefined;
  }
  if (/\r\ntransfer-encoding: *chunked/.test(head)) {
    const end = text.indexOf('\r\n0\r\n\r\n', bodyStart - 2);
    return end === -1 ? undefined : { status, length: end + 7 };
  }
  return { status, length: bodyStart };
}
