import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { BotApiError } from '../src/errors.js';
import {
  createFloodLimits,
  DEFAULT_FLOOD_LIMITS,
  type FloodCall,
  type FloodLimits,
  type FloodLimitSettingsInput,
} from '../src/flood-limits.js';

const privateChat = (chatId: number, paidBroadcast = false): FloodCall => ({ chatId, chatType: 'private', paidBroadcast });
const supergroup = (chatId: number): FloodCall => ({ chatId, chatType: 'supergroup', paidBroadcast: false });

function setup(settings?: FloodLimitSettingsInput, start?: number) {
  const clock = new ManualClock(start);
  const limits = createFloodLimits({ clock, settings });
  return { clock, limits };
}

/** 'ok' when admitted, else the retry_after of the 429 (any other error fails the test). */
function attempt(limits: FloodLimits, call: FloodCall): 'ok' | number {
  try {
    limits.admit(call);
    return 'ok';
  } catch (error) {
    if (!(error instanceof BotApiError) || error.errorCode !== 429) throw error;
    return error.parameters?.retry_after as number;
  }
}

/** Moves the clock to an absolute offset from `start`, so fractional steps do not accumulate rounding. */
function moveTo(clock: ManualClock, start: number, offsetMs: number): void {
  clock.advance(Math.max(0, start + offsetMs - clock.now()));
}

describe('createFloodLimits', () => {
  it('uses the limits Telegram documents by default', () => {
    const { limits } = setup();
    expect(limits.settings).toEqual(DEFAULT_FLOOD_LIMITS);
    expect(DEFAULT_FLOOD_LIMITS).toEqual({
      enabled: true,
      chat: { perSecond: 1, burst: 3 },
      group: { perSecond: 20 / 60, burst: 3 },
      global: { perSecond: 30, burst: 30 },
      paidBroadcast: { perSecond: 1000, burst: 1000 },
    });
  });

  it('admits exactly the burst in one chat, then answers 429 as Telegram words it', () => {
    const { limits } = setup();
    for (let i = 0; i < 3; i++) limits.admit(privateChat(1));
    let error: unknown;
    try {
      limits.admit(privateChat(1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BotApiError);
    expect((error as BotApiError).toJSON()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect(attempt(limits, privateChat(2))).toBe('ok'); // another chat has its own bucket
  });

  it('refills continuously: after 1 s exactly one more call goes', () => {
    const { clock, limits } = setup();
    for (let i = 0; i < 3; i++) limits.admit(privateChat(1));
    clock.advance(1_000);
    expect(attempt(limits, privateChat(1))).toBe('ok');
    expect(attempt(limits, privateChat(1))).toBe(1);
    expect(limits.stats().scopes.chat).toMatchObject({ admitted: 4, violations: 1 });
  });

  it('rounds retry_after up to whole seconds, at least 1', () => {
    const { clock, limits } = setup({ chat: { perSecond: 0.4, burst: 1 } });
    limits.admit(privateChat(1));
    expect(attempt(limits, privateChat(1))).toBe(3); // 1 token at 0.4/s = 2.5 s
    clock.advance(3_000);
    limits.admit(privateChat(1));
    clock.advance(2_400); // 0.96 tokens: 0.1 s missing
    expect(attempt(limits, privateChat(1))).toBe(1);
  });

  describe('groups: 20 messages per minute', () => {
    it('refuses the 4th call of a burst for 3 s (chat and group scopes both empty: the larger wait wins)', () => {
      const { limits } = setup();
      for (let i = 0; i < 3; i++) limits.admit(supergroup(-100));
      expect(attempt(limits, supergroup(-100))).toBe(3);
      const stats = limits.stats();
      expect(stats.scopes.chat.violations).toBe(1);
      expect(stats.scopes.group.violations).toBe(1);
      expect(stats.violations).toBe(1);
      expect(stats.violationsByChat).toEqual({ '-100': 1 }); // once per call, not once per scope
    });

    it('never refuses a sender spaced 3 s apart, over 10 minutes', () => {
      const { clock, limits } = setup();
      for (let i = 0; i < 200; i++) {
        expect(attempt(limits, { chatId: -100, chatType: 'group', paidBroadcast: false })).toBe('ok');
        clock.advance(3_000);
      }
      const stats = limits.stats();
      expect(stats.admitted).toBe(200);
      expect(stats.tooManyRequests).toBe(0);
      expect(stats.violations).toBe(0);
      expect(stats.refusedDuringPenalty).toBe(0);
    });

    it('lets a client that honours retry_after send 23 messages in the first 60 s, no more', () => {
      const { clock, limits } = setup();
      const start = clock.now();
      let admittedInWindow = 0;
      while (clock.now() - start <= 60_000) {
        const result = attempt(limits, supergroup(-100));
        if (result === 'ok') admittedInWindow++;
        else clock.advance(result * 1_000);
      }
      expect(admittedInWindow).toBe(23);
      expect(limits.stats().refusedDuringPenalty).toBe(0);
    });
  });

  describe('global: 30 messages per second', () => {
    it('admits 30 private chats at once and refuses the 31st with retry_after 1 (global scope only)', () => {
      const { limits } = setup();
      for (let chat = 1; chat <= 30; chat++) expect(attempt(limits, privateChat(chat))).toBe('ok');
      expect(attempt(limits, privateChat(31))).toBe(1);
      const stats = limits.stats();
      expect(stats.scopes.global).toMatchObject({ admitted: 30, violations: 1 });
      expect(stats.scopes.chat.violations).toBe(0);
      expect(stats.violationsByChat).toEqual({}); // not the chat's fault
    });

    it('never refuses a sender at exactly 30/s (33.34 ms apart) across many chats, over 60 s', () => {
      const { clock, limits } = setup();
      for (let i = 0; i < 1_800; i++) {
        expect(attempt(limits, privateChat(1 + (i % 500)))).toBe('ok');
        clock.advance(33.34);
      }
      expect(limits.stats().tooManyRequests).toBe(0);
    });

    it('does not drift: 1000/30 ms apart exactly (window edges computed from float sums) is never refused', () => {
      // Epoch 0: near 2026's epoch milliseconds a double resolves only ~0.0002 ms, which is
      // the clock's rounding, not the limiter's.
      const { clock, limits } = setup({}, 0);
      const start = clock.now();
      for (let i = 0; i < 1_800; i++) {
        moveTo(clock, start, (i * 1_000) / 30);
        expect(attempt(limits, privateChat(1 + (i % 500)))).toBe('ok');
      }
      expect(limits.stats().violations).toBe(0);
    });

    it('counts by arrival in a sliding window: the 31st call within any 1000 ms is refused, whatever the spacing before', () => {
      const { clock, limits } = setup();
      const start = clock.now();
      // 15 calls evenly over the first 500 ms: a 30/s token bucket would admit 30 more at once here.
      for (let i = 0; i < 15; i++) {
        moveTo(clock, start, i * 34);
        expect(attempt(limits, privateChat(1 + i))).toBe('ok');
      }
      moveTo(clock, start, 600);
      for (let i = 0; i < 15; i++) expect(attempt(limits, privateChat(100 + i))).toBe('ok');
      expect(attempt(limits, privateChat(200))).toBe(1); // 30 within (start - 400, start + 600]
      expect(limits.stats().scopes.global).toMatchObject({ admitted: 30, violations: 1 });
      // The penalty (1 s from 600 ms) outlasts the oldest arrival's exit at 1000 ms.
      moveTo(clock, start, 1_599);
      expect(attempt(limits, privateChat(201))).toBe(1);
      moveTo(clock, start, 1_600);
      // Penalty over, and the calls of 600 ms are 1000 ms old: they have left the window.
      for (let i = 0; i < 30; i++) expect(attempt(limits, privateChat(300 + i))).toBe('ok');
      expect(attempt(limits, privateChat(400))).toBe(1);
    });

    it('lets a call in exactly when the oldest arrival is 1000 ms old, not a millisecond before', () => {
      const threeThen = (atMs: number) => {
        const { clock, limits } = setup({ global: { perSecond: 3 } });
        const start = clock.now();
        for (const at of [0, 10, 20]) {
          moveTo(clock, start, at);
          limits.admit(privateChat(at + 1));
        }
        moveTo(clock, start, atMs);
        return limits;
      };
      expect(attempt(threeThen(999), privateChat(50))).toBe(1);
      const atOneSecond = threeThen(1_000);
      expect(attempt(atOneSecond, privateChat(50))).toBe('ok'); // the call of 0 ms has left
      expect(attempt(atOneSecond, privateChat(51))).toBe(1); // the one of 10 ms has not
    });

    it('ignores burst for the window scopes and rounds a fractional perSecond down', () => {
      const { limits } = setup({ global: { perSecond: 5.5, burst: 1 } });
      for (let chat = 1; chat <= 5; chat++) expect(attempt(limits, privateChat(chat))).toBe('ok');
      expect(attempt(limits, privateChat(6))).toBe(1);
    });

    it('keeps the latest arrivals when configure() changes the window at runtime', () => {
      const fourThenChanged = (perSecond: number) => {
        const { clock, limits } = setup({ global: { perSecond: 4 } });
        const start = clock.now();
        for (const at of [0, 100, 200, 300, 1_050]) {
          moveTo(clock, start, at);
          limits.admit(privateChat(at + 1)); // at 1050 the call of 0 ms has left: arrivals 100, 200, 300, 1050
        }
        limits.configure({ global: { perSecond } });
        return { clock, limits, start };
      };
      const grown = fourThenChanged(6);
      moveTo(grown.clock, grown.start, 1_100); // 100 leaves; 200, 300 and 1050 stay
      for (let i = 0; i < 3; i++) expect(attempt(grown.limits, privateChat(20 + i))).toBe('ok');
      expect(attempt(grown.limits, privateChat(30))).toBe(1);

      const shrunk = fourThenChanged(2);
      moveTo(shrunk.clock, shrunk.start, 1_299); // the latest two, 300 and 1050, are within 1000 ms
      expect(attempt(shrunk.limits, privateChat(40))).toBe(1);
    });

    it('counts allow_paid_broadcast against its own 1000/s window, independent of global', () => {
      const { limits } = setup();
      for (let chat = 1; chat <= 30; chat++) limits.admit(privateChat(chat));
      expect(attempt(limits, privateChat(31))).toBe(1); // global full and now penalised
      for (let chat = 1_000; chat < 2_000; chat++) expect(attempt(limits, privateChat(chat, true))).toBe('ok');
      expect(attempt(limits, privateChat(2_000, true))).toBe(1);
      expect(attempt(limits, privateChat(2_001))).toBe(1);
      const { scopes } = limits.stats();
      expect(scopes.paidBroadcast).toMatchObject({ admitted: 1_000, violations: 1 });
      expect(scopes.global).toMatchObject({ admitted: 30, violations: 1, refusedDuringPenalty: 1 });
    });

    it('still applies the per-chat limit to paid broadcasts', () => {
      const { limits } = setup();
      for (let i = 0; i < 3; i++) limits.admit(privateChat(1, true));
      expect(attempt(limits, privateChat(1, true))).toBe(1);
      expect(limits.stats().scopes.chat.violations).toBe(1);
    });

    it('puts channels in the chat and global scopes, not the group one', () => {
      const { limits } = setup();
      for (let i = 0; i < 3; i++) limits.admit({ chatId: -200, chatType: 'channel', paidBroadcast: false });
      expect(attempt(limits, { chatId: -200, chatType: 'channel', paidBroadcast: false })).toBe(1);
      const { scopes } = limits.stats();
      expect(scopes.chat).toMatchObject({ admitted: 3, violations: 1 });
      expect(scopes.group.admitted).toBe(0);
      expect(scopes.global.admitted).toBe(3);
    });
  });

  it('consumes nothing from any scope when a call is refused', () => {
    const { clock, limits } = setup({ chat: { perSecond: 0.1 } }); // slow refill: a lost chat token would show
    for (let chat = 1; chat <= 30; chat++) limits.admit(privateChat(chat));
    expect(attempt(limits, privateChat(99))).toBe(1); // refused by global; chat 99's bucket untouched
    expect(limits.stats().scopes.chat.admitted).toBe(30);
    clock.advance(1_000);
    for (let i = 0; i < 3; i++) expect(attempt(limits, privateChat(99))).toBe('ok');
    expect(attempt(limits, privateChat(99))).toBe(10); // 0.1 token/s
  });

  describe('penalty for ignoring retry_after', () => {
    it('refuses inside the window even once tokens are back, and stops at its end', () => {
      const { clock, limits } = setup();
      for (let i = 0; i < 3; i++) limits.admit(privateChat(1));
      clock.advance(500);
      expect(attempt(limits, privateChat(1))).toBe(1); // 0.5 tokens: 0.5 s missing, told 1 s
      clock.advance(500); // a whole token now, but the client was told to wait until 1.5 s
      expect(attempt(limits, privateChat(1))).toBe(1);
      clock.advance(499);
      expect(attempt(limits, privateChat(1))).toBe(1);
      clock.advance(1);
      expect(attempt(limits, privateChat(1))).toBe('ok');
      const stats = limits.stats();
      expect(stats.scopes.chat).toMatchObject({ admitted: 4, violations: 1, refusedDuringPenalty: 2 });
      expect(stats).toMatchObject({ tooManyRequests: 3, violations: 1, refusedDuringPenalty: 2 });
      expect(stats.violationsByChat).toEqual({ '1': 1 });
    });

    it('answers the remaining whole seconds and does not extend the window', () => {
      const { clock, limits } = setup();
      for (let i = 0; i < 3; i++) limits.admit(supergroup(-100));
      expect(attempt(limits, supergroup(-100))).toBe(3);
      clock.advance(1_000);
      expect(attempt(limits, supergroup(-100))).toBe(2);
      clock.advance(1_500);
      expect(attempt(limits, supergroup(-100))).toBe(1);
      clock.advance(500);
      expect(attempt(limits, supergroup(-100))).toBe('ok');
      expect(limits.stats().scopes.group).toMatchObject({ violations: 1, refusedDuringPenalty: 2 });
    });

    it('penalises a shared scope for every chat: global refuses other chats until the window ends', () => {
      const { clock, limits } = setup();
      for (let chat = 1; chat <= 30; chat++) limits.admit(privateChat(chat));
      expect(attempt(limits, privateChat(31))).toBe(1);
      clock.advance(500); // still 30 arrivals within 1000 ms, and penalised anyway
      expect(attempt(limits, privateChat(32))).toBe(1);
      expect(attempt(limits, privateChat(33, true))).toBe('ok'); // paid broadcasts do not touch global
      clock.advance(500);
      expect(attempt(limits, privateChat(32))).toBe('ok');
      expect(limits.stats().scopes.global.refusedDuringPenalty).toBe(1);
    });

    it('gives every empty scope the retry_after that was announced', () => {
      // chat needs 3 s, group 1 s: the group scope is penalised for 3 s too, since that is what the client was told.
      const { clock, limits } = setup({ group: { perSecond: 1, burst: 3 }, chat: { perSecond: 1 / 3, burst: 3 } });
      for (let i = 0; i < 3; i++) limits.admit(supergroup(-100));
      expect(attempt(limits, supergroup(-100))).toBe(3);
      clock.advance(1_000); // group has a token again but serves the announced 3 s
      expect(attempt(limits, supergroup(-100))).toBe(2);
      expect(limits.stats().scopes.chat.refusedDuringPenalty).toBe(1);
      expect(limits.stats().scopes.group.refusedDuringPenalty).toBe(1);
    });
  });

  it('answers the largest wait when several scopes refuse', () => {
    const { limits } = setup({ chat: { perSecond: 0.25, burst: 1 } });
    for (let chat = 1; chat <= 29; chat++) limits.admit(privateChat(chat));
    limits.admit(privateChat(500)); // global now full (1 s to wait), chat 500 empty (4 s)
    expect(attempt(limits, privateChat(500))).toBe(4);
    const { scopes } = limits.stats();
    expect(scopes.chat.violations).toBe(1);
    expect(scopes.global.violations).toBe(1);
  });

  it('reports every counter as plain JSON', () => {
    const { limits } = setup();
    for (let i = 0; i < 4; i++) attempt(limits, privateChat(7));
    for (let i = 0; i < 5; i++) attempt(limits, supergroup(-100));
    const stats = limits.stats();
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
    expect(stats).toEqual({
      enabled: true,
      admitted: 6,
      tooManyRequests: 3,
      violations: 2,
      refusedDuringPenalty: 1,
      scopes: {
        chat: { admitted: 6, violations: 2, refusedDuringPenalty: 1, buckets: 2 },
        group: { admitted: 3, violations: 1, refusedDuringPenalty: 1, buckets: 1 },
        global: { admitted: 6, violations: 0, refusedDuringPenalty: 0, buckets: 1 },
        paidBroadcast: { admitted: 0, violations: 0, refusedDuringPenalty: 0, buckets: 0 },
      },
      violationsByChat: { '7': 1, '-100': 1 },
    });
  });

  describe('configure()', () => {
    it('changes limits at runtime while buckets keep their level', () => {
      const { clock, limits } = setup();
      for (let i = 0; i < 3; i++) limits.admit(privateChat(1));
      limits.configure({ chat: { perSecond: 10 } });
      expect(limits.settings.chat).toEqual({ perSecond: 10, burst: 3 });
      expect(attempt(limits, privateChat(1))).toBe(1); // still empty: configure() refills nothing
      clock.advance(1_000); // penalty over; 10 tokens/s, capped at the burst of 3
      for (let i = 0; i < 3; i++) expect(attempt(limits, privateChat(1))).toBe('ok');
      expect(attempt(limits, privateChat(1))).toBe(1);
      clock.advance(1_000);
      limits.configure({ chat: { burst: 1 } }); // a smaller bucket caps the stored level
      expect(attempt(limits, privateChat(1))).toBe('ok');
      expect(attempt(limits, privateChat(1))).toBe(1);
    });

    it('rejects invalid settings, naming the field, and keeps the old ones', () => {
      const { limits } = setup();
      expect(() => limits.configure({ chat: { perSecond: 0 } })).toThrow(
        new RangeError('flood limits: chat.perSecond must be a number > 0, got 0'),
      );
      expect(() => limits.configure({ group: { burst: 2.5 } })).toThrow(
        new RangeError('flood limits: group.burst must be a whole number >= 1, got 2.5'),
      );
      expect(() => limits.configure({ enabled: 'no' } as never)).toThrow(
        new TypeError('flood limits: enabled must be true or false, got "no"'),
      );
      expect(() => limits.configure({ perChat: {} } as never)).toThrow(/unknown setting "perChat"/);
      expect(() => limits.configure({ global: { rate: 5 } } as never)).toThrow(/unknown field "global.rate"/);
      expect(limits.settings).toEqual(DEFAULT_FLOOD_LIMITS);
      expect(() => createFloodLimits({ clock: new ManualClock(), settings: { paidBroadcast: { perSecond: -1 } } })).toThrow(
        /paidBroadcast.perSecond must be a number > 0, got -1/,
      );
    });

    it('settings are a frozen snapshot', () => {
      const { limits } = setup();
      const before = limits.settings;
      expect(Object.isFrozen(before)).toBe(true);
      expect(Object.isFrozen(before.chat)).toBe(true);
      limits.configure({ enabled: false });
      expect(before.enabled).toBe(true);
      expect(limits.settings.enabled).toBe(false);
    });
  });

  it('admits and counts everything when disabled, and limits again once re-enabled', () => {
    const { limits } = setup({ enabled: false });
    for (let i = 0; i < 100; i++) expect(attempt(limits, supergroup(-100))).toBe('ok');
    const stats = limits.stats();
    expect(stats).toMatchObject({ enabled: false, admitted: 100, tooManyRequests: 0 });
    expect(stats.scopes.chat.admitted).toBe(100);
    expect(stats.scopes.group.admitted).toBe(100);
    expect(stats.scopes.global.admitted).toBe(100);
    limits.configure({ enabled: true });
    for (let i = 0; i < 3; i++) expect(attempt(limits, supergroup(-100))).toBe('ok');
    expect(attempt(limits, supergroup(-100))).toBe(3);
  });

  it('reset() forgets buckets, penalties and counters', () => {
    const { limits } = setup({ chat: { burst: 1 } });
    limits.admit(privateChat(1));
    expect(attempt(limits, privateChat(1))).toBe(1);
    limits.reset();
    expect(limits.stats()).toMatchObject({ admitted: 0, tooManyRequests: 0, violationsByChat: {} });
    expect(limits.settings.chat.burst).toBe(1);
    expect(attempt(limits, privateChat(1))).toBe('ok');
  });

  it('keeps memory bounded over tens of thousands of chats, without timers, and never forgets a penalty', () => {
    const { clock, limits } = setup({ global: { perSecond: 1_000, burst: 1_000 }, group: { perSecond: 1 / 600 } });
    for (let i = 0; i < 3; i++) limits.admit(supergroup(-1));
    expect(attempt(limits, supergroup(-1))).toBe(600);
    for (let chat = 1; chat <= 40_000; chat++) {
      limits.admit(privateChat(chat));
      clock.advance(10);
    }
    const { scopes } = limits.stats();
    expect(scopes.chat.admitted).toBe(40_003);
    expect(scopes.chat.buckets).toBeLessThanOrEqual(1_024); // ~100 chats refilling at any moment; full ones are swept
    expect(clock.pendingTimers).toBe(0);
    expect(attempt(limits, supergroup(-1))).toBe(200); // 400 s passed of the 600 s penalty
  });
});
