import { describe, expect, it } from 'vitest';
import { createFaultPlan, type FaultPlan, type FaultRuleInput } from '../src/fault-plan.js';

const CODE = { rate_limit: 'R', server_error: 'E', slow: 'S', drop_before: 'B', drop_after: 'A' } as const;

/** One letter per call: R(ate limit), E(rror), S(low), B(efore drop), A(fter drop), '-' for no fault. */
function run(plan: FaultPlan, n: number, call: { method: string; chatId?: number | string } = { method: 'sendMessage' }): string {
  return Array.from({ length: n }, () => {
    const decision = plan.decide(call);
    return decision ? CODE[decision.kind] : '-';
  }).join('');
}

describe('createFaultPlan', () => {
  it('decides nothing without rules', () => {
    const plan = createFaultPlan();
    expect(plan.decide({ method: 'sendPoll', chatId: 1 })).toBeUndefined();
    expect(plan.list()).toEqual([]);
  });

  it('returns each kind as a decision with its parameters and the rule id', () => {
    const plan = createFaultPlan();
    const ids = [
      plan.add({ kind: 'rate_limit', retryAfterS: 7, methods: ['a'] }),
      plan.add({ kind: 'server_error', methods: ['b'] }),
      plan.add({ kind: 'server_error', status: 502, methods: ['c'] }),
      plan.add({ kind: 'slow', delayMs: 250, methods: ['d'] }),
      plan.add({ kind: 'drop_before', methods: ['e'] }),
      plan.add({ kind: 'drop_after', methods: ['f'] }),
    ];
    expect(new Set(ids).size).toBe(6);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((method) => plan.decide({ method }))).toEqual([
      { ruleId: ids[0], kind: 'rate_limit', retryAfterS: 7 },
      { ruleId: ids[1], kind: 'server_error', status: 500 },
      { ruleId: ids[2], kind: 'server_error', status: 502 },
      { ruleId: ids[3], kind: 'slow', delayMs: 250 },
      { ruleId: ids[4], kind: 'drop_before' },
      { ruleId: ids[5], kind: 'drop_after' },
    ]);
  });

  it('matches every method by default, or only the listed ones, case-insensitively', () => {
    const plan = createFaultPlan();
    plan.add({ kind: 'slow', delayMs: 10, methods: ['sendPoll', 'STOPPOLL'] });
    expect(plan.decide({ method: 'sendpoll' })?.kind).toBe('slow');
    expect(plan.decide({ method: 'stopPoll' })?.kind).toBe('slow');
    expect(plan.decide({ method: 'sendMessage' })).toBeUndefined();
    plan.add({ kind: 'drop_before' });
    expect(plan.decide({ method: 'getUpdates' })?.kind).toBe('drop_before');
  });

  it('matches a chat by id, numeric string or @username, and never a call without chat_id', () => {
    const plan = createFaultPlan();
    plan.add({ kind: 'server_error', chatId: -100123 });
    plan.add({ kind: 'drop_after', chatId: '@QuizChannel' });
    expect(plan.decide({ method: 'sendMessage', chatId: -100123 })?.kind).toBe('server_error');
    expect(plan.decide({ method: 'sendMessage', chatId: '-100123' })?.kind).toBe('server_error');
    expect(plan.decide({ method: 'sendMessage', chatId: -100124 })).toBeUndefined();
    expect(plan.decide({ method: 'sendMessage', chatId: '@quizchannel' })?.kind).toBe('drop_after');
    expect(plan.decide({ method: 'getMe' })).toBeUndefined();

    const byString = createFaultPlan();
    byString.add({ kind: 'slow', delayMs: 1, chatId: '42' });
    expect(byString.decide({ method: 'sendMessage', chatId: 42 })?.kind).toBe('slow');
  });

  it('counts times down, then the rule is spent and gone', () => {
    const plan = createFaultPlan();
    const id = plan.add({ kind: 'rate_limit', retryAfterS: 2, methods: ['sendMessage'], times: 3 });
    expect(plan.decide({ method: 'getMe' })).toBeUndefined(); // a call that does not match uses none
    expect(plan.list()).toEqual([
      { id, rule: { kind: 'rate_limit', retryAfterS: 2, methods: ['sendMessage'], times: 3 }, remaining: 3, hits: 0 },
    ]);
    expect(run(plan, 2)).toBe('RR');
    expect(plan.list()[0]).toMatchObject({ remaining: 1, hits: 2 });
    expect(run(plan, 3)).toBe('R--');
    expect(plan.list()).toEqual([]);
    expect(plan.remove(id)).toBe(false);
  });

  it('lets the first matching rule win, in the order rules were added', () => {
    const plan = createFaultPlan();
    plan.add({ kind: 'slow', delayMs: 5, methods: ['sendPoll'], times: 1 });
    plan.add({ kind: 'server_error' });
    plan.add({ kind: 'drop_before', methods: ['sendPoll'] }); // shadowed by the catch-all above
    expect(run(plan, 3, { method: 'sendPoll' })).toBe('SEE');
    expect(plan.list().map((f) => f.hits)).toEqual([2, 0]); // the spent slow rule is gone
  });

  it('makes probability reproducible from the seed, and lets later rules try when the draw fails', () => {
    const decisions = (seed: number): string => {
      const plan = createFaultPlan({ seed });
      plan.add({ kind: 'server_error', status: 502, methods: ['sendPoll'], probability: 0.3 });
      plan.add({ kind: 'slow', delayMs: 20 });
      return run(plan, 1_000, { method: 'sendPoll' });
    };
    const first = decisions(42);
    expect(decisions(42)).toBe(first);
    expect(decisions(43)).not.toBe(first);
    expect(first).toMatch(/^[ES]+$/); // a failed draw falls through to the slow rule, never to no fault
    const errors = [...first].filter((k) => k === 'E').length;
    expect(errors).toBeGreaterThan(250);
    expect(errors).toBeLessThan(350);
  });

  it('draws only for rules with a probability below 1, so certain rules do not shift the sequence', () => {
    const withCertainRule = createFaultPlan({ seed: 5 });
    withCertainRule.add({ kind: 'drop_after', methods: ['getMe'] });
    withCertainRule.add({ kind: 'server_error', probability: 0.5 });
    const alone = createFaultPlan({ seed: 5 });
    alone.add({ kind: 'server_error', probability: 0.5 });
    const mixed = Array.from({ length: 200 }, (_, i) =>
      i % 3 === 0 ? run(withCertainRule, 1, { method: 'getMe' }) : run(withCertainRule, 1),
    )
      .filter((_, i) => i % 3 !== 0)
      .join('');
    expect(mixed).toBe(run(alone, mixed.length));
    const never = createFaultPlan();
    never.add({ kind: 'server_error', probability: 0 });
    expect(run(never, 100)).toBe('-'.repeat(100));
  });

  it('removes one rule or all of them', () => {
    const plan = createFaultPlan();
    const a = plan.add({ kind: 'slow', delayMs: 1, methods: ['a'] });
    const b = plan.add({ kind: 'slow', delayMs: 2, methods: ['b'] });
    expect(plan.remove(a)).toBe(true);
    expect(plan.remove(a)).toBe(false);
    expect(plan.remove('fault-999')).toBe(false);
    expect(plan.decide({ method: 'a' })).toBeUndefined();
    expect(plan.list().map((f) => f.id)).toEqual([b]);
    plan.add({ kind: 'drop_before' });
    plan.clear();
    expect(plan.list()).toEqual([]);
    expect(plan.decide({ method: 'b' })).toBeUndefined();
    expect(plan.add({ kind: 'drop_before' })).not.toBe(b); // ids are never reused
  });

  it('counts injected faults by kind, across removals', () => {
    const plan = createFaultPlan();
    plan.add({ kind: 'rate_limit', retryAfterS: 1, times: 2, methods: ['a'] });
    const slow = plan.add({ kind: 'slow', delayMs: 1, methods: ['b'] });
    run(plan, 3, { method: 'a' });
    run(plan, 4, { method: 'b' });
    plan.remove(slow);
    expect(plan.stats()).toEqual({ injected: { rate_limit: 2, server_error: 0, slow: 4, drop_before: 0, drop_after: 0 } });
    const snapshot = plan.stats();
    plan.add({ kind: 'drop_after' });
    run(plan, 1);
    expect(snapshot.injected.drop_after).toBe(0); // stats() returns a copy
    expect(plan.stats().injected.drop_after).toBe(1);
  });

  it('keeps its own frozen copy of a rule', () => {
    const plan = createFaultPlan();
    const input = { kind: 'slow' as const, delayMs: 10, methods: ['sendPoll'] };
    plan.add(input);
    input.methods.push('sendMessage');
    input.delayMs = 99;
    expect(plan.decide({ method: 'sendMessage' })).toBeUndefined();
    const [active] = plan.list();
    expect(active?.rule).toEqual({ kind: 'slow', delayMs: 10, methods: ['sendPoll'] });
    expect(Object.isFrozen(active?.rule)).toBe(true);
    expect(Object.isFrozen(active?.rule.methods)).toBe(true);
  });

  describe('validation (the control API passes user JSON straight in)', () => {
    const cases: [string, unknown, ErrorConstructor, string][] = [
      ['not an object', 'boom', TypeError, `fault rule must be an object like { kind: 'server_error' }, got "boom"`],
      ['null', null, TypeError, `fault rule must be an object like { kind: 'server_error' }, got null`],
      [
        'unknown kind',
        { kind: 'explode' },
        TypeError,
        'fault rule: kind must be one of rate_limit, server_error, slow, drop_before, drop_after, got "explode"',
      ],
      [
        'missing kind',
        {},
        TypeError,
        'fault rule: kind must be one of rate_limit, server_error, slow, drop_before, drop_after, got nothing',
      ],
      [
        'negative retryAfterS',
        { kind: 'rate_limit', retryAfterS: -3 },
        RangeError,
        'fault rule: retryAfterS must be a whole number >= 1, got -3',
      ],
      [
        'fractional retryAfterS',
        { kind: 'rate_limit', retryAfterS: 1.5 },
        RangeError,
        'fault rule: retryAfterS must be a whole number >= 1, got 1.5',
      ],
      ['missing retryAfterS', { kind: 'rate_limit' }, TypeError, 'fault rule: retryAfterS must be a whole number >= 1, got nothing'],
      [
        'retryAfterS as text',
        { kind: 'rate_limit', retryAfterS: '5' },
        TypeError,
        'fault rule: retryAfterS must be a whole number >= 1, got "5"',
      ],
      [
        'a field of another kind',
        { kind: 'rate_limit', retryAfterS: 1, delayMs: 5 },
        TypeError,
        'fault rule: unknown field "delayMs" for kind rate_limit (allowed: kind, methods, chatId, times, probability, retryAfterS)',
      ],
      [
        'a typo',
        { kind: 'slow', delay: 5 },
        TypeError,
        'fault rule: unknown field "delay" for kind slow (allowed: kind, methods, chatId, times, probability, delayMs)',
      ],
      ['bad status', { kind: 'server_error', status: 404 }, RangeError, 'fault rule: status must be one of 500, 502, 503, 504, got 404'],
      ['negative delayMs', { kind: 'slow', delayMs: -1 }, RangeError, 'fault rule: delayMs must be a number of milliseconds >= 0, got -1'],
      [
        'infinite delayMs',
        { kind: 'slow', delayMs: Infinity },
        RangeError,
        'fault rule: delayMs must be a number of milliseconds >= 0, got Infinity',
      ],
      [
        'methods not a list',
        { kind: 'drop_before', methods: 'sendPoll' },
        TypeError,
        'fault rule: methods must be a non-empty array of method names, got "sendPoll"',
      ],
      [
        'empty methods',
        { kind: 'drop_before', methods: [] },
        TypeError,
        'fault rule: methods must be a non-empty array of method names, got []',
      ],
      [
        'blank method',
        { kind: 'drop_before', methods: ['sendPoll', ' '] },
        TypeError,
        'fault rule: methods must be a non-empty array of method names, got ["sendPoll"," "]',
      ],
      [
        'bad chatId',
        { kind: 'drop_after', chatId: 1.5 },
        TypeError,
        'fault rule: chatId must be a whole number or a non-empty string, got 1.5',
      ],
      [
        'empty chatId',
        { kind: 'drop_after', chatId: '' },
        TypeError,
        'fault rule: chatId must be a whole number or a non-empty string, got ""',
      ],
      ['zero times', { kind: 'drop_after', times: 0 }, RangeError, 'fault rule: times must be a whole number >= 1, got 0'],
      [
        'probability above 1',
        { kind: 'drop_after', probability: 1.2 },
        RangeError,
        'fault rule: probability must be a number from 0 to 1, got 1.2',
      ],
      [
        'probability as text',
        { kind: 'drop_after', probability: '0.5' },
        TypeError,
        'fault rule: probability must be a number from 0 to 1, got "0.5"',
      ],
    ];
    it.each(cases)('rejects %s', (_name, rule, errorClass, message) => {
      const plan = createFaultPlan();
      expect(() => plan.add(rule as FaultRuleInput)).toThrow(new errorClass(message));
      expect(() => plan.add(rule as FaultRuleInput)).toThrow(errorClass);
      expect(plan.list()).toEqual([]);
    });

    it('accepts a rule with every common field', () => {
      const plan = createFaultPlan();
      plan.add({ kind: 'server_error', status: 503, methods: ['sendPoll'], chatId: -1, times: 2, probability: 0.5 });
      expect(plan.list()[0]?.rule).toEqual({
        kind: 'server_error',
        status: 503,
        methods: ['sendPoll'],
        chatId: -1,
        times: 2,
        probability: 0.5,
      });
    });
  });
});
