import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { startVirtualPlayers, type VirtualPlayersOptions } from '../src/virtual-players.js';
import { createUpdateHub } from '../src/update-hub.js';
import { World, type PollInit } from '../src/world.js';
import type { SimPoll } from '../src/world-types.js';

/** A world on a manual clock, built as the simulator builds it. */
function createTestWorld(): { world: World; clock: ManualClock } {
  const clock = new ManualClock();
  const updates = createUpdateHub({ clock });
  const world = new World({
    clock,
    updates,
    bot: { id: 7_000_000_001, firstName: 'Quiz', username: 'quiz_bot', canReadAllGroupMessages: false },
  });
  return { world, clock };
}

function quiz(overrides: Partial<PollInit> = {}): PollInit {
  return {
    question: 'Capital of France?',
    options: ['Berlin', 'Madrid', 'Paris', 'Rome'],
    type: 'quiz',
    isAnonymous: false,
    allowsMultipleAnswers: false,
    allowsRevoting: false,
    shuffleOptions: false,
    correctOptionIds: [2],
    openPeriod: 60,
    ...overrides,
  };
}

type Crowd = Omit<VirtualPlayersOptions, 'world' | 'clock' | 'chat'>;

/** A group with a crowd in it. */
function groupGame(crowd: Crowd = { players: 200, seed: 11 }) {
  const { world, clock } = createTestWorld();
  const group = world.createGroup({ title: 'Quiz night' });
  const players = startVirtualPlayers({ world, clock, chat: group.id, ...crowd });
  const send = (init: Partial<PollInit> = {}): SimPoll => world.createPoll(group, quiz(init));
  return { world, clock, group, players, send };
}

const isCorrect = (poll: SimPoll, choice: readonly number[]): boolean => JSON.stringify(choice) === JSON.stringify(poll.correctOptionIds);

/** What the bot should have stored: the world's own record of votes, as plain maps. */
const votesOf = (poll: SimPoll): Map<number, readonly number[]> => new Map(poll.votes);

describe('startVirtualPlayers in a group', () => {
  it('creates the players as members named after the prefix', () => {
    const { world, group, players } = groupGame({ players: 3, namePrefix: 'Guest' });
    expect(players.userIds).toHaveLength(3);
    expect(players.userIds.map((id) => world.user(id)?.firstName)).toEqual(['Guest 1', 'Guest 2', 'Guest 3']);
    for (const id of players.userIds) expect(group.members.get(id)).toBe('member');
  });

  it('answers a quiz after the think time; the world holds exactly the final answers', async () => {
    const { clock, players, send } = groupGame();
    const poll = send();
    expect(poll.votes.size).toBe(0);
    clock.advance(60_000);
    await players.settled();

    expect(players.finalAnswers()).toEqual(new Map([[poll.id, votesOf(poll)]]));
    const answers = players.answers();
    expect(answers.length).toBe(poll.votes.size);
    for (const action of answers) {
      expect(action.kind).toBe('vote');
      expect(action.at - poll.sentAt).toBeGreaterThanOrEqual(500);
      expect(action.at - poll.sentAt).toBeLessThanOrEqual(5000);
      expect(action.correct).toBe(isCorrect(poll, action.optionIds));
      expect(action.optionIds).toHaveLength(1);
    }
    // Answers are logged in the order they were cast.
    expect(answers.map((a) => a.at)).toEqual([...answers.map((a) => a.at)].sort((a, b) => a - b));
  });

  it('is right about as often as its accuracy says, counted on the votes the world holds', () => {
    const { clock, players, send } = groupGame({ players: 200, seed: 3, accuracy: 0.7, silentRate: 0 });
    const poll = send();
    clock.advance(60_000);
    const right = [...poll.votes.values()].filter((choice) => isCorrect(poll, choice)).length;
    expect(poll.votes.size).toBe(200);
    expect(players.answers().filter((a) => a.correct).length).toBe(right);
    // Binomial(200, 0.7) has a standard deviation of 6.5: 110..170 is more than four of them.
    expect(right).toBeGreaterThan(110);
    expect(right).toBeLessThan(170);
  });

  it('always picks the correct option at accuracy 1 and never at accuracy 0', () => {
    for (const accuracy of [0, 1]) {
      const { clock, send } = groupGame({ players: 50, accuracy, silentRate: 0 });
      const poll = send();
      clock.advance(60_000);
      expect(poll.votes.size).toBe(50);
      for (const choice of poll.votes.values()) expect(isCorrect(poll, choice)).toBe(accuracy === 1);
    }
  });

  it('answers a quiz with several correct options with exactly that set, or one wrong option', () => {
    const { clock, players, send } = groupGame({ players: 100, silentRate: 0, seed: 5 });
    const poll = send({ allowsMultipleAnswers: true, correctOptionIds: [0, 2] });
    clock.advance(60_000);
    const choices = [...poll.votes.values()];
    expect(choices.length).toBe(100);
    for (const choice of choices) {
      if (isCorrect(poll, choice)) expect(choice).toEqual([0, 2]);
      else expect(choice.length === 1 && (choice[0] === 1 || choice[0] === 3)).toBe(true);
    }
    expect(choices.some((c) => c.length === 2)).toBe(true);
    expect(choices.some((c) => c.length === 1)).toBe(true);
    expect(players.answers().filter((a) => a.correct).length).toBe(choices.filter((c) => isCorrect(poll, c)).length);
  });

  it('leaves the silent players without a vote, and counts them', () => {
    const { clock, players, send } = groupGame({ players: 200, silentRate: 0.2, seed: 8 });
    const poll = send();
    clock.advance(60_000);
    const stats = players.stats();
    const silentPlayers = players.userIds.filter((id) => !poll.votes.has(id));
    expect(stats.silent).toBe(silentPlayers.length);
    expect(stats.silent).toBeGreaterThan(0);
    expect(stats.votes + stats.silent).toBe(200);
    expect(stats).toMatchObject({ polls: 1, revotes: 0, retracts: 0, lateRefused: 0, refused: 0 });
  });

  it('plays regular polls with a random option and no correctness', () => {
    const { clock, players, send } = groupGame({ players: 60, silentRate: 0 });
    const poll = send({ type: 'regular', correctOptionIds: undefined });
    clock.advance(60_000);
    const answers = players.answers();
    expect(answers).toHaveLength(60);
    for (const action of answers) expect(action.correct).toBeUndefined();
    expect(new Set(answers.map((a) => a.optionIds[0])).size).toBe(4);
    expect(players.finalAnswers().get(poll.id)).toEqual(votesOf(poll));
  });

  it('ignores polls of other chats, polls users send, closed polls and polls the filter rejects', () => {
    const { world, clock, players, send } = groupGame({ players: 20, silentRate: 0, filter: (p) => !p.question.startsWith('skip') });
    const elsewhere = world.createGroup({ title: 'Other', members: [players.userIds[0] as number] });
    const other = world.createPoll(elsewhere, quiz());
    const closed = send({ isClosed: true });
    const skipped = send({ question: 'skip me' });
    const fromUser = world.sendQuizPoll(players.userIds[0] as number, {
      question: 'Mine',
      options: ['a', 'b'],
      correctOptionIds: [0],
    }).poll;
    clock.advance(60_000);
    for (const poll of [other, closed, skipped, fromUser]) expect(poll.votes.size).toBe(0);
    expect(players.stats().polls).toBe(0);
    expect(players.answers()).toHaveLength(0);
  });
});

describe('revotes and retracts', () => {
  it('never changes a vote on a poll that does not allow revoting', () => {
    const { clock, players, send } = groupGame({ players: 100, revoteRate: 1, retractRate: 1 });
    const poll = send({ allowsRevoting: false });
    clock.advance(60_000);
    expect(players.stats()).toMatchObject({ revotes: 0, retracts: 0, refused: 0 });
    expect(players.answers().every((a) => a.kind === 'vote')).toBe(true);
    expect(players.finalAnswers().get(poll.id)).toEqual(votesOf(poll));
  });

  it('changes to a different answer and retracts before the poll closes; the world agrees', () => {
    const { clock, players, send } = groupGame({ players: 200, revoteRate: 0.5, retractRate: 0.3, seed: 21 });
    const poll = send({ allowsRevoting: true, openPeriod: 30 });
    clock.advance(30_000);
    expect(poll.isClosed).toBe(true);
    const stats = players.stats();
    expect(stats.revotes).toBeGreaterThan(0);
    expect(stats.retracts).toBeGreaterThan(0);
    expect(stats.lateRefused).toBe(0);

    const answers = players.answers();
    const closeAt = poll.sentAt + 30_000;
    const last = new Map<number, { kind: string; optionIds: readonly number[]; at: number }>();
    for (const action of answers) {
      expect(action.at).toBeLessThan(closeAt);
      const before = last.get(action.userId);
      if (action.kind === 'vote') expect(before).toBeUndefined();
      if (action.kind === 'revote') {
        expect(before?.kind).toBe('vote');
        expect(action.optionIds).not.toEqual(before?.optionIds);
      }
      if (action.kind === 'retract') {
        expect(before).toBeDefined();
        expect(action.optionIds).toEqual([]);
        expect(action.correct).toBe(false);
      }
      if (before) expect(action.at).toBeGreaterThan(before.at);
      last.set(action.userId, action);
    }
    const retracted = [...last].filter(([, a]) => a.kind === 'retract').map(([id]) => id);
    expect(retracted.length).toBe(stats.retracts);
    for (const id of retracted) expect(poll.votes.has(id)).toBe(false);
    expect(players.finalAnswers().get(poll.id)).toEqual(votesOf(poll));
  });

  it('spreads follow-ups over some seconds when the poll has no closing time', () => {
    const { clock, players, send } = groupGame({ players: 100, revoteRate: 1, retractRate: 0, silentRate: 0 });
    const poll = send({ allowsRevoting: true, openPeriod: undefined });
    clock.advance(5_000);
    expect(players.stats().revotes).toBeLessThan(100);
    clock.advance(10_000);
    expect(players.stats()).toMatchObject({ votes: 100, revotes: 100 });
    expect(players.finalAnswers().get(poll.id)).toEqual(votesOf(poll));
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('closing polls', () => {
  it('counts the players still thinking when the poll closes as late, and leaves no timer behind', async () => {
    const { clock, players, send } = groupGame({ players: 200, thinkTimeMs: [0, 4000], silentRate: 0, seed: 4 });
    const poll = send({ openPeriod: 2 });
    clock.advance(10_000);
    await players.settled();
    const stats = players.stats();
    expect(stats.votes).toBe(poll.votes.size);
    expect(stats.lateRefused).toBeGreaterThan(0);
    expect(stats.votes + stats.lateRefused).toBe(200);
    for (const action of players.answers()) expect(action.at).toBeLessThan(poll.sentAt + 2000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('drops the actions of a closed poll while another poll is still being played', async () => {
    const { clock, players, send } = groupGame({ players: 200, thinkTimeMs: [0, 4000], silentRate: 0, seed: 6 });
    const short = send({ openPeriod: 2 });
    const long = send({ openPeriod: 60 });
    clock.advance(60_000);
    await players.settled();
    expect(long.votes.size).toBe(200);
    expect(short.votes.size).toBeLessThan(200);
    expect(players.stats()).toMatchObject({ votes: 200 + short.votes.size, lateRefused: 200 - short.votes.size, refused: 0 });
    expect(players.finalAnswers()).toEqual(
      new Map([
        [short.id, votesOf(short)],
        [long.id, votesOf(long)],
      ]),
    );
  });

  it('cancels pending revotes when the bot stops a poll early', () => {
    const { world, clock, players, send } = groupGame({
      players: 100,
      revoteRate: 1,
      retractRate: 0,
      silentRate: 0,
      thinkTimeMs: [100, 200],
    });
    const poll = send({ allowsRevoting: true, openPeriod: 600 });
    clock.advance(1_000);
    expect(players.stats().votes).toBe(100);
    world.closePoll(poll);
    expect(players.stats().lateRefused).toBe(100 - players.stats().revotes);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(600_000);
    expect(players.finalAnswers().get(poll.id)).toEqual(votesOf(poll));
  });

  it('counts votes the world refuses as POLL_CLOSED as late and does not record them', () => {
    const { clock, players, send } = groupGame({ players: 30, silentRate: 0 });
    const poll = send({ openPeriod: undefined });
    // Closed behind the crowd's back (no pollClosed event): every vote now hits POLL_CLOSED.
    poll.isClosed = true;
    clock.advance(10_000);
    expect(players.stats()).toMatchObject({ votes: 0, lateRefused: 30 });
    expect(players.answers()).toHaveLength(0);
    expect(players.finalAnswers().get(poll.id)?.size).toBe(0);
  });

  it("counts other refusals apart and drops the player's later steps", () => {
    const { world, group, clock, players, send } = groupGame({ players: 10, silentRate: 0, revoteRate: 1 });
    const leaver = players.userIds[0] as number;
    const poll = send({ allowsRevoting: true });
    world.setMemberStatus(group.id, leaver, 'left');
    clock.advance(60_000);
    expect(players.stats()).toMatchObject({ refused: 1, votes: 9, revotes: 9 });
    expect(poll.votes.has(leaver)).toBe(false);
  });
});

describe('private chats', () => {
  it('starts the bot for each player and answers only the polls sent to them', () => {
    const { world, clock } = createTestWorld();
    const outsider = world.createUser();
    const players = startVirtualPlayers({ world, clock, chat: 'private', players: 20, silentRate: 0 });
    for (const id of players.userIds) {
      expect(world.user(id)?.startedBot).toBe(true);
      expect(world.chat(id)?.transcript.map((e) => e.text)).toEqual(['/start']);
    }
    const polls = players.userIds.map((id) => world.createPoll(world.chat(id)!, quiz()));
    const ignored = world.createPoll(world.chat(outsider.id)!, quiz());
    clock.advance(60_000);
    polls.forEach((poll, i) => expect([...poll.votes.keys()]).toEqual([players.userIds[i]]));
    expect(ignored.votes.size).toBe(0);
    expect(players.stats()).toMatchObject({ polls: 20, votes: 20 });
    expect(players.finalAnswers()).toEqual(new Map(polls.map((p) => [p.id, votesOf(p)])));
  });
});

describe('scores, determinism and lifecycle', () => {
  it('expects the scores a leaderboard computes from the votes the world holds', () => {
    const { clock, players, send } = groupGame({ players: 150, seed: 9, revoteRate: 0.3, retractRate: 0.1 });
    const polls: SimPoll[] = [];
    for (let round = 0; round < 5; round++) {
      polls.push(send({ correctOptionIds: [round % 4], allowsRevoting: round % 2 === 0, openPeriod: 20 }));
      clock.advance(25_000);
    }
    const regular = send({ type: 'regular', correctOptionIds: undefined });
    clock.advance(25_000);

    const leaderboard = new Map(players.userIds.map((id) => [id, { correct: 0, answered: 0 }]));
    for (const poll of polls) {
      for (const [userId, choice] of poll.votes) {
        const row = leaderboard.get(userId)!;
        row.answered++;
        if (isCorrect(poll, choice)) row.correct++;
      }
    }
    expect(regular.votes.size).toBeGreaterThan(0);
    expect(players.expectedScores()).toEqual(leaderboard);
    expect([...leaderboard.values()].some((r) => r.correct > 0)).toBe(true);
    expect(players.stats().polls).toBe(6);
  });

  it('plays the same way for the same seed, and differently for another', () => {
    const run = (seed: number) => {
      const { clock, players, send } = groupGame({ players: 100, seed, revoteRate: 0.3, retractRate: 0.1 });
      send({ allowsRevoting: true });
      send({ correctOptionIds: [0] });
      clock.advance(60_000);
      return players.answers().map(({ pollId: _pollId, ...rest }) => rest);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(43)).not.toEqual(run(42));
  });

  it('settles once every action ran, not before', async () => {
    const { clock, players, send } = groupGame({ players: 50 });
    send({ openPeriod: undefined });
    let settled = false;
    const done = players.settled().then(() => {
      settled = true;
    });
    clock.advance(1_000);
    await Promise.resolve();
    expect(settled).toBe(false);
    clock.advance(10_000);
    await done;
    expect(settled).toBe(true);
  });

  it('stop() cancels every pending action and ignores later polls', async () => {
    const { world, clock, players, send } = groupGame({ players: 100 });
    const poll = send({ openPeriod: undefined });
    expect(clock.pendingTimers).toBe(1); // one timer for the whole crowd
    clock.advance(1_000);
    const before = poll.votes.size;
    players.stop();
    expect(clock.pendingTimers).toBe(0);
    await players.settled();
    clock.advance(60_000);
    expect(poll.votes.size).toBe(before);
    const later = send({ openPeriod: undefined });
    clock.advance(60_000);
    expect(later.votes.size).toBe(0);
    expect(world.listenerCount('botMessage')).toBe(0);
    expect(world.listenerCount('pollClosed')).toBe(0);
  });

  it('plays thousands of players over many polls', () => {
    const { clock, players, send } = groupGame({ players: 3_000, revoteRate: 0.2, retractRate: 0.05, seed: 2 });
    const polls: SimPoll[] = [];
    for (let round = 0; round < 10; round++) {
      polls.push(send({ allowsRevoting: true, openPeriod: 15 }));
      clock.advance(16_000);
    }
    expect(clock.pendingTimers).toBe(0);
    const finals = players.finalAnswers();
    for (const poll of polls) expect(finals.get(poll.id)).toEqual(votesOf(poll));
    expect(players.answers().length).toBe(players.stats().votes + players.stats().revotes + players.stats().retracts);
  });

  it('refuses options it cannot play by, saying what it expected', () => {
    const { world, clock } = createTestWorld();
    const group = world.createGroup({ title: 'g' });
    expect(() => startVirtualPlayers({ world, clock, chat: group.id, players: 1, accuracy: 1.5 })).toThrow(
      /accuracy to be a probability from 0 to 1, got 1.5/,
    );
    expect(() => startVirtualPlayers({ world, clock, chat: group.id, players: 1, thinkTimeMs: [10, 5] })).toThrow(
      /0 <= min <= max, got \[10, 5\]/,
    );
    expect(() => startVirtualPlayers({ world, clock, chat: -42, players: 1 })).toThrow(/a group of the world/);
    expect(() => startVirtualPlayers({ world, clock, chat: group.id, players: 2.5 })).toThrow(/whole number/);
  });
});
