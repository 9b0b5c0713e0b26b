/**
 * The two scenarios of bench/queue.ts, each run on a fresh simulator with Telegram's documented
 * flood limits (chat 1/s burst 3, group 20/min burst 3, global 30/s burst 30), over real HTTP:
 * - 'broadcast': one message to every private chat (each user sent /start first);
 * - 'broadcast+quiz': the same broadcast while quiz groups each get a quiz question (sendPoll)
 *   every QUESTION_EVERY_MS and a reply in the group half a cycle later (12 messages a minute
 *   per group, 60% of the group limit), staggered across the cycle; the quiz goes on until the
 *   broadcast has settled, for at least MIN_ROUNDS rounds.
 * What is measured comes from both ends: the simulator's counters (429s, violations per scope,
 * calls) and `botMessage` events (what it accepted, when, in which chat), and the caller's own
 * clock around each quiz call (the wait a player sees between the bot deciding to ask and
 * Telegram having the question).
 */
import { Api, GrammyError, HttpError } from 'grammy';
import type { Logger } from 'pino';
import type { OutboundQueueStats } from '../../src/queue/outbound-queue.js';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { createContender, type Contender, type ContenderName, type Dispatch } from './queue-contenders.js';
import { countPerBin, quantile, round } from './stats.js';

export const SCENARIO_NAMES = ['broadcast', 'broadcast+quiz'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const QUESTION_EVERY_MS = 10_000;
export const MIN_ROUNDS = 2;
const PLAYERS_PER_GROUP = 5;
const BROADCAST_TEXT = 'Quiz night tonight at 20:00: 20 questions, live scores. Tap /play to join!';

export interface ScenarioSettings {
  chats: number;
  groups: number;
  logger: Logger;
}

/** Waits of one kind of quiz call, measured by the caller from the call to its answer. */
export interface WaitFigures {
  calls: number;
  delivered: number;
  failed: number;
  /** Failures by cause: the Telegram error code, 'network', or the error's name. */
  failures: Record<string, number>;
  /** Percentiles of the delivered calls; null when none was delivered. */
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  contender: ContenderName;
  wiring: string;
  dispatch: Dispatch;
  broadcast: {
    chats: number;
    /** Private chats that got the message (once or more). */
    delivered: number;
    /** Messages beyond the first in a chat (a repeated send that Telegram had already taken). */
    duplicates: number;
    /** Broadcast calls that rejected, by cause. */
    failed: number;
    failures: Record<string, number>;
    /** From the first call to the last call settled. */
    seconds: number;
    /** Delivered chats per second over `seconds`. */
    perSecond: number;
  };
  quiz?: {
    groups: number;
    rounds: number;
    questions: WaitFigures;
    replies: WaitFigures;
  };
  /** The simulator's counters for this run. */
  telegram: {
    /** Message-sending requests that reached the simulator (sendMessage + sendPoll). */
    sendRequests: number;
    tooManyRequests: number;
    violations: { chat: number; group: number; global: number };
    refusedDuringPenalty: { chat: number; group: number; global: number };
  };
  /** Messages accepted per 1-second bin from the start: all, to private chats, to groups. */
  perSecond: { all: number[]; private: number[]; group: number[] };
  /** Seconds from the start until the last call (broadcast or quiz) settled. */
  seconds: number;
  queueStats?: OutboundQueueStats;
}

/** Runs `scenario` with `contenderName` on a simulator of its own and reports what happened. */
export async function runScenario(
  scenario: ScenarioName,
  contenderName: ContenderName,
  settings: ScenarioSettings,
): Promise<ScenarioResult> {
  const sim = await startSimulator();
  try {
    const chatIds = startedUsers(sim, settings.chats);
    const groupIds = scenario === 'broadcast+quiz' ? quizGroups(sim, settings.groups) : [];
    const api = new Api(sim.token, { apiRoot: sim.apiRoot });
    const contender = createContender(contenderName, api, settings.logger);

    const accepted = { private: [] as number[], group: [] as number[] };
    const perChat = new Map<number, number>();
    sim.world.on('botMessage', (_message, chat) => {
      const at = performance.now();
      if (chat.type !== 'private') return void accepted.group.push(at);
      accepted.private.push(at);
      perChat.set(chat.id, (perChat.get(chat.id) ?? 0) + 1);
    });

    const startedAt = performance.now();
    const state = { broadcastSettled: false };
    const quiz = groupIds.length > 0 ? runQuiz({ contender, groupIds, startedAt, state }) : undefined;
    const send = (chatId: number) => contender.bulk((bulkApi) => bulkApi.sendMessage(chatId, BROADCAST_TEXT));
    const failures = await broadcast(send, chatIds, contender.dispatch);
    const broadcastMs = performance.now() - startedAt;
    state.broadcastSettled = true;
    const quizFigures = await quiz;
    const endedAt = performance.now();
    const queueStats = contender.stats();
    await contender.close();

    const stats = sim.stats();
    const { scopes } = stats.floodLimits;
    const delivered = perChat.size;
    const all = [...accepted.private, ...accepted.group];
    return {
      scenario,
      contender: contenderName,
      wiring: contender.wiring,
      dispatch: contender.dispatch,
      broadcast: {
        chats: chatIds.length,
        delivered,
        duplicates: [...perChat.values()].reduce((sum, n) => sum + n - 1, 0),
        failed: sum(failures),
        failures,
        seconds: round(broadcastMs / 1000, 2),
        perSecond: round(delivered / (broadcastMs / 1000), 2),
      },
      ...(quizFigures ? { quiz: { groups: groupIds.length, ...quizFigures } } : {}),
      telegram: {
        sendRequests: (stats.botApi.calls.sendmessage ?? 0) + (stats.botApi.calls.sendpoll ?? 0),
        tooManyRequests: stats.botApi.tooManyRequests,
        violations: { chat: scopes.chat.violations, group: scopes.group.violations, global: scopes.global.violations },
        refusedDuringPenalty: {
          chat: scopes.chat.refusedDuringPenalty,
          group: scopes.group.refusedDuringPenalty,
          global: scopes.global.refusedDuringPenalty,
        },
      },
      perSecond: {
        all: countPerBin(all, startedAt, endedAt),
        private: countPerBin(accepted.private, startedAt, endedAt),
        group: countPerBin(accepted.group, startedAt, endedAt),
      },
      seconds: round((endedAt - startedAt) / 1000, 2),
      ...(queueStats ? { queueStats } : {}),
    };
  } finally {
    await sim.close();
  }
}

/** Users who have started the bot (Telegram refuses messages to the others with 403). */
function startedUsers(sim: Simulator, count: number): number[] {
  return Array.from({ length: count }, (_, i) => sim.world.createStartedUser({ firstName: `Subscriber ${i + 1}` }).id);
}

function quizGroups(sim: Simulator, count: number): number[] {
  return Array.from({ length: count }, (_, g) => {
    const players = Array.from({ length: PLAYERS_PER_GROUP }, (_, p) => sim.world.createUser({ firstName: `Player ${g + 1}.${p + 1}` }).id);
    const [creator, ...members] = players as [number, ...number[]];
    return sim.world.createGroup({ title: `Quiz group ${g + 1}`, creator, members }).id;
  });
}

/** Sends the broadcast as the contender's docs do; resolves with the rejected calls by cause. */
async function broadcast(
  send: (chatId: number) => Promise<unknown>,
  chatIds: readonly number[],
  dispatch: Dispatch,
): Promise<Record<string, number>> {
  const failures: Record<string, number> = {};
  const note = (error: unknown) => void (failures[causeOf(error)] = (failures[causeOf(error)] ?? 0) + 1);
  if (dispatch === 'one by one') {
    for (const chatId of chatIds) await send(chatId).catch(note);
    return failures;
  }
  for (const result of await Promise.allSettled(chatIds.map(send))) if (result.status === 'rejected') note(result.reason);
  return failures;
}

interface QuizRun {
  contender: Pick<Contender, 'question' | 'interactive'>;
  groupIds: readonly number[];
  startedAt: number;
  state: { broadcastSettled: boolean };
}

/** Every group asks a question each cycle and replies half a cycle later; groups are staggered. */
async function runQuiz(run: QuizRun): Promise<{ rounds: number; questions: WaitFigures; replies: WaitFigures }> {
  const questions = new WaitLog();
  const replies = new WaitLog();
  const calls: Promise<void>[] = [];
  let rounds = 0;
  const openPeriodS = Math.max(5, Math.floor(QUESTION_EVERY_MS / 2000));

  const playGroup = async (groupId: number, index: number) => {
    const offset = (index * QUESTION_EVERY_MS) / run.groupIds.length;
    for (let quizRound = 0; ; quizRound++) {
      const roundAt = run.startedAt + offset + quizRound * QUESTION_EVERY_MS;
      await sleepUntil(roundAt);
      if (quizRound >= MIN_ROUNDS && run.state.broadcastSettled) return;
      rounds = Math.max(rounds, quizRound + 1);
      const correct = quizRound % 4;
      calls.push(
        questions.time(() =>
          run.contender.question((api) =>
            api.sendPoll(groupId, `Round ${quizRound + 1}: which letter is right?`, ['A', 'B', 'C', 'D'], {
              type: 'quiz',
              correct_option_ids: [correct],
              is_anonymous: false,
              open_period: openPeriodS,
            }),
          ),
        ),
      );
      await sleepUntil(roundAt + QUESTION_EVERY_MS / 2);
      calls.push(
        replies.time(() => run.contender.interactive((api) => api.sendMessage(groupId, `Time is up! The answer was ${'ABCD'[correct]}.`))),
      );
    }
  };
  await Promise.all(run.groupIds.map(playGroup));
  await Promise.all(calls);
  return { rounds, questions: questions.figures(), replies: replies.figures() };
}

/** Times calls from the call to the answer; keeps the waits of delivered ones and counts failures. */
class WaitLog {
  readonly #waits: number[] = [];
  readonly #failures: Record<string, number> = {};
  #calls = 0;

  async time(call: () => Promise<unknown>): Promise<void> {
    this.#calls++;
    const started = performance.now();
    try {
      await call();
      this.#waits.push(performance.now() - started);
    } catch (error) {
      const cause = causeOf(error);
      this.#failures[cause] = (this.#failures[cause] ?? 0) + 1;
    }
  }

  figures(): WaitFigures {
    const sorted = Float64Array.from(this.#waits).sort();
    const ms = (value: number) => (Number.isNaN(value) ? null : round(value, 1));
    return {
      calls: this.#calls,
      delivered: this.#waits.length,
      failed: sum(this.#failures),
      failures: { ...this.#failures },
      p50Ms: ms(quantile(sorted, 0.5)),
      p95Ms: ms(quantile(sorted, 0.95)),
      maxMs: ms(sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN),
    };
  }
}

/** What a failed call is counted as: Telegram's error code, a network failure, or the error class. */
function causeOf(error: unknown): string {
  if (error instanceof GrammyError) return String(error.error_code);
  if (error instanceof HttpError) return 'network';
  return error instanceof Error ? error.name : 'unknown';
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

function sleepUntil(at: number): Promise<void> {
  const ms = at - performance.now();
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
