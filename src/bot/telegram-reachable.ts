/**
 * Whether the Bot API server of TELEGRAM_API_ROOT answers getMe, and how to name it: by the
 * API root's origin, never by a request URL (the token is in the path of every one of them).
 */
import { Api, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { ConfigError } from '../config.js';
import { errorCode } from '../lib/describe-error.js';
import { waitUntilReachable, type StartWaitOptions } from '../lib/wait-until-reachable.js';

/** Longest wait for one getMe (grammY's own default is 500 s). */
const GET_ME_TIMEOUT_S = 10;

/** "https://api.telegram.org": the API root without path, user or password. */
function telegramTarget(apiRoot: string): string {
  return new URL(apiRoot).origin;
}

/** One getMe, on an Api of its own: no queue, no retries (the caller's backoff decides). */
function getMeOnce(token: string, apiRoot: string, signal: AbortSignal): Promise<UserFromGetMe> {
  // grammY types its signal with the abort-controller package's interface; Node's is the same thing.
  return new Api(token, { apiRoot, timeoutSeconds: GET_ME_TIMEOUT_S }).getMe(signal as Parameters<Api['getMe']>[0]);
}

/** True when Telegram refused the token itself (401, or 404 for a token it does not know): waiting will not help. */
function isTokenRefusal(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404);
}

/**
 * A failed getMe as one line, without the request URL that the network error's message quotes
 * (and with it the token): the Bot API's answer, or the network error's code.
 */
function describeTelegramFailure(error: unknown): string {
  if (error instanceof GrammyError) return `Bot API error ${error.error_code}: ${error.description}`;
  if (error instanceof HttpError) return `network request failed (${errorCode(error.error) ?? errorCode(error) ?? 'no error code'})`;
  return `getMe failed (${errorCode(error) ?? (error instanceof Error ? error.name : 'unknown error')})`;
}

/**
 * Returns the bot's own user once the Bot API answers getMe, waiting (logged, on /health) as
 * long as it takes; a token Telegram refuses ends the start with a config error.
 */
export async function waitForTelegram(token: string, apiRoot: string, options: StartWaitOptions): Promise<UserFromGetMe> {
  const target = telegramTarget(apiRoot);
  try {
    return await waitUntilReachable({
      dependency: 'telegram',
      target,
      attempt: (signal) => getMeOnce(token, apiRoot, signal),
      isFatal: isTokenRefusal,
      describe: describeTelegramFailure,
      ...options,
    });
  } catch (error) {
    if (!isTokenRefusal(error)) throw error;
    throw new ConfigError([
      `BOT_TOKEN was refused by the Bot API at ${target} (${describeTelegramFailure(error)}): check the token @BotFather gave you`,
    ]);
  }
}
