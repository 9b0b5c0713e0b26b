import { describe, expect, it } from 'vitest';
import { acceptsAnswer, nextRunStep, openSendAction, reconcileDeadline, responseMs, type OpenSend } from '../../src/quiz/run-steps.js';

describe('the run state machine', () => {
  it('asks the questions in order, announcing the first, then finishes; a finishing run only finishes', () => {
    expect(nextRunStep({ status: 'running', currentPosition: -1, questionCount: 2 })).toEqual({
      kind: 'ask',
      position: 0,
      announce: true,
      closePosition: null,
    });
    expect(nextRunStep({ status: 'running', currentPosition: 0, questionCount: 2 })).toEqual({
      kind: 'ask',
      position: 1,
      announce: false,
      closePosition: 0,
    });
    expect(nextRunStep({ status: 'running', currentPosition: 1, questionCount: 2 })).toEqual({ kind: 'finish', closePosition: 1 });
    expect(nextRunStep({ status: 'finishing', currentPosition: 0, questionCount: 2 })).toEqual({ kind: 'finish', closePosition: 0 });
    expect(nextRunStep({ status: 'finishing', currentPosition: -1, questionCount: 2 })).toEqual({ kind: 'finish', closePosition: null });
    expect(nextRunStep({ status: 'finished', currentPosition: 1, questionCount: 2 })).toEqual({ kind: 'none' });
    expect(nextRunStep({ status: 'cancelled', currentPosition: 0, questionCount: 2 })).toEqual({ kind: 'none' });
  });

  it('counts answers Telegram delivered late, but not those after an early close', () => {
    const closesAt = new Date(20_000);
    expect(acceptsAnswer({ closesAt, closedAt: null }, new Date(25_000))).toBe(true);
    expect(acceptsAnswer({ closesAt, closedAt: new Date(21_500) }, new Date(60_000))).toBe(true); // closed on time
    expect(acceptsAnswer({ closesAt, closedAt: new Date(10_000) }, new Date(9_999))).toBe(true); // /stopquiz after it
    expect(acceptsAnswer({ closesAt, closedAt: new Date(10_000) }, new Date(10_001))).toBe(false);
  });
});

describe('response time', () => {
  const question = { sentAt: new Date(1_000), closesAt: new Date(16_000) };

  it('runs from the send to the acceptance', () => {
    expect(responseMs(question, new Date(4_500))).toBe(3_500);
  });

  it("never exceeds the open period, however late the answer was accepted (downtime is not the player's)", () => {
    expect(responseMs(question, new Date(22_039))).toBe(15_000);
    expect(responseMs(question, new Date(272_238))).toBe(15_000);
  });

  it('is 0 for an acceptance stamped before the send (clock skew between instances) and unknown without a send time', () => {
    expect(responseMs(question, new Date(500))).toBe(0);
    expect(responseMs({ sentAt: null, closesAt: null }, new Date(500))).toBeNull();
  });
});

describe('open sends of a step taken again', () => {
  const now = 100_000;
  const send = (overrides: Partial<OpenSend>): OpenSend => ({
    kind: 'question',
    state: 'pending',
    dispatchedAt: null,
    openPeriodS: 15,
    inFlightHere: false,
    ...overrides,
  });
  const context = { now, questionsStarted: false };

  it('leaves what this instance is still sending', () => {
    for (const state of ['pending', 'dispatched', 'unknown'] as const) {
      expect(openSendAction(send({ state, inFlightHere: true, dispatchedAt: 1 }), context)).toEqual({ kind: 'leave' });
    }
  });

  it('sends what never left, but drops an announcement whose questions already started', () => {
    expect(openSendAction(send({ state: 'pending' }), context)).toEqual({ kind: 'send' });
    expect(openSendAction(send({ kind: 'announce', state: 'pending' }), context)).toEqual({ kind: 'send' });
    expect(openSendAction(send({ kind: 'announce', state: 'pending' }), { now, questionsStarted: true })).toEqual({ kind: 'drop' });
    expect(openSendAction(send({ kind: 'results', state: 'pending' }), { now, questionsStarted: true })).toEqual({ kind: 'send' });
  });

  it('never sends again what left for Telegram: its outcome becomes unknown', () => {
    expect(openSendAction(send({ state: 'dispatched', dispatchedAt: now - 1_000 }), context)).toEqual({ kind: 'mark-unknown' });
    expect(openSendAction(send({ kind: 'results', state: 'dispatched', dispatchedAt: now - 1_000 }), context)).toEqual({
      kind: 'mark-unknown',
    });
  });

  it("waits for an unknown question's poll until its would-be close plus the grace, then skips it", () => {
    const dispatchedAt = now - 5_000;
    const until = reconcileDeadline(dispatchedAt, 15);
    expect(until).toBe(dispatchedAt + 15_000 + 1_500 + 10_000);
    expect(openSendAction(send({ state: 'unknown', dispatchedAt }), context)).toEqual({ kind: 'await-reconcile', until });
    expect(openSendAction(send({ state: 'unknown', dispatchedAt }), { now: until, questionsStarted: true })).toEqual({ kind: 'give-up' });
  });

  it('takes an unknown announcement or results message as delivered at once', () => {
    expect(openSendAction(send({ kind: 'announce', state: 'unknown', dispatchedAt: now }), context)).toEqual({ kind: 'give-up' });
    expect(openSendAction(send({ kind: 'results', state: 'unknown', dispatchedAt: now }), context)).toEqual({ kind: 'give-up' });
  });
});
