/**
 * The simulator's control API (`/sim/...`, packages/telegram-sim/src/control-api.ts) from outside
 * its process: the simulator runs as a container of the stack, the test drives its world over
 * HTTP on a loopback port.
 */
export interface SimUser {
  id: number;
  first_name: string;
}

/** An entry of a chat's transcript (world-types.ts); a poll's `detail` names its id. */
export interface TranscriptEntry {
  at: number;
  by: 'bot' | number;
  kind: string;
  messageId?: number;
  text?: string;
  detail?: { pollId?: string; options?: string[]; correct?: number[] };
}

/** The simulator's webhook delivery counters, summed over every webhook the bot has set. */
export interface WebhookCounters {
  delivered: number;
  /** Attempts that got no 2xx (a refused connection, a 502 or 503 from the proxy, a timeout). */
  failed: number;
  /** Updates sent again after a failed attempt. */
  redelivered: number;
  inFlight: number;
}

export class SimControl {
  constructor(readonly root: string) {}

  async #call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const response = await fetch(`${this.root}/sim/${path}`, {
      method,
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /sim/${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  stats(): Promise<Record<string, unknown>> {
    return this.#call('GET', 'stats');
  }

  /** The webhook counters of `GET /sim/stats` (`updates.webhook`). */
  async webhookCounters(): Promise<WebhookCounters> {
    const stats = (await this.stats()) as { updates?: { webhook?: WebhookCounters } };
    const counters = stats.updates?.webhook;
    if (!counters) throw new Error("the simulator's stats have no updates.webhook counters");
    return counters;
  }

  /** getWebhookInfo as the bot would call it: the last delivery error Telegram reports, if any. */
  async lastWebhookError(botToken: string): Promise<string | undefined> {
    const response = await fetch(`${this.root}/bot${botToken}/getWebhookInfo`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { result?: { last_error_message?: string } };
    return body.result?.last_error_message;
  }

  createUser(firstName: string): Promise<SimUser> {
    return this.#call('POST', 'users', { first_name: firstName });
  }

  createGroup(title: string, creator: number, members: number[]): Promise<{ id: number }> {
    return this.#call('POST', 'groups', { title, creator, members });
  }

  /** A message from `userId` in `chatId` (their private chat with the bot when omitted). */
  sendText(userId: number, text: string, chatId?: number): Promise<{ message_id: number }> {
    return this.#call('POST', 'messages', { user_id: userId, text, ...(chatId !== undefined ? { chat_id: chatId } : {}) });
  }

  answerPoll(userId: number, pollId: string, optionIds: number[]): Promise<{ update_id: number }> {
    return this.#call('POST', 'poll-answers', { user_id: userId, poll_id: pollId, option_ids: optionIds });
  }

  transcript(chatId: number): Promise<TranscriptEntry[]> {
    return this.#call('GET', `chats/${chatId}/transcript`);
  }

  async transcriptText(chatId: number): Promise<string> {
    const response = await fetch(`${this.root}/sim/chats/${chatId}/transcript?format=text`, { signal: AbortSignal.timeout(10_000) });
    return response.text();
  }
}
