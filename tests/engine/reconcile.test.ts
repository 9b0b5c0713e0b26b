import type { Poll } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { pollMatchesSend } from '../../src/engine/reconcile.js';
import type { OutboxRow } from '../../src/store/schema/outbox.js';

const dispatchedAt = new Date('2026-01-01T00:00:10.400Z');
const request = {
  chat_id: -100,
  question: '[2/3] Capital of France?',
  options: [{ text: 'Berlin' }, { text: 'Paris' }],
  type: 'quiz',
  is_anonymous: false,
  correct_option_ids: [1],
  open_period: 15,
};

function send(overrides: Partial<OutboxRow> = {}, payload: object = request): OutboxRow {
  return {
    id: 1,
    runId: 7,
    kind: 'question',
    position: 1,
    method: 'sendPoll',
    payload: JSON.stringify(payload),
    priority: 'question',
    dueAt: dispatchedAt,
    state: 'unknown',
    createdAt: dispatchedAt,
    dispatchedAt,
    doneAt: null,
    messageId: null,
    pollId: null,
    error: null,
    ...overrides,
  };
}

function poll(overrides: Partial<Poll> = {}): Poll {
  return {
    id: '5000000000000000001',
    question: request.question,
    options: request.options.map((o) => ({ text: o.text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: true,
    is_anonymous: false,
    type: 'quiz',
    allows_multiple_answers: false,
    allows_revoting: true,
    members_only: false,
    open_period: 15,
    close_date: Math.floor(dispatchedAt.getTime() / 1000) + 15,
    ...overrides,
  } as Poll;
}

describe('matching a poll update to a question of unknown delivery', () => {
  it('matches the same question, options and period closing when a poll sent then would', () => {
    expect(pollMatchesSend(poll(), send())).toBe(true);
    // Telegram took a few seconds to create it (the request was slow): still the same send.
    expect(pollMatchesSend(poll({ close_date: Math.floor(dispatchedAt.getTime() / 1000) + 15 + 20 }), send())).toBe(true);
  });

  it('refuses another question, other options, another period, or a poll that closes too early or too late', () => {
    expect(pollMatchesSend(poll({ question: '[2/3] Capital of Spain?' }), send())).toBe(false);
    expect(pollMatchesSend(poll({ options: [...poll().options].reverse() }), send())).toBe(false);
    expect(pollMatchesSend(poll({ open_period: 30 }), send())).toBe(false);
    expect(pollMatchesSend(poll({ close_date: Math.floor(dispatchedAt.getTime() / 1000) + 10 }), send())).toBe(false); // created before it was sent
    expect(pollMatchesSend(poll({ close_date: Math.floor(dispatchedAt.getTime() / 1000) + 15 + 120 }), send())).toBe(false);
  });

  it('never matches a send that did not leave (no dispatch time) or is not a poll', () => {
    expect(pollMatchesSend(poll(), send({ dispatchedAt: null }))).toBe(false);
    expect(pollMatchesSend(poll(), send({ method: 'sendMessage' }))).toBe(false);
  });
});
