/**
 * Faults the simulator injects on purpose, switchable at runtime (tests, the control API): 429
 * storms, 5xx answers, slow answers and dropped connections, for every method or only some, in
 * one chat or all, a fixed number of times or with a seeded probability. This module decides
 * and keeps count; the HTTP server carries the decision out.
 */
import { isObject } from './json-fields.js';
import { createRandom, type Random } from './random.js';

/** The faults there are. */
export type FaultKind = 'rate_limit' | 'server_error' | 'slow' | 'drop_before' | 'drop_after';

const KINDS: readonly FaultKind[] = ['rate_limit', 'server_error', 'slow', 'drop_before', 'drop_after'];

/** Which calls a rule applies to, and how often. Common to every {@link FaultRule}. */
export interface FaultMatch {
  /** Method names, case-insensitive [every method]. */
  methods?: string[];
  /** The call's `chat_id`: a number, a numeric string or an `@username` (case-insensitive) [every chat]. */
  chatId?: number | string;
  /** Applies to the next N matching calls, then the rule is spent [unlimited]. */
  times?: number;
  /** Chance (0-1) that a matching call gets the fault, drawn from the plan's seeded Random [1]. */
  probability?: number;
}

/** What to do to a call. */
export type FaultAction =
  /** Answer 429 with `retry_after`; a storm Telegram declares, not counted as a flood violation. */
  | { kind: 'rate_limit'; retryAfterS: number }
  /** Answer a 5xx [500]. */
  | { kind: 'server_error'; status?: 500 | 502 | 503 | 504 }
  /** Answer normally, `delayMs` later. */
  | { kind: 'slow'; delayMs: number }
  /** Close the connection without doing anything. */
  | { kind: 'drop_before' }
  /** Do the call, then close the connection without answering: the client cannot know it took effect. */
  | { kind: 'drop_after' };

/** A fault rule: an action plus where and how often it applies. */
export type FaultRule = FaultAction & FaultMatch;

/** What {@link FaultPlan.add} accepts: a {@link FaultRule}, validated field by field (user JSON is fine). */
export type FaultRuleInput = FaultRule;

/** The fault to inject into one call; `status` is always set for server_error. */
export type FaultDecision = { ruleId: string } & (
  | { kind: 'rate_limit'; retryAfterS: number }
  | { kind: 'server_error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'drop_before' }
  | { kind: 'drop_after' }
);

/** A live rule as {@link FaultPlan.list} shows it. */
export interface ActiveFault {
  id: string;
  /** The rule as validated (a copy; `server_error` has its status filled in). */
  rule: Readonly<FaultRule>;
  /** Applications left; null when unlimited. */
  remaining: number | null;
  /** Calls this rule was applied to. */
  hits: number;
}

/** Runtime-switchable fault injection. See {@link createFaultPlan}. */
export interface FaultPlan {
  /** Validates and appends a rule (later rules match after earlier ones); returns its id. */
  add(rule: FaultRuleInput): string;
  /** Removes a rule; false when no live rule has that id (never added, removed or spent). */
  remove(id: string): boolean;
  /** Removes every rule (counters stay). */
  clear(): void;
  /** First matching live rule for this call (consumes one of its `times`), or undefined. */
  decide(call: { method: string; chatId?: number | string }): FaultDecision | undefined;
  /** Live rules in matching order. */
  list(): readonly ActiveFault[];
  /** Faults injected since creation, by kind. */
  stats(): { injected: Record<FaultKind, number> };
}

/** Options of {@link createFaultPlan}. */
export interface FaultPlanOptions {
  /** Seed of the Random that `probability` draws from [1]. */
  seed?: number;
}

interface LiveRule {
  id: string;
  rule: Readonly<FaultRule>;
  methods: ReadonlySet<string> | undefined;
  chatKey: string | undefined;
  hits: number;
}

/**
 * Creates an empty fault plan. Rules are tried in the order they were added; a rule matches a
 * call when its methods and chat match and, if it has a probability below 1, a draw from the
 * plan's Random succeeds (a rule whose draw fails lets later rules try, so "10% of sendPoll
 * fail, everything is slow" composes). Draws happen only for rules with probability below 1,
 * so the same seed and the same calls give the same faults. A rule with `times` is removed
 * once it has been applied that many times.
 *
 * @example
 * const plan = createFaultPlan({ seed: 7 });
 * plan.add({ kind: 'server_error', status: 502, methods: ['sendPoll'], probability: 0.1 });
 * plan.add({ kind: 'rate_limit', retryAfterS: 5, chatId: -100123, times: 3 });
 * plan.decide({ method: 'sendMessage', chatId: -100123 }); // { ruleId: 'fault-2', kind: 'rate_limit', retryAfterS: 5 }
 */
export function createFaultPlan(options: FaultPlanOptions = {}): FaultPlan {
  const random: Random = createRandom(options.seed ?? 1);
  let rules: LiveRule[] = [];
  let nextId = 1;
  const injected: Record<FaultKind, number> = { rate_limit: 0, server_error: 0, slow: 0, drop_before: 0, drop_after: 0 };

  return {
    add(input) {
      const rule = validateRule(input);
      const id = `fault-${nextId++}`;
      rules.push({
        id,
        rule,
        methods: rule.methods ? new Set(rule.methods.map((m) => m.toLowerCase())) : undefined,
        chatKey: rule.chatId === undefined ? undefined : chatKey(rule.chatId),
        hits: 0,
      });
      return id;
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((r) => r.id !== id);
      return rules.length < before;
    },
    clear() {
      rules = [];
    },
    decide(call) {
      if (rules.length === 0) return undefined;
      const method = call.method.toLowerCase();
      const callChat = call.chatId === undefined ? undefined : chatKey(call.chatId);
      for (const live of rules) {
        if (live.methods && !live.methods.has(method)) continue;
        if (live.chatKey !== undefined && live.chatKey !== callChat) continue;
        const p = live.rule.probability ?? 1;
        if (p < 1 && !random.chance(p)) continue;
        live.hits++;
        if (live.hits === live.rule.times) rules = rules.filter((r) => r !== live);
        injected[live.rule.kind]++;
        return decision(live);
      }
      return undefined;
    },
    list() {
      return rules.map((r) => ({
        id: r.id,
        rule: r.rule,
        remaining: r.rule.times === undefined ? null : r.rule.times - r.hits,
        hits: r.hits,
      }));
    },
    stats() {
      return { injected: { ...injected } };
    },
  };
}

function decision(live: LiveRule): FaultDecision {
  const { rule, id: ruleId } = live;
  switch (rule.kind) {
    case 'rate_limit':
      return { ruleId, kind: 'rate_limit', retryAfterS: rule.retryAfterS };
    case 'server_error':
      return { ruleId, kind: 'server_error', status: rule.status ?? 500 };
    case 'slow':
      return { ruleId, kind: 'slow', delayMs: rule.delayMs };
    case 'drop_before':
    case 'drop_after':
      return { ruleId, kind: rule.kind };
  }
}

/** One spelling per chat: -100123 and "-100123" are the same chat, "@Quiz" and "@quiz" too. */
function chatKey(chatId: number | string): string {
  if (typeof chatId === 'number') return String(chatId);
  const text = chatId.trim();
  return /^-?\d+$/.test(text) ? String(Number(text)) : text.toLowerCase();
}

const COMMON_FIELDS = ['kind', 'methods', 'chatId', 'times', 'probability'] as const;
const KIND_FIELDS: Record<FaultKind, readonly string[]> = {
  rate_limit: ['retryAfterS'],
  server_error: ['status'],
  slow: ['delayMs'],
  drop_before: [],
  drop_after: [],
};
const SERVER_ERROR_STATUSES = [500, 502, 503, 504] as const;

/**
 * Checks a rule that may come straight from user JSON; returns a frozen copy with defaults.
 * Wrong types throw a TypeError, values out of range a RangeError; the message names the field.
 */
function validateRule(input: unknown): Readonly<FaultRule> {
  if (!isObject(input)) {
    throw new TypeError(`fault rule must be an object like { kind: 'server_error' }, got ${describe(input)}`);
  }
  const raw = input;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`fault rule: kind must be one of ${KINDS.join(', ')}, got ${describe(kind)}`);
  }
  const fields = KIND_FIELDS[kind as FaultKind];
  for (const key of Object.keys(raw)) {
    if (!(COMMON_FIELDS as readonly string[]).includes(key) && !fields.includes(key)) {
      const allowed = [...COMMON_FIELDS, ...fields].join(', ');
      throw new TypeError(`fault rule: unknown field "${key}" for kind ${kind} (allowed: ${allowed})`);
    }
  }

  const match: FaultMatch = {};
  if (raw.methods !== undefined) {
    const methods = raw.methods;
    if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === 'string' && m.trim() !== '')) {
      throw new TypeError(`fault rule: methods must be a non-empty array of method names, got ${describe(methods)}`);
    }
    match.methods = Object.freeze(methods.map((m: string) => m.trim())) as string[];
  }
  if (raw.chatId !== undefined) {
    const chatId = raw.chatId;
    const valid = (typeof chatId === 'number' && Number.isSafeInteger(chatId)) || (typeof chatId === 'string' && chatId.trim() !== '');
    if (!valid) throw new TypeError(`fault rule: chatId must be a whole number or a non-empty string, got ${describe(chatId)}`);
    match.chatId = chatId as number | string;
  }
  if (raw.times !== undefined) match.times = wholeNumber('times', raw.times, 1);
  if (raw.probability !== undefined) {
    const p = raw.probability;
    if (typeof p !== 'number') throw new TypeError(`fault rule: probability must be a number from 0 to 1, got ${describe(p)}`);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`fault rule: probability must be a number from 0 to 1, got ${describe(p)}`);
    match.probability = p;
  }

  switch (kind as FaultKind) {
    case 'rate_limit':
      return Object.freeze({ kind: 'rate_limit', retryAfterS: wholeNumber('retryAfterS', raw.retryAfterS, 1), ...match });
    case 'server_error': {
      const status = raw.status ?? 500;
      if (!(SERVER_ERROR_STATUSES as readonly unknown[]).includes(status)) {
        throw new RangeError(`fault rule: status must be one of ${SERVER_ERROR_STATUSES.join(', ')}, got ${describe(status)}`);
      }
      return Object.freeze({ kind: 'server_error', status: status as 500 | 502 | 503 | 504, ...match });
    }
    case 'slow': {
      const delayMs = raw.delayMs;
      if (typeof delayMs !== 'number')
        throw new TypeError(`fault rule: delayMs must be a number of milliseconds >= 0, got ${describe(delayMs)}`);
      if (!(Number.isFinite(delayMs) && delayMs >= 0)) {
        throw new RangeError(`fault rule: delayMs must be a number of milliseconds >= 0, got ${describe(delayMs)}`);
      }
      return Object.freeze({ kind: 'slow', delayMs, ...match });
    }
    case 'drop_before':
    case 'drop_after':
      return Object.freeze({ kind: kind as 'drop_before' | 'drop_after', ...match });
  }
}

function wholeNumber(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number') throw new TypeError(`fault rule: ${field} must be a whole number >= ${min}, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`fault rule: ${field} must be a whole number >= ${min}, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
