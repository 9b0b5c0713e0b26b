/**
 * The senders bench/queue.ts compares, each installed on a fresh grammY `Api` the way its own
 * documentation shows:
 * - naive: no transformer; the broadcast fires every call at once, 429s are failures;
 * - throttler: `api.config.use(apiThrottler())` with the plugin's default limits;
 * - auto-retry: `api.config.use(autoRetry())` and the broadcast loop of grammY's guide
 *   (grammy.dev/advanced/flood, "How to Broadcast Messages": one message after another, no
 *   artificial delay, the plugin waits out each 429);
 * - throttler+auto-retry: both, auto-retry outermost so a retried call passes the throttler
 *   again (the combination grammY's throttler page suggests);
 * - queue: quiz-agent's outbound queue as the bot installs it: one Api per kind of sender
 *   (`queue.transformerFor`), the broadcast at 'bulk', quiz questions at 'question', replies at
 *   'interactive'.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api } from 'grammy';
import type { Logger } from 'pino';
import { createOutboundQueue, type OutboundQueueStats } from '../../src/queue/outbound-queue.js';
import type { Priority } from '../../src/queue/priorities.js';

export const CONTENDER_NAMES = ['naive', 'throttler', 'auto-retry', 'throttler+auto-retry', 'queue'] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

/** How a broadcast hands its calls to the API. */
export type Dispatch = 'all at once' | 'one by one';

export interface Contender {
  readonly name: ContenderName;
  /** How it is installed, for the report. */
  readonly wiring: string;
  /** 'one by one': each broadcast call waits for the previous one's answer. */
  readonly dispatch: Dispatch;
  /** Makes one broadcast call (what an announcement to many chats is) with the Api it is given. */
  bulk<T>(send: (api: Api) => Promise<T>): Promise<T>;
  /** Makes one quiz question (what keeps a game moving). */
  question<T>(send: (api: Api) => Promise<T>): Promise<T>;
  /** Makes one reply in a quiz group. */
  interactive<T>(send: (api: Api) => Promise<T>): Promise<T>;
  /** The queue's own counters (the queue contender only). */
  stats(): OutboundQueueStats | undefined;
  /** Waits for what the contender still holds and releases its timers. */
  close(): Promise<void>;
}

/** Installs contender `name` on `api` (a fresh Api with no transformer yet). */
export function createContender(name: ContenderName, api: Api, logger: Logger): Contender {
  const direct = <T>(send: (api: Api) => Promise<T>) => send(api);
  const plain = { name, bulk: direct, question: direct, interactive: direct, stats: () => undefined, close: async () => {} };
  switch (name) {
    case 'naive':
      return { ...plain, wiring: 'no transformer; Promise.allSettled over every chat', dispatch: 'all at once' };
    case 'throttler':
      api.config.use(apiThrottler());
      return { ...plain, wiring: 'api.config.use(apiThrottler()) with its default limits', dispatch: 'all at once' };
    case 'auto-retry':
      api.config.use(autoRetry());
      return {
        ...plain,
        wiring: "api.config.use(autoRetry()); broadcast awaited one message at a time (grammY's broadcasting guide)",
        dispatch: 'one by one',
      };
    case 'throttler+auto-retry':
      api.config.use(apiThrottler());
      api.config.use(autoRetry()); // installed last = outermost: a retry goes through the throttler again
      return { ...plain, wiring: 'api.config.use(apiThrottler()); api.config.use(autoRetry())', dispatch: 'all at once' };
    case 'queue': {
      const queue = createOutboundQueue({ logger });
      api.config.use(queue.transformer);
      // One Api per kind of sender, as the bot builds them (src/app.ts).
      const apiFor = (priority: Priority) => {
        const own = new Api(api.token, api.options);
        own.config.use(queue.transformerFor(priority));
        return own;
      };
      const bulkApi = apiFor('bulk');
      const questionApi = apiFor('question');
      return {
        name,
        wiring: `api.config.use(queue.transformerFor(priority)), ${queue.settings.workers} workers; broadcast at 'bulk', questions at 'question', replies at 'interactive'`,
        dispatch: 'all at once',
        bulk: (send) => send(bulkApi),
        question: (send) => send(questionApi),
        interactive: (send) => send(api),
        stats: () => queue.stats(),
        close: async () => {
          await queue.close(5_000);
        },
      };
    }
  }
}
