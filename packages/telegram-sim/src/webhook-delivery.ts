/**
 * Webhook delivery: POSTs each pending update to the bot's URL the way Telegram's webhook
 * sender (tdlib/telegram-bot-api, WebhookActor.cpp) does.
 *
 * - One update in flight per order key (chat, or user for poll_answer), in update_id order;
 *   at most `max_connections` in flight overall; ready keys go oldest first.
 * - Like Telegram, only the oldest `2 * max_connections` pending updates are candidates at a
 *   time, and while no delivery has succeeded for 10 s only one request is in flight.
 * - Success is any 2xx (the body is read and ignored). Telegram would execute a Bot API method
 *   given in a webhook reply body; grammY replies with one only when asked to, and the
 *   simulator does not model it.
 * - A non-2xx answer, a network error or no answer within `timeoutMs` is a failure: the error is
 *   reported (getWebhookInfo's last_error_*) and the same update is sent again later, after an
 *   exponential backoff, or after the `Retry-After` seconds the failing answer asked for
 *   (Telegram honours it too, up to an hour).
 */
import http from 'node:http';
import https from 'node:https';
import type { ClockTimer } from './clock.js';
import { MinHeap } from './min-heap.js';
import { describeNetworkError, describeWrongResponse, retryAfterSeconds } from './webhook-errors.js';
import type { QueuedUpdate } from './update-queue.js';
import type { WebhookDelivery, WebhookDeliveryHooks, WebhookDeliveryOptions, WebhookTarget } from './webhook-types.js';

/** Telegram uses a single connection while no delivery has succeeded for this long. */
const SUCCESS_MEMORY_MS = 10_000;

interface Item {
  entry: QueuedUpdate;
  loadedAt: number;
}

/** The pending updates of one order key. */
interface Line {
  key: string;
  /** Items before `head` were delivered (and cleared, so their updates can be collected). */
  items: (Item | undefined)[];
  head: number;
  busy: boolean;
  readyAt: number;
  /** Current backoff step in ms; 0 until the head update has failed. */
  delayMs: number;
  retry: ClockTimer | undefined;
}

/** How an attempt ended: delivered, failed, or lost to a kept-alive socket the server had closed. */
type Outcome = { kind: 'delivered' } | { kind: 'failed'; message: string; retryAfterS?: number } | { kind: 'stale_socket' };

interface Attempt {
  settled: boolean;
  request: http.ClientRequest | undefined;
  timer: ClockTimer | undefined;
}

/** Starts delivering the queue's pending updates, and later ones on {@link WebhookDelivery.notify}. */
export function createWebhookDelivery(
  target: WebhookTarget,
  hooks: WebhookDeliveryHooks,
  options: WebhookDeliveryOptions = {},
): WebhookDelivery {
  return new Delivery(target, hooks, options);
}

class Delivery implements WebhookDelivery {
  readonly #target: WebhookTarget;
  readonly #hooks: WebhookDeliveryHooks;
  readonly #timeoutMs: number;
  readonly #retry: { initial: number; max: number };
  readonly #agent: http.Agent;
  readonly #transport: typeof http | typeof https;
  readonly #lines = new Map<string, Line>();
  readonly #ready = new MinHeap<Line>((a, b) => a.readyAt < b.readyAt || (a.readyAt === b.readyAt && headId(a) < headId(b)));
  readonly #attempts = new Set<Attempt>();
  /** update_id of the newest update taken from the queue. */
  #cursor: number;
  #loaded = 0;
  #lastSuccessAt = -Infinity;
  #ipAddress: string | undefined;
  #closed = false;

  constructor(target: WebhookTarget, hooks: WebhookDeliveryHooks, options: WebhookDeliveryOptions) {
    this.#target = target;
    this.#hooks = hooks;
    this.#timeoutMs = positive('timeoutMs', options.timeoutMs ?? 60_000);
    this.#retry = options.retryDelayMs ?? { initial: 1_000, max: 60_000 };
    positive('retryDelayMs.initial', this.#retry.initial);
    if (!(this.#retry.max >= this.#retry.initial)) {
      throw new RangeError(`retryDelayMs.max must be at least retryDelayMs.initial (${this.#retry.initial}), got ${this.#retry.max}`);
    }
    this.#transport = target.url.protocol === 'https:' ? https : http;
    this.#agent = new this.#transport.Agent({ keepAlive: true, maxSockets: target.maxConnections });
    this.#cursor = hooks.queue.headId - 1;
    this.notify();
  }

  get ipAddress(): string | undefined {
    return this.#ipAddress;
  }

  notify(): void {
    if (this.#closed) return;
    this.#load();
    this.#pump();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const attempt of this.#attempts) {
      attempt.settled = true;
      attempt.timer?.cancel();
      attempt.request?.destroy();
      this.#hooks.counters.inFlight--;
    }
    this.#attempts.clear();
    for (const line of this.#lines.values()) line.retry?.cancel();
    this.#lines.clear();
    this.#ready.clear();
    this.#agent.destroy();
  }

  /** Takes pending updates into per-key lines, up to Telegram's window of 2 x max_connections. */
  #load(): void {
    const now = this.#hooks.clock.now();
    while (this.#loaded < 2 * this.#target.maxConnections) {
      const entry = this.#hooks.queue.nextAfter(this.#cursor);
      if (!entry) return;
      this.#cursor = entry.id;
      this.#loaded++;
      const item = { entry, loadedAt: now };
      const line = this.#lines.get(entry.key);
      if (line) {
        line.items.push(item);
        continue;
      }
      // A line goes as soon as nothing is pending in it, so only a new line becomes ready here.
      const fresh: Line = { key: entry.key, items: [item], head: 0, busy: false, readyAt: now, delayMs: 0, retry: undefined };
      this.#lines.set(entry.key, fresh);
      this.#ready.push(fresh);
    }
  }

  #pump(): void {
    const now = this.#hooks.clock.now();
    const limit = now - this.#lastSuccessAt <= SUCCESS_MEMORY_MS ? this.#target.maxConnections : 1;
    while (this.#attempts.size < limit) {
      const line = this.#ready.pop();
      if (!line) return;
      this.#send(line);
    }
  }

  #send(line: Line): void {
    const { entry } = line.items[line.head] as Item;
    const attempt: Attempt = { settled: false, request: undefined, timer: undefined };
    line.busy = true;
    this.#hooks.counters.inFlight++;
    this.#attempts.add(attempt);
    const fail = (message: string, retryAfterS?: number): void =>
      this.#finish(line, attempt, { kind: 'failed', message, ...(retryAfterS === undefined ? {} : { retryAfterS }) });
    const fault = this.#hooks.takeFault();
    if (fault === 'refuse') {
      queueMicrotask(() => fail('Connection refused'));
      return;
    }
    const body = this.#hooks.queue.serialize(entry);
    this.#hooks.onSend(entry);
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Accept-Encoding': 'gzip, deflate',
    };
    if (this.#target.secretToken !== '') headers['X-Telegram-Bot-Api-Secret-Token'] = this.#target.secretToken;
    const request = this.#transport.request(this.#target.url, { method: 'POST', agent: this.#agent, headers });
    attempt.request = request;
    attempt.timer = this.#hooks.clock.setTimeout(() => {
      fail('Read timeout expired');
      request.destroy();
    }, this.#timeoutMs);
    let answered = false;
    request.on('error', (error: Error & { code?: string }) => {
      // A kept-alive socket that the server closed while idle fails at once, before the request
      // reached the bot: Node's documented answer is to send again, and that is no failure of the bot.
      if (request.reusedSocket && !answered && fault === undefined && error.code === 'ECONNRESET') {
        this.#finish(line, attempt, { kind: 'stale_socket' });
      } else {
        fail(describeNetworkError(error));
      }
    });
    request.on('response', (response) => {
      answered = true;
      this.#ipAddress ??= response.socket.remoteAddress;
      response.on('error', (error) => fail(describeNetworkError(error)));
      if (fault === 'abort_after_send') {
        // The bot has handled the update (it is answering); the answer is lost on the way.
        fail('Webhook connection closed');
        request.destroy();
        return;
      }
      const code = response.statusCode ?? 0;
      if (code >= 200 && code <= 299) {
        response.on('end', () => this.#finish(line, attempt, { kind: 'delivered' }));
        response.on('close', () => {
          if (!response.complete) fail('Webhook connection closed');
        });
      } else {
        fail(describeWrongResponse(code, response.statusMessage), retryAfterSeconds(response.headers['retry-after']));
      }
      response.resume();
    });
    request.end(body);
  }

  /** Settles an attempt; only its first outcome counts. */
  #finish(line: Line, attempt: Attempt, outcome: Outcome): void {
    if (attempt.settled) return;
    attempt.settled = true;
    attempt.timer?.cancel();
    this.#attempts.delete(attempt);
    const counters = this.#hooks.counters;
    counters.inFlight--;
    const now = this.#hooks.clock.now();
    line.busy = false;
    if (outcome.kind === 'stale_socket') {
      line.readyAt = (line.items[line.head] as Item).loadedAt;
      this.#ready.push(line);
    } else if (outcome.kind === 'delivered') {
      counters.delivered++;
      this.#lastSuccessAt = now;
      const { entry } = line.items[line.head] as Item;
      line.items[line.head] = undefined;
      line.head++;
      line.delayMs = 0;
      this.#loaded--;
      this.#hooks.onDelivered(entry);
      if (line.head === line.items.length) {
        this.#lines.delete(line.key);
      } else {
        if (line.head >= 64 && line.head * 2 >= line.items.length) {
          line.items = line.items.slice(line.head);
          line.head = 0;
        }
        line.readyAt = (line.items[line.head] as Item).loadedAt;
        this.#ready.push(line);
      }
      this.#load();
    } else {
      counters.failed++;
      this.#hooks.onFailed(outcome.message);
      let delay: number;
      if (outcome.retryAfterS !== undefined) {
        delay = Math.min(Math.max(outcome.retryAfterS, 0), 3_600) * 1_000;
      } else {
        line.delayMs = line.delayMs === 0 ? this.#retry.initial : Math.min(this.#retry.max, line.delayMs * 2);
        delay = line.delayMs;
      }
      line.readyAt = now + delay;
      line.retry = this.#hooks.clock.setTimeout(() => {
        line.retry = undefined;
        if (this.#closed) return;
        this.#ready.push(line);
        this.#pump();
      }, delay);
    }
    if (!this.#closed) this.#pump();
  }
}

function headId(line: Line): number {
  return (line.items[line.head] as Item).entry.id;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number of ms, got ${value}`);
  return value;
}
