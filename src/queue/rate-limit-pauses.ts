/**
 * What a 429 pauses, and for how long: exactly the scope it hit (rate-limit-scope.ts guesses
 * which: the chat, or the whole bot) for `retry_after` seconds. A chat's pause is its lane's;
 * a global pause holds every call Telegram limits over all chats. Lanes and retries wait for
 * {@link RateLimitPauses.globalUntil} on their own; this wakes the lanes when it ends.
 *
 * With Redis, the pauses are the bot's, not the instance's (shared-pauses.ts): a pause taken
 * here after a 429 is told to the other instances, and one they took is applied here alike (its
 * chat's lane, or everything globally limited, waits until the same end).
 */
import type { Logger } from 'pino';
import type { Clock, Timer } from '../lib/clock.js';
import type { Call } from './call.js';
import type { ChatKind } from './method-policy.js';
import type { QueueCounters } from './queue-counters.js';
import { RateLimitScopes } from './rate-limit-scope.js';
import { createSharedPauses, type SharedPause, type SharedPauses } from './shared-pauses.js';

export interface RateLimitPausesOptions {
  clock: Clock;
  logger: Logger;
  counters: QueueCounters;
  /** The chats' lanes: woken when a global pause ends; paused by a chat's pause another instance took. */
  lanes: { pumpAll(): void; pause(key: string, kind: ChatKind, until: number): void };
  /** Shares the pauses with every instance through this Redis server [unset: this instance's own]. */
  redisUrl?: string;
  /** The instances of one bot use the same [quiz-agent]. */
  redisPrefix?: string;
}

export class RateLimitPauses {
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #counters: QueueCounters;
  readonly #lanes: RateLimitPausesOptions['lanes'];
  readonly #scopes = new RateLimitScopes();
  readonly #shared: SharedPauses | undefined;
  #globalUntil = 0;
  #timer: Timer | undefined;

  constructor(options: RateLimitPausesOptions) {
    const { clock, logger, redisUrl } = options;
    this.#clock = clock;
    this.#logger = logger;
    this.#counters = options.counters;
    this.#lanes = options.lanes;
    this.#shared = redisUrl
      ? createSharedPauses({ redisUrl, prefix: options.redisPrefix, clock, logger, onPause: (pause) => this.#heard(pause) })
      : undefined;
  }

  /** Epoch ms of the clock before which nothing globally limited goes out (0: no pause). */
  get globalUntil(): number {
    return this.#globalUntil;
  }

  /**
   * Whether a pause that began while `call` waited for its slot or a worker holds it back:
   * a global one (if Telegram limits it over all chats), or its chat's (another instance's 429).
   */
  holds(call: Pick<Call, 'limited' | 'lane'>): boolean {
    const now = this.#clock.now();
    return (call.limited && now < this.#globalUntil) || (call.lane !== undefined && now < call.lane.pausedUntil);
  }

  /**
   * A 429 answered `call` (in its chat's lane, or outside lanes): pauses its scope, here and, with
   * Redis, everywhere. Returns how long the call itself must wait before it is repeated: 0 when a
   * pause holds it, or `retry_after` for a call Telegram limits apart from messages (getChatMember,
   * setWebhook, ...: outside every lane and the global limit). Such a 429 is that method's own
   * flood limit: it pauses no message, here or at another instance (three replicas calling
   * setWebhook at start, or reconciling polls by their voters, must not stop every chat).
   */
  hit(call: Pick<Call, 'method' | 'chat' | 'lane' | 'limited'>, retryAfterS: number): number {
    this.#counters.rateLimitHits++;
    this.#counters.retries++;
    const { lane } = call;
    if (!lane && !call.limited) {
      this.#logger.warn({ scope: 'method', retryAfterS, method: call.method, chatId: call.chat?.key }, 'Rate limit hit');
      return retryAfterS * 1000;
    }
    const now = this.#clock.now();
    const until = now + retryAfterS * 1000;
    const scope = this.#scopes.scopeOf(lane ? { key: lane.key, kind: lane.kind } : undefined, now);
    if (lane) lane.pausedUntil = Math.max(lane.pausedUntil, until);
    if (scope === 'global') this.#pauseGlobally(until);
    void this.#shared?.publish(
      scope === 'global' || !lane
        ? { scope: 'global', untilEpochMs: until }
        : { scope: 'chat', chat: lane.key, kind: lane.kind, untilEpochMs: until },
    );
    this.#logger.warn({ scope, retryAfterS, method: call.method, chatId: call.chat?.key }, 'Rate limit hit');
    return 0;
  }

  /** Stops the wake-up timer (shutdown). */
  cancel(): void {
    this.#timer?.cancel();
  }

  /** Stops hearing and telling pauses (closes the Redis connections). */
  async stop(): Promise<void> {
    this.cancel();
    await this.#shared?.stop();
  }

  /** Another instance took this pause: it holds here as if this instance had seen its 429. */
  #heard(pause: SharedPause): void {
    this.#counters.sharedPausesReceived++;
    if (pause.scope === 'global') this.#pauseGlobally(pause.untilEpochMs);
    else this.#lanes.pause(pause.chat, pause.kind, pause.untilEpochMs);
  }

  #pauseGlobally(until: number): void {
    if (until <= this.#globalUntil) return;
    this.#globalUntil = until;
    this.#timer?.cancel();
    this.#timer = this.#clock.setTimeout(() => this.#lanes.pumpAll(), until - this.#clock.now());
  }
}
