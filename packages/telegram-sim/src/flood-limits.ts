/**
 * Telegram's flood limits as its Bot FAQ documents them: about one message per second in a
 * chat (short bursts allowed), 20 messages per minute in a group, about 30 messages per second
 * across all chats, and up to 1000 per second with `allow_paid_broadcast`. The per-chat and
 * per-group limits are token buckets with continuous refill; the limits over all chats
 * (`global`, `paidBroadcast`) are sliding windows counted by arrival: at most `perSecond`
 * calls admitted within any 1000 ms, the strict reading of "30 messages per second" (a sender
 * whose messages leave evenly spaced but arrive bunched is refused, as a loaded machine's
 * sends can be). Everything is computed from the injected Clock (no timers, no sleeps). A
 * client that ignores `retry_after` and calls again too early is refused again until the
 * window it was given has passed, as Telegram does.
 */
import type { Clock } from './clock.js';
import { tooManyRequests } from './errors.js';
import { isObject } from './json-fields.js';

/**
 * One limit. For `chat` and `group`, a token bucket: `burst` calls may go at once, then
 * `perSecond` calls a second. For `global` and `paidBroadcast`, a sliding window: at most
 * `perSecond` calls (rounded down, at least 1) within any 1000 ms; `burst` is accepted and
 * validated but ignored there (the window is its own burst).
 */
export interface RateSpec {
  /** Tokens added per second (continuously, not in steps); for window scopes, calls per 1000 ms. */
  perSecond: number;
  /** Bucket size: how many calls may go at once; a whole number >= 1 (ignored by window scopes). */
  burst: number;
}

/** Limits in force. Every field has a default in {@link DEFAULT_FLOOD_LIMITS}. */
export interface FloodLimitSettings {
  /** When false every call is admitted (and counted as admitted) [true]. */
  enabled: boolean;
  /** Every chat, private or group [{ perSecond: 1, burst: 3 }]. */
  chat: RateSpec;
  /** Groups and supergroups, on top of `chat` [{ perSecond: 20 / 60, burst: 3 }]: at most 23 in any 60 s. */
  group: RateSpec;
  /** All chats together, for calls without `allow_paid_broadcast`: a sliding window of 1000 ms [{ perSecond: 30, burst: 30 }]. */
  global: RateSpec;
  /** Replaces `global` for calls with `allow_paid_broadcast`: a sliding window of 1000 ms [{ perSecond: 1000, burst: 1000 }]. */
  paidBroadcast: RateSpec;
}

/** What {@link FloodLimits.configure} and {@link createFloodLimits} accept: any subset, down to single fields. */
export type FloodLimitSettingsInput = {
  enabled?: boolean;
} & { [S in FloodScope]?: Partial<RateSpec> };

/** The limits Telegram documents. */
export const DEFAULT_FLOOD_LIMITS: Readonly<FloodLimitSettings> = Object.freeze({
  enabled: true,
  chat: Object.freeze({ perSecond: 1, burst: 3 }),
  group: Object.freeze({ perSecond: 20 / 60, burst: 3 }),
  global: Object.freeze({ perSecond: 30, burst: 30 }),
  paidBroadcast: Object.freeze({ perSecond: 1000, burst: 1000 }),
});

/** The limits a call can count against. */
export type FloodScope = 'chat' | 'group' | 'global' | 'paidBroadcast';

/** Scopes counted as a sliding window of arrivals rather than a token bucket. */
type WindowScope = 'global' | 'paidBroadcast';

const SCOPES: readonly FloodScope[] = ['chat', 'group', 'global', 'paidBroadcast'];

/** One message-sending call as the limiter sees it. */
export interface FloodCall {
  chatId: number;
  chatType: 'private' | 'group' | 'supergroup' | 'channel';
  /** The call set `allow_paid_broadcast: true`. */
  paidBroadcast: boolean;
}

/** Counters of one scope. */
export interface FloodScopeStats {
  /** Calls admitted that drew from this scope. */
  admitted: number;
  /** Calls refused because this scope's bucket was empty (or its window full). */
  violations: number;
  /** Calls refused because they came while this scope served a penalty (`retry_after` ignored). */
  refusedDuringPenalty: number;
  /** Keys remembered (chats for chat/group; 1 or 0 for a window scope); full, unpenalised buckets are forgotten. */
  buckets: number;
}

/** Everything {@link FloodLimits.stats} reports; plain JSON. */
export interface FloodStats {
  enabled: boolean;
  /** Calls admitted. */
  admitted: number;
  /** Calls refused with 429 (each counted once, whatever the scopes). */
  tooManyRequests: number;
  /** Calls refused with at least one empty bucket that was not serving a penalty. */
  violations: number;
  /** Calls refused with at least one scope serving a penalty. */
  refusedDuringPenalty: number;
  scopes: Record<FloodScope, FloodScopeStats>;
  /** Calls refused because of a chat's own buckets (chat or group scope), by chat id; once per call. */
  violationsByChat: Record<string, number>;
}

/** The simulator's flood limiter. See {@link createFloodLimits}. */
export interface FloodLimits {
  /** Admits the call (counting it in every scope it belongs to) or throws tooManyRequests(retryAfter). */
  admit(call: FloodCall): void;
  /** Changes settings at runtime (tests, the control API); buckets keep their state. */
  configure(settings: FloodLimitSettingsInput): void;
  readonly settings: Readonly<FloodLimitSettings>;
  /** Counters since creation or the last {@link FloodLimits.reset}. */
  stats(): FloodStats;
  /** Forgets buckets, penalties and counters (settings stay). */
  reset(): void;
}

/** Options of {@link createFloodLimits}. */
export interface FloodLimitsOptions {
  clock: Clock;
  /** Overrides of {@link DEFAULT_FLOOD_LIMITS} [none]. */
  settings?: FloodLimitSettingsInput;
}

/**
 * One bucket. `tokens` is the level at time `at`; the level now is derived from the elapsed
 * time, so nothing ticks and nothing drifts. `penaltyUntil` is 0 when no penalty was given.
 */
interface Bucket {
  tokens: number;
  at: number;
  penaltyUntil: number;
}

/**
 * A sliding window: the admission times of the latest `limit` calls, oldest at `next` once the
 * ring is full. The window is full when it holds `limit` calls and the oldest is less than
 * WINDOW_MS old; that call leaving is what the next one waits for.
 */
interface ArrivalWindow {
  times: number[];
  next: number;
  penaltyUntil: number;
}

const WINDOW_MS = 1000;

/**
 * Tolerance on token levels: a sender spaced exactly 1/perSecond apart refills 0.9999999999…
 * tokens through floating-point rounding and must still count as having one.
 */
const EPSILON = 1e-9;

/** Bucket maps are swept of full, unpenalised buckets when they grow past this (then twice the survivors). */
const MIN_SWEEP_SIZE = 1024;

/**
 * Creates the flood limiter. Scopes of a call: `chat` (by chat id) always; `group` (by chat id)
 * for groups and supergroups; then `global`, or `paidBroadcast` instead when the call set
 * `allow_paid_broadcast`. Channels draw from chat and global.
 *
 * `admit` checks every scope before counting anything, so a refused call consumes nothing. A
 * scope refuses when its bucket lacks a whole token or its window already holds `perSecond`
 * calls of the last 1000 ms (a violation), or when it is serving a penalty. The 429's
 * `retry_after` is the largest wait among the refusing scopes: whole seconds until the bucket
 * holds a token or the window's oldest call leaves it, or what is left of the penalty, at
 * least 1. Every scope that refused for an empty bucket or a full window then serves a
 * penalty of exactly that `retry_after`: calls that touch it earlier are refused again even
 * if room has come back.
 *
 * Buckets are small objects in maps keyed by chat id; a full bucket with no penalty is
 * equivalent to none and is dropped by an amortised sweep, so idle chats cost nothing.
 *
 * @example
 * const limits = createFloodLimits({ clock, settings: { group: { perSecond: 20 / 60 } } });
 * limits.admit({ chatId: -100123, chatType: 'supergroup', paidBroadcast: false }); // or throws a 429 BotApiError
 */
export function createFloodLimits(options: FloodLimitsOptions): FloodLimits {
  const { clock } = options;
  let settings = mergeSettings(DEFAULT_FLOOD_LIMITS, options.settings ?? {});
  const chats = new Map<number, Bucket>();
  const groups = new Map<number, Bucket>();
  const windows: Partial<Record<WindowScope, ArrivalWindow>> = {};
  const sweepAt: Record<'chat' | 'group', number> = { chat: MIN_SWEEP_SIZE, group: MIN_SWEEP_SIZE };
  let counters = emptyCounters();

  function keyed(map: Map<number, Bucket>, scope: 'chat' | 'group', key: number, now: number): Bucket {
    let bucket = map.get(key);
    if (!bucket) {
      if (map.size >= sweepAt[scope]) {
        sweep(map, settings[scope], now);
        sweepAt[scope] = Math.max(MIN_SWEEP_SIZE, map.size * 2);
      }
      bucket = { tokens: settings[scope].burst, at: now, penaltyUntil: 0 };
      map.set(key, bucket);
    }
    return bucket;
  }

  function windowOf(scope: WindowScope): ArrivalWindow {
    const window = (windows[scope] ??= { times: [], next: 0, penaltyUntil: 0 });
    const limit = windowLimit(settings[scope]);
    // configure() changed the limit: keep the latest arrivals, oldest first.
    if (window.times.length > limit || (window.times.length < limit && window.next !== 0)) resize(window, limit);
    return window;
  }

  function admit(call: FloodCall): void {
    const isGroup = call.chatType === 'group' || call.chatType === 'supergroup';
    const scopes: FloodScope[] = ['chat'];
    if (isGroup) scopes.push('group');
    scopes.push(call.paidBroadcast ? 'paidBroadcast' : 'global');

    if (!settings.enabled) {
      counters.admitted++;
      for (const scope of scopes) counters.scopes[scope].admitted++;
      return;
    }

    const now = clock.now();
    const states = scopes.map((scope) => {
      if (scope === 'chat') return keyed(chats, 'chat', call.chatId, now);
      if (scope === 'group') return keyed(groups, 'group', call.chatId, now);
      return windowOf(scope);
    });

    let waitS = 0;
    const empty: number[] = [];
    const penalised: number[] = [];
    scopes.forEach((scope, i) => {
      const state = states[i] as Bucket | ArrivalWindow;
      const spec = settings[scope];
      const missingS = isWindow(state) ? windowWaitS(state, windowLimit(spec), now) : bucketWaitS(state, spec, now);
      if (state.penaltyUntil > now) {
        penalised.push(i);
        waitS = Math.max(waitS, wholeSeconds((state.penaltyUntil - now) / 1000));
      } else if (missingS > 0) {
        empty.push(i);
        waitS = Math.max(waitS, wholeSeconds(missingS));
      }
    });

    if (empty.length === 0 && penalised.length === 0) {
      counters.admitted++;
      scopes.forEach((scope, i) => {
        const state = states[i] as Bucket | ArrivalWindow;
        if (isWindow(state)) record(state, windowLimit(settings[scope]), now);
        else state.tokens = Math.max(0, state.tokens - 1);
        counters.scopes[scope].admitted++;
      });
      return;
    }

    counters.tooManyRequests++;
    if (empty.length > 0) counters.violations++;
    if (penalised.length > 0) counters.refusedDuringPenalty++;
    let chatOwnViolation = false;
    for (const i of empty) {
      const scope = scopes[i] as FloodScope;
      (states[i] as Bucket | ArrivalWindow).penaltyUntil = now + waitS * 1000;
      counters.scopes[scope].violations++;
      if (scope === 'chat' || scope === 'group') chatOwnViolation = true;
    }
    for (const i of penalised) counters.scopes[scopes[i] as FloodScope].refusedDuringPenalty++;
    if (chatOwnViolation) counters.violationsByChat.set(call.chatId, (counters.violationsByChat.get(call.chatId) ?? 0) + 1);
    throw tooManyRequests(waitS);
  }

  return {
    admit,
    configure(input) {
      settings = mergeSettings(settings, input);
    },
    get settings() {
      return settings;
    },
    stats() {
      const bucketCounts: Record<FloodScope, number> = {
        chat: chats.size,
        group: groups.size,
        global: windows.global ? 1 : 0,
        paidBroadcast: windows.paidBroadcast ? 1 : 0,
      };
      const scopes = Object.fromEntries(
        SCOPES.map((scope) => [scope, { ...counters.scopes[scope], buckets: bucketCounts[scope] }]),
      ) as Record<FloodScope, FloodScopeStats>;
      return {
        enabled: settings.enabled,
        admitted: counters.admitted,
        tooManyRequests: counters.tooManyRequests,
        violations: counters.violations,
        refusedDuringPenalty: counters.refusedDuringPenalty,
        scopes,
        violationsByChat: Object.fromEntries([...counters.violationsByChat].map(([id, n]) => [String(id), n])),
      };
    },
    reset() {
      chats.clear();
      groups.clear();
      delete windows.global;
      delete windows.paidBroadcast;
      sweepAt.chat = MIN_SWEEP_SIZE;
      sweepAt.group = MIN_SWEEP_SIZE;
      counters = emptyCounters();
    },
  };
}

/** Seconds until the bucket holds a whole token (0: it does); brings its level up to `now` first. */
function bucketWaitS(bucket: Bucket, spec: RateSpec, now: number): number {
  const elapsed = Math.max(0, now - bucket.at); // a system clock may step back
  bucket.tokens = Math.min(spec.burst, bucket.tokens + (elapsed / 1000) * spec.perSecond);
  bucket.at = now;
  return bucket.tokens < 1 - EPSILON ? (1 - bucket.tokens) / spec.perSecond : 0;
}

/** Calls a window scope admits within 1000 ms: `perSecond` rounded down, at least 1. */
function windowLimit(spec: RateSpec): number {
  return Math.max(1, Math.floor(spec.perSecond + EPSILON));
}

function isWindow(state: Bucket | ArrivalWindow): state is ArrivalWindow {
  return 'times' in state;
}

/**
 * Seconds until the window has room (0: it has). It is full when it holds `limit` arrivals and
 * the oldest of them came less than WINDOW_MS ago (with EPSILON, so a sender spaced exactly
 * 1000 / limit ms apart by float sums is never refused for rounding).
 */
function windowWaitS(window: ArrivalWindow, limit: number, now: number): number {
  if (window.times.length < limit) return 0;
  const oldest = window.times[window.next] as number;
  const leavesIn = oldest + WINDOW_MS - now;
  return leavesIn > EPSILON ? leavesIn / 1000 : 0;
}

/** Adds an arrival, replacing the oldest once the ring holds `limit`. */
function record(window: ArrivalWindow, limit: number, now: number): void {
  if (window.times.length < limit) {
    window.times.push(now);
    window.next = 0;
    return;
  }
  window.times[window.next] = now;
  window.next = (window.next + 1) % limit;
}

/** Keeps the latest `limit` arrivals, oldest first (the limit was changed at runtime). */
function resize(window: ArrivalWindow, limit: number): void {
  const inOrder = [...window.times.slice(window.next), ...window.times.slice(0, window.next)];
  window.times = inOrder.slice(Math.max(0, inOrder.length - limit));
  window.next = 0;
}

/** Drops buckets that are full and serve no penalty: a fresh bucket would behave the same. */
function sweep(map: Map<number, Bucket>, spec: RateSpec, now: number): void {
  for (const [key, bucket] of map) {
    if (bucket.penaltyUntil > now) continue;
    const level = bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * spec.perSecond;
    if (level >= spec.burst - EPSILON) map.delete(key);
  }
}

/** A wait in seconds as retry_after: whole seconds, at least 1 (rounding noise does not add a second). */
function wholeSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds - EPSILON));
}

interface Counters {
  admitted: number;
  tooManyRequests: number;
  violations: number;
  refusedDuringPenalty: number;
  scopes: Record<FloodScope, Omit<FloodScopeStats, 'buckets'>>;
  violationsByChat: Map<number, number>;
}

function emptyCounters(): Counters {
  const scope = () => ({ admitted: 0, violations: 0, refusedDuringPenalty: 0 });
  return {
    admitted: 0,
    tooManyRequests: 0,
    violations: 0,
    refusedDuringPenalty: 0,
    scopes: { chat: scope(), group: scope(), global: scope(), paidBroadcast: scope() },
    violationsByChat: new Map(),
  };
}

/** Applies `input` over `base`, validating every field; returns a new frozen settings object. */
function mergeSettings(base: Readonly<FloodLimitSettings>, input: FloodLimitSettingsInput): Readonly<FloodLimitSettings> {
  if (!isObject(input)) {
    throw new TypeError(`flood limits: settings must be an object, got ${describe(input)}`);
  }
  for (const key of Object.keys(input)) {
    if (key !== 'enabled' && !(SCOPES as readonly string[]).includes(key)) {
      throw new TypeError(`flood limits: unknown setting "${key}" (expected enabled, ${SCOPES.join(', ')})`);
    }
  }
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
    throw new TypeError(`flood limits: enabled must be true or false, got ${describe(input.enabled)}`);
  }
  const merged = { enabled: input.enabled ?? base.enabled } as FloodLimitSettings;
  for (const scope of SCOPES) merged[scope] = mergeSpec(scope, base[scope], input[scope]);
  return Object.freeze(merged);
}

function mergeSpec(scope: FloodScope, base: Readonly<RateSpec>, input: Partial<RateSpec> | undefined): Readonly<RateSpec> {
  if (input === undefined) return base;
  if (!isObject(input)) {
    throw new TypeError(`flood limits: ${scope} must be an object like { perSecond, burst }, got ${describe(input)}`);
  }
  for (const key of Object.keys(input)) {
    if (key !== 'perSecond' && key !== 'burst') {
      throw new TypeError(`flood limits: unknown field "${scope}.${key}" (expected perSecond, burst)`);
    }
  }
  const perSecond = input.perSecond ?? base.perSecond;
  const burst = input.burst ?? base.burst;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) {
    throw new RangeError(`flood limits: ${scope}.perSecond must be a number > 0, got ${describe(perSecond)}`);
  }
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1) {
    throw new RangeError(`flood limits: ${scope}.burst must be a whole number >= 1, got ${describe(burst)}`);
  }
  return Object.freeze({ perSecond, burst });
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
