/**
 * The HTTP face of the simulator: `/bot<token>/<method>` answered like api.telegram.org (HTTP
 * status = error_code, `{"ok":...}` bodies), with the switchable faults applied around the
 * call. `/sim/...` goes to the control API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BOT_API_METHODS } from './bot-api-methods.js';
import type { Clock } from './clock.js';
import { BotApiError, notFound, serverError, tooManyRequests, unauthorized } from './errors.js';
import type { FaultPlan } from './fault-plan.js';
import type { MethodContext } from './method-context.js';
import { Params } from './params.js';
import { RawJson } from './raw-json.js';
import { readRequestParams } from './request-body.js';

/** Counters of the Bot API side, for stats and assertions. */
export interface BotApiCounters {
  /** Calls by method name as the client spelled it (lower-cased). */
  calls: Record<string, number>;
  /** Error answers by error_code. */
  errors: Record<string, number>;
  /** 429 answers from the flood limits and from injected faults together. */
  tooManyRequests: number;
  /** Connections closed on purpose by drop_before / drop_after faults. */
  droppedConnections: number;
}

export interface BotApiServerOptions {
  token: string;
  clock: Clock;
  faults: FaultPlan;
  /** Builds the context of one call; `signal` aborts when the client goes away. */
  context(signal: AbortSignal): MethodContext;
}

/** Handles Bot API requests; returns false when the path is not a Bot API path. */
export function createBotApiHandler(options: BotApiServerOptions) {
  const prefix = '/bot';
  const counters: BotApiCounters = { calls: {}, errors: {}, tooManyRequests: 0, droppedConnections: 0 };

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const slash = path.indexOf('/', prefix.length);
    const token = slash === -1 ? '' : path.slice(prefix.length, slash);
    const method = slash === -1 ? '' : path.slice(slash + 1).toLowerCase();
    if (token !== options.token) return answerError(res, slash === -1 ? notFound() : unauthorized());
    counters.calls[method] = (counters.calls[method] ?? 0) + 1;
    let raw: Record<string, unknown>;
    try {
      raw = await readRequestParams(req);
    } catch (error) {
      return answerError(res, error);
    }
    const handler = BOT_API_METHODS.get(method);
    if (!handler) return answerError(res, notFound());

    const chatId = raw.chat_id;
    const fault = options.faults.decide({ method, ...(typeof chatId === 'number' || typeof chatId === 'string' ? { chatId } : {}) });
    if (fault?.kind === 'drop_before') return drop(res);
    if (fault?.kind === 'rate_limit') return answerError(res, tooManyRequests(fault.retryAfterS));
    if (fault?.kind === 'server_error') return answerError(res, serverError(fault.status));
    if (fault?.kind === 'slow') await new Promise<void>((resolve) => options.clock.setTimeout(resolve, fault.delayMs));

    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    let result: unknown;
    try {
      result = await handler(new Params(raw), options.context(aborted.signal));
    } catch (error) {
      // The client went away while the call waited (a long poll): nobody is left to answer.
      if (aborted.signal.aborted) return;
      if (fault?.kind === 'drop_after') return drop(res);
      return answerError(res, error);
    }
    if (fault?.kind === 'drop_after') return drop(res);
    if (res.destroyed) return;
    const body = result instanceof RawJson ? `{"ok":true,"result":${result.json}}` : JSON.stringify({ ok: true, result });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  function answerError(res: ServerResponse, error: unknown): void {
    const apiError = error instanceof BotApiError ? error : serverError(500);
    if (!(error instanceof BotApiError)) {
      // A bug in the simulator must be visible, not passed off as Telegram being unwell.
      console.error('simulator: unexpected error in a Bot API method:', error);
    }
    counters.errors[apiError.errorCode] = (counters.errors[apiError.errorCode] ?? 0) + 1;
    if (apiError.errorCode === 429) counters.tooManyRequests++;
    if (res.destroyed) return;
    const body = JSON.stringify(apiError.toJSON());
    res.writeHead(apiError.errorCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  function drop(res: ServerResponse): void {
    counters.droppedConnections++;
    res.socket?.destroy();
  }

  return {
    counters,
    /** True when `path` is a Bot API path (`/bot...`). */
    matches: (path: string) => path.startsWith(prefix),
    handle,
  };
}
