/**
 * Virtual players: a crowd that plays the bot's quizzes through the {@link World}, the way
 * people do. Each player answers a poll after a think time, right with a chosen accuracy, and
 * some change their mind, retract, or never answer. The driver remembers every vote it cast,
 * so a test or benchmark can check the bot's leaderboard and database against it.
 *
 * It is built for thousands of players and many polls: one listener on the world and one clock
 * timer for the whole crowd (the next due action, from a min-heap).
 */
import type { Clock, ClockTimer } from './clock.js';
import { MinHeap } from './min-heap.js';
import { MAX_OPTIONS, bit, idsOf, maskOf } from './option-masks.js';
import { createRandom, type Random } from './random.js';
import { SimulatorActionError } from './action-error.js';
import { pollClosesAt, type World } from './world.js';
import type { SimChat, SimMessage, SimPoll } from './world-types.js';

export interface VirtualPlayersOptions {
  world: World;
  clock: Clock;
  /**
   * A group id: the players are created and added to it as members. `'private'`: each player
   * starts the bot in their private chat (`/start`) and answers the polls the bot sends *them*.
   */
  chat: number | 'private';
  /** How many virtual users to create (a whole number >= 0). */
  players: number;
  /** Probability that a quiz answer is correct [0.7]. */
  accuracy?: number;
  /** Think time before the first vote, uniform in [min, max] milliseconds [[500, 5000]]. */
  thinkTimeMs?: readonly [number, number];
  /** Probability that a player later changes their answer, on polls that allow revoting [0.1]. */
  revoteRate?: number;
  /** Probability that a player later retracts their vote, on polls that allow revoting [0.02]. */
  retractRate?: number;
  /** Probability that a player ignores a given poll [0.05]. */
  silentRate?: number;
  /** Seed of every decision and think time [1]. */
  seed?: number;
  /** Which of the bot's open polls in the players' chat(s) to play [all of them]. */
  filter?: (poll: SimPoll) => boolean;
  /** First names are `${namePrefix} 1`, `${namePrefix} 2`, ... ['Player']. */
  namePrefix?: string;
}

/** One vote action a player performed (a retract has `optionIds: []`). */
export interface PlayerAction {
  readonly userId: number;
  readonly pollId: string;
  readonly kind: 'vote' | 'revote' | 'retract';
  readonly optionIds: readonly number[];
  /** Clock milliseconds when the vote was cast. */
  readonly at: number;
  /** Quiz polls only: whether the player's answer is correct after this action (a retract: false). */
  readonly correct?: boolean;
}

export interface VirtualPlayerStats {
  /** Polls the players took part in. */
  polls: number;
  /** First votes cast. */
  votes: number;
  /** Changed answers. */
  revotes: number;
  /** Retracted votes. */
  retracts: number;
  /** (player, poll) pairs where the player decided to ignore the poll. */
  silent: number;
  /**
   * Actions the poll's closing cut off: a player's next action still waiting when the poll
   * closed (one per player and poll at most: a player still thinking never votes, so their
   * planned revote never happens either), plus votes the world refused with `POLL_CLOSED`.
   */
  lateRefused: number;
  /** Votes the world refused for another reason (e.g. the player left the group). */
  refused: number;
}

export interface VirtualPlayers {
  /** The players' user ids, in creation order. */
  readonly userIds: readonly number[];
  /** Every vote action performed, in order. */
  answers(): readonly PlayerAction[];
  /**
   * The final choice of each player per poll (after revotes and retracts), as the bot should
   * have recorded it. Every poll played is a key, even when nobody's vote remained.
   */
  finalAnswers(): ReadonlyMap<string, ReadonlyMap<number, readonly number[]>>;
  /**
   * Per player (every player, zeros included): quiz polls whose final answer is correct, and
   * quiz polls with a final answer. A leaderboard scoring 1 point per correct final answer
   * should match `correct`. Regular polls are not counted.
   */
  expectedScores(): ReadonlyMap<number, { correct: number; answered: number }>;
  stats(): VirtualPlayerStats;
  /**
   * Resolves when every scheduled action has run or been cancelled. With a ManualClock,
   * advance the clock far enough first: it does not move time by itself.
   */
  settled(): Promise<void>;
  /** Cancels every pending action and stops listening to the world. */
  stop(): void;
}

/** Without a known closing time, a revote or retract comes within this long after the first vote. */
const FOLLOW_UP_WINDOW_MS = 10_000;

const KIND_VOTE = 0;
const KIND_REVOTE = 1;
const KIND_RETRACT = 2;
const KINDS = ['vote', 'revote', 'retract'] as const;

/**
 * Creates the players (and their group membership or private chats) and starts playing every
 * poll the bot sends them from now on.
 *
 * @example
 * const clock = new ManualClock();
 * const group = world.createGroup({ title: 'Quiz night' });
 * const players = startVirtualPlayers({ world, clock, chat: group.id, players: 200, seed: 7 });
 * // ... the bot sends quiz polls with open_period ...
 * clock.advance(60_000);
 * await players.settled();
 * expect(leaderboard).toEqual(players.expectedScores());
 */
export function startVirtualPlayers(options: VirtualPlayersOptions): VirtualPlayers {
  return new Crowd(options);
}

/** A poll the crowd plays. */
interface PlayedPoll {
  readonly index: number;
  readonly poll: SimPoll;
  /** Quiz only: the mask of the correct options. */
  readonly correctMask: number | undefined;
  /** The answer that counts as correct and can be cast: the correct set, or one option when only one may be chosen. */
  readonly correctChoice: number | undefined;
  /** Options that are not correct (regular polls: every option). */
  readonly otherIds: readonly number[];
  /** Plans of this poll waiting in the queue (a plan is in the queue at most once). */
  pending: number;
  closed: boolean;
}

/** What one player will do on one poll, decided when the poll arrives. */
/** One vote action: `poll` indexes the played polls, `kind` is KIND_*, `mask` the options chosen (0 = retract). */
interface LoggedAction {
  readonly userId: number;
  readonly poll: number;
  readonly kind: number;
  readonly mask: number;
  readonly at: number;
}

interface Plan {
  readonly userId: number;
  readonly played: PlayedPoll;
  /** The next step: KIND_VOTE, KIND_REVOTE or KIND_RETRACT. */
  step: number;
  /** When the next step runs (clock ms) and its tie-breaker in the queue. */
  at: number;
  seq: number;
  readonly voteMask: number;
  /** -1 when the player does not revote / retract. */
  readonly revoteAt: number;
  readonly revoteMask: number;
  readonly retractAt: number;
}

interface Settings {
  accuracy: number;
  thinkMin: number;
  thinkMax: number;
  revoteRate: number;
  retractRate: number;
  silentRate: number;
}

class Crowd implements VirtualPlayers {
  readonly userIds: readonly number[];
  readonly #world: World;
  readonly #clock: Clock;
  readonly #groupId: number | undefined;
  readonly #players: ReadonlySet<number>;
  readonly #settings: Settings;
  readonly #filter: ((poll: SimPoll) => boolean) | undefined;
  /** Draws one seed per poll, so a poll's decisions do not depend on how polls interleave. */
  readonly #seeds: Random;
  readonly #played: PlayedPoll[] = [];
  readonly #open = new Map<string, PlayedPoll>();
  readonly #queue = new MinHeap<Plan>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  /** Every vote, revote and retract cast, in order. */
  readonly #log: LoggedAction[] = [];
  readonly #stats: VirtualPlayerStats = { polls: 0, votes: 0, revotes: 0, retracts: 0, silent: 0, lateRefused: 0, refused: 0 };
  #seq = 0;
  /** Plans in the queue whose poll is still open. */
  #live = 0;
  #timer: ClockTimer | undefined;
  #timerAt = Infinity;
  #waiters: (() => void)[] = [];
  #stopped = false;

  readonly #onBotMessage = (message: SimMessage, chat: SimChat): void => this.#receive(message, chat);
  readonly #onPollClosed = (poll: SimPoll): void => this.#close(poll);

  constructor(options: VirtualPlayersOptions) {
    this.#settings = readSettings(options);
    this.#world = options.world;
    this.#clock = options.clock;
    this.#filter = options.filter;
    this.#seeds = createRandom(options.seed ?? 1);
    if (!Number.isSafeInteger(options.players) || options.players < 0) {
      throw new RangeError(`startVirtualPlayers expects players to be a whole number >= 0, got ${options.players}`);
    }
    if (options.chat !== 'private') {
      const chat = options.world.chat(options.chat);
      if (!chat || chat.type === 'private')
        throw new RangeError(
          `startVirtualPlayers expects chat to be a group of the world or 'private', got ${options.chat}; create one with world.createGroup()`,
        );
      this.#groupId = chat.id;
    }
    const prefix = options.namePrefix ?? 'Player';
    const ids: number[] = [];
    for (let i = 1; i <= options.players; i++) {
      const user = options.world.createUser({ firstName: `${prefix} ${i}` });
      ids.push(user.id);
      if (this.#groupId !== undefined) options.world.setMemberStatus(this.#groupId, user.id, 'member');
      else options.world.sendText(user.id, user.id, '/start');
    }
    this.userIds = ids;
    this.#players = new Set(ids);
    options.world.on('botMessage', this.#onBotMessage);
    options.world.on('pollClosed', this.#onPollClosed);
  }

  answers(): readonly PlayerAction[] {
    const actions: PlayerAction[] = [];
    for (const { userId, poll, kind, mask, at } of this.#log) {
      const played = this.#played[poll] as PlayedPoll;
      const action: { -readonly [K in keyof PlayerAction]: PlayerAction[K] } = {
        userId,
        pollId: played.poll.id,
        kind: KINDS[kind] ?? 'vote',
        optionIds: idsOf(mask),
        at,
      };
      if (played.correctMask !== undefined) action.correct = mask === played.correctMask;
      actions.push(action);
    }
    return actions;
  }

  finalAnswers(): ReadonlyMap<string, ReadonlyMap<number, readonly number[]>> {
    const result = new Map<string, Map<number, readonly number[]>>();
    this.#finalMasks().forEach((masks, index) => {
      const choices = new Map<number, readonly number[]>();
      for (const [userId, mask] of masks) choices.set(userId, idsOf(mask));
      result.set((this.#played[index] as PlayedPoll).poll.id, choices);
    });
    return result;
  }

  expectedScores(): ReadonlyMap<number, { correct: number; answered: number }> {
    const scores = new Map<number, { correct: number; answered: number }>();
    for (const userId of this.userIds) scores.set(userId, { correct: 0, answered: 0 });
    this.#finalMasks().forEach((masks, index) => {
      const { correctMask } = this.#played[index] as PlayedPoll;
      if (correctMask === undefined) return;
      for (const [userId, mask] of masks) {
        const score = scores.get(userId) as { correct: number; answered: number };
        score.answered++;
        if (mask === correctMask) score.correct++;
      }
    });
    return scores;
  }

  stats(): VirtualPlayerStats {
    return { ...this.#stats };
  }

  settled(): Promise<void> {
    if (this.#live === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#world.off('botMessage', this.#onBotMessage);
    this.#world.off('pollClosed', this.#onPollClosed);
    this.#queue.clear();
    for (const played of this.#open.values()) played.pending = 0;
    this.#open.clear();
    this.#live = 0;
    this.#disarm();
    this.#wakeWaiters();
  }

  // ---------------------------------------------------------------- polls arriving and closing

  #receive(message: SimMessage, chat: SimChat): void {
    if (message.pollId === undefined) return;
    const poll = this.#world.poll(message.pollId);
    if (!poll || !poll.sentByBot || poll.isClosed || this.#open.has(poll.id)) return;
    // In a group everyone plays; in private, the one player whose chat it is.
    let player: number | undefined;
    if (this.#groupId !== undefined) {
      if (chat.id !== this.#groupId) return;
    } else {
      if (chat.type !== 'private' || !this.#players.has(chat.id)) return;
      player = chat.id;
    }
    // Polls with more options than a mask holds are not Telegram polls (at most 12 options).
    if (poll.options.length > MAX_OPTIONS || poll.options.length === 0) return;
    if (this.#filter && !this.#filter(poll)) return;

    const played = playedPoll(poll, this.#played.length);
    this.#played.push(played);
    this.#open.set(poll.id, played);
    this.#stats.polls++;
    // One generator per poll: its decisions depend on the seed and the poll's rank only.
    const random = createRandom(this.#seeds.int(0, 0xffff_ffff));
    const now = this.#clock.now();
    const closeAt = pollClosesAt(poll);
    if (player !== undefined) this.#plan(random, played, player, now, closeAt);
    else for (const userId of this.userIds) this.#plan(random, played, userId, now, closeAt);
    this.#arm();
  }

  #plan(random: Random, played: PlayedPoll, userId: number, now: number, closeAt: number | undefined): void {
    const s = this.#settings;
    if (random.chance(s.silentRate)) {
      this.#stats.silent++;
      return;
    }
    const voteAt = now + random.int(s.thinkMin, s.thinkMax);
    const voteMask = this.#choose(random, played, undefined) as number;
    // Follow-ups come after the first vote and before the poll closes (when that is known).
    const lastFollowUp = closeAt !== undefined ? closeAt - 1 : voteAt + FOLLOW_UP_WINDOW_MS;
    let revoteAt = -1;
    let revoteMask = 0;
    if (played.poll.allowsRevoting && random.chance(s.revoteRate) && voteAt < lastFollowUp) {
      const mask = this.#choose(random, played, voteMask);
      if (mask !== undefined) {
        revoteAt = random.int(voteAt + 1, lastFollowUp);
        revoteMask = mask;
      }
    }
    let retractAt = -1;
    const afterAt = revoteAt === -1 ? voteAt : revoteAt;
    if (played.poll.allowsRevoting && random.chance(s.retractRate) && afterAt < lastFollowUp) {
      retractAt = random.int(afterAt + 1, lastFollowUp);
    }
    this.#enqueue({ userId, played, step: KIND_VOTE, at: voteAt, seq: 0, voteMask, revoteAt, revoteMask, retractAt });
  }

  /**
   * A choice: right with probability `accuracy`, else one wrong option. With `avoid` (a
   * revote) the choice differs from it; undefined when no other choice exists.
   */
  #choose(random: Random, played: PlayedPoll, avoid: number | undefined): number | undefined {
    const { correctChoice, otherIds } = played;
    const wantsCorrect = correctChoice !== undefined && random.chance(this.#settings.accuracy);
    if (wantsCorrect && correctChoice !== avoid) return correctChoice;
    const others = avoid === undefined ? otherIds : otherIds.filter((id) => bit(id) !== avoid);
    if (others.length > 0) return bit(random.pick(others));
    return correctChoice !== avoid ? correctChoice : undefined;
  }

  #close(poll: SimPoll): void {
    const played = this.#open.get(poll.id);
    if (!played) return;
    this.#open.delete(poll.id);
    played.closed = true;
    this.#stats.lateRefused += played.pending;
    this.#live -= played.pending;
    played.pending = 0;
    // Its plans stay in the queue and are skipped when they come out (no scan per close).
    if (this.#live === 0) {
      this.#queue.clear();
      this.#disarm();
      this.#wakeWaiters();
    }
  }

  // ---------------------------------------------------------------- the queue and its one timer

  #enqueue(plan: Plan): void {
    plan.seq = this.#seq++;
    plan.played.pending++;
    this.#live++;
    this.#queue.push(plan);
  }

  /** Points the one clock timer at the earliest live plan. */
  #arm(): void {
    while (this.#queue.peek()?.played.closed) this.#queue.pop();
    const next = this.#queue.peek();
    if (!next) {
      this.#disarm();
      return;
    }
    if (this.#timer && this.#timerAt <= next.at) return;
    this.#timer?.cancel();
    this.#timerAt = next.at;
    this.#timer = this.#clock.setTimeout(() => this.#fire(), next.at - this.#clock.now());
  }

  #disarm(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    try {
      const now = this.#clock.now();
      for (let plan = this.#queue.peek(); plan; plan = this.#queue.peek()) {
        if (!plan.played.closed && plan.at > now) break;
        this.#queue.pop();
        if (plan.played.closed) continue;
        plan.played.pending--;
        this.#live--;
        this.#act(plan);
      }
    } finally {
      if (!this.#stopped) this.#arm();
      if (this.#live === 0) this.#wakeWaiters();
    }
  }

  /** Casts the plan's next vote and queues the step after it. */
  #act(plan: Plan): void {
    const { played, userId } = plan;
    const step = plan.step;
    const mask = step === KIND_VOTE ? plan.voteMask : step === KIND_REVOTE ? plan.revoteMask : 0;
    try {
      this.#world.answerPoll(userId, played.poll.id, idsOf(mask));
    } catch (error) {
      if (!(error instanceof SimulatorActionError)) throw error;
      // The player's remaining steps are dropped with this one: nothing to change or retract.
      if (error.code === 'POLL_CLOSED') this.#stats.lateRefused++;
      else this.#stats.refused++;
      return;
    }
    this.#log.push({ userId, poll: played.index, kind: step, mask, at: this.#clock.now() });
    if (step === KIND_VOTE) this.#stats.votes++;
    else if (step === KIND_REVOTE) this.#stats.revotes++;
    else this.#stats.retracts++;

    if (step === KIND_VOTE && plan.revoteAt !== -1) {
      plan.step = KIND_REVOTE;
      plan.at = plan.revoteAt;
    } else if (step !== KIND_RETRACT && plan.retractAt !== -1) {
      plan.step = KIND_RETRACT;
      plan.at = plan.retractAt;
    } else {
      return;
    }
    this.#enqueue(plan);
  }

  #wakeWaiters(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Each played poll's final choices (a mask per voter), replayed from the log. */
  #finalMasks(): Map<number, number>[] {
    const finals = this.#played.map(() => new Map<number, number>());
    for (const { userId, poll, mask } of this.#log) {
      const masks = finals[poll] as Map<number, number>;
      if (mask === 0) masks.delete(userId);
      else masks.set(userId, mask);
    }
    return finals;
  }
}

function readSettings(options: VirtualPlayersOptions): Settings {
  const probability = (name: string, value: number | undefined, fallback: number): number => {
    const p = value ?? fallback;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`startVirtualPlayers expects ${name} to be a probability from 0 to 1, got ${p}`);
    return p;
  };
  const [thinkMin, thinkMax] = options.thinkTimeMs ?? [500, 5000];
  if (!Number.isSafeInteger(thinkMin) || !Number.isSafeInteger(thinkMax) || thinkMin < 0 || thinkMin > thinkMax) {
    throw new RangeError(
      `startVirtualPlayers expects thinkTimeMs to be whole milliseconds [min, max] with 0 <= min <= max, got [${thinkMin}, ${thinkMax}]`,
    );
  }
  return {
    accuracy: probability('accuracy', options.accuracy, 0.7),
    thinkMin,
    thinkMax,
    revoteRate: probability('revoteRate', options.revoteRate, 0.1),
    retractRate: probability('retractRate', options.retractRate, 0.02),
    silentRate: probability('silentRate', options.silentRate, 0.05),
  };
}

function playedPoll(poll: SimPoll, index: number): PlayedPoll {
  const all = poll.options.map((_, i) => i);
  const correct = poll.type === 'quiz' ? poll.correctOptionIds : undefined;
  if (!correct || correct.length === 0) {
    return { index, poll, correctMask: undefined, correctChoice: undefined, otherIds: all, pending: 0, closed: false };
  }
  const correctMask = maskOf(correct);
  // A quiz that takes one answer but names several correct ones cannot be answered right;
  // its players still pick a correct option, which the log reports as not correct.
  const correctChoice = poll.allowsMultipleAnswers ? correctMask : bit(Math.min(...correct));
  return { index, poll, correctMask, correctChoice, otherIds: all.filter((i) => !correct.includes(i)), pending: 0, closed: false };
}
