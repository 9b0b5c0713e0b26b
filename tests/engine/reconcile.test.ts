import type { Poll } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { identifyByVoters, type IsMember } from '../../src/engine/poll-voters.js';
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

  it('matches a question sent with media: a poll update carries no media (Bot API 10.0: "inside the Message object only")', () => {
    const withMedia = {
      ...request,
      media: { type: 'photo', media: 'AgACAgIAAxkBAAsim' },
      explanation_media: { type: 'video', media: 'https://example.com/clip.mp4' },
    };
    expect(pollMatchesSend(poll(), send({}, withMedia))).toBe(true);
  });

  it('never matches a send that did not leave (no dispatch time) or is not a poll', () => {
    expect(pollMatchesSend(poll(), send({ dispatchedAt: null }))).toBe(false);
    expect(pollMatchesSend(poll(), send({ method: 'sendMessage' }))).toBe(false);
  });
});

describe('telling twin polls apart by their voters', () => {
  const inGroup = (chatId: number, id: number): OutboxRow => send({ id }, { ...request, chat_id: chatId });
  const twins = [inGroup(-100, 1), inGroup(-200, 2), inGroup(-300, 3)];
  /** Group memberships as Telegram would answer getChatMember; counts the questions asked. */
  function membership(members: Record<number, number[]>): IsMember & { asked: number } {
    const isMember = Object.assign(
      async (chatId: number, userId: number) => {
        isMember.asked++;
        return (members[chatId] ?? []).includes(userId);
      },
      { asked: 0 },
    );
    return isMember;
  }

  it('names the send of the one candidate chat a voter is in', async () => {
    const members = membership({ [-100]: [11], [-200]: [22], [-300]: [33] });
    expect(await identifyByVoters(twins, [22], members)).toEqual({ send: twins[1] });
  });

  it('passes over a voter who is in two candidate chats and asks the next', async () => {
    const members = membership({ [-100]: [11, 22], [-200]: [22], [-300]: [33] });
    expect(await identifyByVoters(twins, [22, 11], members)).toEqual({ send: twins[0] });
  });

  it('stays undecided with no voter yet, or only voters in several chats', async () => {
    expect(await identifyByVoters(twins, [], membership({}))).toBe('undecided');
    expect(await identifyByVoters(twins, [22], membership({ [-100]: [22], [-300]: [22] }))).toBe('undecided');
  });

  it('says none when the voters are in none of the chats, even for a lone candidate', async () => {
    expect(await identifyByVoters(twins, [44, 55], membership({ [-100]: [11] }))).toBe('none');
    expect(await identifyByVoters([twins[0]!], [22], membership({ [-200]: [22] }))).toBe('none');
  });

  it('never names one of two unknown sends in the same chat', async () => {
    const sameChat = [inGroup(-100, 1), inGroup(-100, 2)];
    expect(await identifyByVoters(sameChat, [11], membership({ [-100]: [11] }))).toBe('undecided');
  });

  it('knows a private chat by its id without asking Telegram, and asks about at most three voters', async () => {
    const privateTwins = [inGroup(501, 1), inGroup(502, 2)];
    const members = membership({});
    expect(await identifyByVoters(privateTwins, [502], members)).toEqual({ send: privateTwins[1] });
    expect(members.asked).toBe(0);
    const crowded = membership({ [-100]: [1, 2, 3, 4], [-200]: [1, 2, 3, 4] });
    expect(await identifyByVoters(twins, [1, 2, 3, 4], crowded)).toBe('undecided');
    expect(crowded.asked).toBe(6); // three voters, each found in two chats before the third is asked
  });
});
