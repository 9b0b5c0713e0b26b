/**
 * The storm itself, driven through the simulator's world the way users act: the owner creates
 * the quiz in chat; `groups` groups are made, each with the owner as creator and `players`
 * virtual players who answer every question once (no silence, no revotes, so every answer can
 * be checked); once the bot is idle the owner sends `/startquiz <id> <open>s` in every group,
 * spread uniformly over one second; while each group's first question is open one player sends
 * /leaderboard and another /myscore, each at a random moment of that question's period.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { createRandom } from 'telegram-sim/random';
import type { Simulator } from 'telegram-sim/simulator';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import type { FloodStats } from 'telegram-sim/flood-limits';
import { createQuizInChat } from './e2e-chat.js';
import { driverNow } from './e2e-commits.js';
import { trackHandOuts, type HandOutTracker } from './groups-handouts.js';
import type { StormGroup } from './groups-verify.js';
import { watchGroups, type GroupsWatch } from './groups-watch.js';

/** What the storm is. */
export interface StormPlan {
  groups: number;
  players: number;
  questions: number;
  openPeriodS: number;
  seed: number;
  /** The storm ends with what it has this long after the first /startquiz. */
  budgetS: number;
}

/** What the storm left to measure (driver ms throughout). */
export interface StormObservations {
  quizId: number;
  /** The first /startquiz. */
  startedAt: number;
  /** Every group's results arrived within the budget. */
  complete: boolean;
  /** Why the storm ended: every group finished, the budget ran out, or the bot went silent. */
  endReason: 'finished' | 'budget' | 'stalled';
  /** The last results, or the end of the budget. */
  endedAt: number;
  /** In start order; `startAt` is when its /startquiz was sent. */
  groups: (StormGroup & { startAt: number; commandsAt: { leaderboard?: number; myScore?: number } })[];
  /** The simulator's flood counters just before the first /startquiz and at the end. */
  floodBefore: FloodStats;
  floodAfter: FloodStats;
  handOuts: HandOutTracker;
  /** The driver's event-loop delay over the storm (it stamps every time measured). */
  loopDelay: IntervalHistogram;
}

/** How long the bot may take to go quiet after the groups are made (it learns of each one). */
const IDLE_WAIT_MS = 120_000;

/**
 * Plays the storm. `botIdle` says whether the bot has nothing left to send; `beforeStorm` runs
 * just before the first /startquiz (monitors start counting there). What must be stopped
 * afterwards (players, watcher, timers) is put on `cleanups`, last made first.
 */
export async function playStorm(
  sim: Simulator,
  plan: StormPlan,
  hooks: { botIdle(): Promise<boolean>; beforeStorm(): void; cleanups: (() => Promise<unknown>)[] },
): Promise<StormObservations> {
  const { world } = sim;
  // One crowd and our watcher per group listen to every bot message: more than EventEmitter's 10.
  world.setMaxListeners(0);
  const owner = world.createStartedUser({ firstName: 'Storm', username: 'storm_owner' });
  // The bot's answer also says that it is up (it starts in a few seconds).
  const quizId = await createQuizInChat(world, owner.id, 'Group storm benchmark', plan.questions);

  const made: Omit<StormGroup, 'log'>[] = [];
  for (let g = 1; g <= plan.groups; g++) {
    const chat = world.createGroup({ title: `Storm group ${g}`, creator: owner.id });
    const namePrefix = `G${g} P`;
    const players = startVirtualPlayers({
      world,
      clock: sim.clock,
      chat: chat.id,
      players: plan.players,
      seed: plan.seed * 1_000_003 + g,
      thinkTimeMs: [500, plan.openPeriodS * 1000 - 1000],
      namePrefix,
      // Everyone answers every question once: players x questions answers per group to find.
      silentRate: 0,
      revoteRate: 0,
      retractRate: 0,
    });
    hooks.cleanups.unshift(async () => players.stop());
    made.push({ chatId: chat.id, order: g, players, names: new Map(players.userIds.map((id, i) => [id, `${namePrefix} ${i + 1}`])) });
  }
  const watch: GroupsWatch = watchGroups(
    world,
    made.map((g) => g.chatId),
  );
  hooks.cleanups.unshift(async () => watch.stop());
  const groups: StormObservations['groups'] = made.map((g) => ({
    ...g,
    log: watch.logs.get(g.chatId) as StormGroup['log'],
    startAt: Number.NaN,
    commandsAt: {},
  }));
  await waitUntil(
    async () => sim.updates.pendingCount === 0 && (await hooks.botIdle()),
    IDLE_WAIT_MS,
    'the bot to take the new groups and go idle',
  );

  const byChat = new Map(groups.map((g) => [g.chatId, g]));
  const random = createRandom(plan.seed);
  const timers = new Set<NodeJS.Timeout>();
  hooks.cleanups.unshift(async () => timers.forEach(clearTimeout));
  const later = (ms: number, act: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      act();
    }, ms);
    timers.add(timer);
  };
  watch.onFirstQuestion((log) => {
    const group = byChat.get(log.chatId) as StormObservations['groups'][number];
    const [asker, other] = group.players.userIds;
    if (asker === undefined) return;
    const periodMs = plan.openPeriodS * 1000;
    later(random.int(0, periodMs - 1), () => {
      group.commandsAt.leaderboard = driverNow();
      world.sendText(asker, group.chatId, '/leaderboard');
    });
    later(random.int(0, periodMs - 1), () => {
      group.commandsAt.myScore = driverNow();
      world.sendText(other ?? asker, group.chatId, '/myscore');
    });
  });

  const handOuts = trackHandOuts(sim.updates);
  hooks.cleanups.unshift(async () => handOuts.stop());
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  hooks.cleanups.unshift(async () => loopDelay.disable());
  hooks.beforeStorm();
  const floodBefore = sim.limits.stats();
  const startedAt = driverNow();
  groups.forEach((group, i) => {
    const send = (): void => {
      group.startAt = driverNow();
      world.sendText(owner.id, group.chatId, `/startquiz ${quizId} ${plan.openPeriodS}s`);
    };
    if (i === 0) send();
    else later((i * 1000) / plan.groups, send);
  });
  const endReason = await watch.allFinished(startedAt + plan.budgetS * 1000, quietLimitMs(plan));
  const complete = endReason === 'finished';
  const endedAt = complete ? Math.max(...groups.map((g) => g.log.resultsAt ?? 0)) : driverNow();
  const floodAfter = sim.limits.stats();
  loopDelay.disable();
  return { quizId, startedAt, complete, endReason, endedAt, groups, floodBefore, floodAfter, handOuts, loopDelay };
}

/**
 * Silence from the bot in every group after which the storm is called stalled: three times the
 * longest a group waits between two of its messages (a question's period, its grace, a group's
 * 3 s spacing), at least two minutes. A busy bot always has some group to write to.
 */
export function quietLimitMs(plan: Pick<StormPlan, 'openPeriodS'>): number {
  return Math.max(120_000, 3 * (plan.openPeriodS + 1.5 + 3) * 1000);
}

/** Polls `condition` every 100 ms until it holds; throws after `timeoutMs`. */
async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = driverNow() + timeoutMs;
  while (!(await condition())) {
    if (driverNow() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
