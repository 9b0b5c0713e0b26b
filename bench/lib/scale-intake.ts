/**
 * Webhook intake measured without Telegram's pace: a quiz runs in a group with one question open
 * for ten minutes, and the benchmark posts valid poll_answer updates for that poll (each from a
 * new user, one vote, unique update_ids) with scale-blast.ts's keep-alive connections, straight
 * to one replica's webhook route and through the proxy to all of them. Every 200 means the answer
 * was committed (the webhook answers once acceptance committed); afterwards every answer is
 * looked up in the database: one row per user, with the option it was sent.
 */
import { nextBotMessage } from 'telegram-sim/bot-messages';
import type { Simulator } from 'telegram-sim/simulator';
import postgres from 'postgres';
import { createQuizInChat } from './e2e-chat.js';
import type { ReplicaFleet } from './replica-fleet.js';
import { blastWebhook, type BlastResult } from './scale-blast.js';
import { startScaleSetup, type ScaleSetup, type ScaleSetupOptions } from './scale-setup.js';
import { round } from './stats.js';

/** One blast and its check. */
export interface IntakeBlast {
  /** `direct` to replica 0's own port, or `proxy` to the fleet's webhook URL. */
  target: 'direct' | 'proxy';
  answers: number;
  connections: number;
  result: BlastResult;
  /** Answers found in the database exactly as sent (one row for the user, the option sent). */
  storedExactly: number;
  /** CPU seconds of all replicas (and of the proxy) per 1,000 answers, over the blast. */
  cpuPer1000Answers: { bots: number; proxy: number };
  /** Cores used by all replicas together over the blast. */
  botCores: number;
}

/** Where blasted answers come from: users and update ids far from the simulator's own. */
const FIRST_USER_ID = 3_000_000_001;
const FIRST_UPDATE_ID = 2_000_000_001;
/** Ten minutes, the longest open period /startquiz takes. */
const OPEN_PERIOD_S = 600;

/** A running quiz's open poll, for {@link blastAnswers} and {@link answerBodies}. */
export interface OpenPoll {
  pollId: string;
  /** Blasts sent so far (each takes new users and update ids). */
  blasts: number;
}

/** Creates a one-question quiz in a new group, starts it for ten minutes and waits for its poll. */
export async function openPollForBlasts(sim: Simulator): Promise<OpenPoll> {
  const { world } = sim;
  const owner = world.createStartedUser({ firstName: 'Blast', username: 'blast_owner' });
  const quizId = await createQuizInChat(world, owner.id, 'Scale intake', 1);
  const group = world.createGroup({ title: 'Intake group', creator: owner.id });
  const start = world.sendText(owner.id, group.id, `/startquiz ${quizId} ${OPEN_PERIOD_S}s`);
  const poll = await nextBotMessage(world, group.id, start.messageId, (m) => m.pollId !== undefined, 60_000, 'the quiz poll');
  return { pollId: poll.pollId as string, blasts: 0 };
}

/** Posts `answers` answers to `poll` through `target` with `connections` connections, and checks them. */
export async function blastAnswers(
  t: ScaleSetup,
  poll: OpenPoll,
  options: { target: 'direct' | 'proxy'; answers: number; connections: number },
): Promise<IntakeBlast> {
  const { firstUser, bodies } = answerBodies(poll, options.answers);
  const result = await blastWebhook({
    port: targetPort(t.fleet, options.target),
    path: new URL(t.fleet.webhookUrl).pathname,
    secret: t.fleet.secret,
    bodies,
    connections: options.connections,
  });
  const used = t.cpu.over([[result.startedAt, result.endedAt]]);
  const per1000 = (s: number): number => round((s * 1000) / Math.max(1, options.answers), 3);
  return {
    target: options.target,
    answers: options.answers,
    connections: options.connections,
    result,
    storedExactly: await countStoredExactly(t.url, firstUser, options.answers),
    cpuPer1000Answers: { bots: per1000(used.bots), proxy: per1000(used.proxy) },
    botCores: round(used.bots / result.seconds, 2),
  };
}

/**
 * The next blast's `count` valid answers to `poll`, as webhook bodies: each from a new user (the
 * blast's users start at `firstUser`, for {@link countStoredExactly}), one vote, the option i % 4.
 */
export function answerBodies(poll: OpenPoll, count: number): { firstUser: number; bodies: string[] } {
  const offset = poll.blasts++ * 10_000_000;
  const firstUser = FIRST_USER_ID + offset;
  const bodies = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      update_id: FIRST_UPDATE_ID + offset + i,
      poll_answer: { poll_id: poll.pollId, user: { id: firstUser + i, is_bot: false, first_name: `Blast ${i}` }, option_ids: [i % 4] },
    }),
  );
  return { firstUser, bodies };
}

function targetPort(fleet: ReplicaFleet, target: 'direct' | 'proxy'): number {
  if (target === 'proxy') return fleet.proxy.port;
  return (fleet.replicas[0] as ReplicaFleet['replicas'][number]).httpPort;
}

/** Users firstUser..firstUser+count-1 with exactly one answer row each, holding the option i % 4 they sent. */
export async function countStoredExactly(url: string, firstUser: number, count: number): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ exact: number }[]>`
      select count(*)::int as exact from (
        select user_id from answers
        where user_id between ${firstUser} and ${firstUser + count - 1}
        group by user_id
        having count(*) = 1 and min(option_ids::text) = '{' || ((user_id - ${firstUser}) % 4) || '}'
      ) as exact_users`;
    return row?.exact ?? 0;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** What one intake run does. */
export interface ScaleIntakePlan {
  answers: number;
  connections: number;
  /** Answers sent first to warm the replicas up (JIT, pool), not measured [2,000]. */
  warmUp?: number;
}

/** Runs the blasts on a fresh fleet: straight to replica 0, then through the proxy. */
export async function runScaleIntake(setup: Omit<ScaleSetupOptions, 'dbPrefix'>, plan: ScaleIntakePlan): Promise<IntakeBlast[]> {
  const t = await startScaleSetup({ ...setup, dbPrefix: 'quiz_agent_scale' });
  try {
    const poll = await openPollForBlasts(t.sim);
    const blasts: IntakeBlast[] = [];
    for (const target of ['direct', 'proxy'] as const) {
      await blastAnswers(t, poll, { target, answers: plan.warmUp ?? 2_000, connections: plan.connections });
      blasts.push(await blastAnswers(t, poll, { target, answers: plan.answers, connections: plan.connections }));
    }
    return blasts;
  } finally {
    await t.finish();
  }
}
