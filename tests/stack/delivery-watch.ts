/**
 * What the simulator, as Telegram, saw of webhook deliveries through Caddy around the replica
 * kills of compose-stack.test.ts: its delivery counters sampled on a fixed period (how many
 * deliveries failed, and when, counted from the kill), while a steady stream of private messages
 * keeps deliveries going, so that every address Caddy has for the replicas, dead or alive, gets
 * its turn in the round robin. Each failed attempt counts once (a redelivery that fails again
 * counts again), as getWebhookInfo's pending errors would show an operator.
 */
import type { SimControl, SimUser, WebhookCounters } from './sim-control.js';

/** One reading of the simulator's webhook counters, `atMs` after the watch started. */
export interface DeliverySample extends WebhookCounters {
  atMs: number;
}

export interface DeliveryWatchResult {
  samples: DeliverySample[];
  /** Deliveries that failed between the first and the last sample. */
  failed: number;
  /** Failures per second since the start ([0] = the first second). */
  failedPerSecond: number[];
  /** When the last failure was seen (the first sample that counted it), ms after the start; 0 without failures. */
  lastFailureMs: number;
  /** Messages the stream posted. */
  sent: number;
}

export interface DeliveryWatchOptions {
  /** The users who post the stream, each in their private chat with the bot (an own delivery line each). */
  users: readonly SimUser[];
  /** Messages per second, all users together. */
  perSecond: number;
  /** How long the stream runs. */
  streamMs: number;
  /** How long the counters are sampled (longer than the stream: failed deliveries come back after 1, 2, 4 ... s). */
  watchMs: number;
  /** Sampling period [250 ms]. */
  everyMs?: number;
}

/**
 * Reads the counters once (the baseline), then posts the stream and samples the counters until
 * `watchMs` has passed. Real time: the simulator and Caddy run in containers on their own clocks.
 */
export async function watchDeliveries(sim: SimControl, options: DeliveryWatchOptions): Promise<DeliveryWatchResult> {
  const everyMs = options.everyMs ?? 250;
  const started = Date.now();
  const samples: DeliverySample[] = [{ atMs: 0, ...(await sim.webhookCounters()) }];
  const stream = postSteadily(sim, options, started);
  const maxSamples = Math.ceil(options.watchMs / everyMs) + 1;
  for (let i = 0; i < maxSamples && Date.now() - started < options.watchMs; i++) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    samples.push({ atMs: Date.now() - started, ...(await sim.webhookCounters()) });
  }
  const sent = await stream;
  const first = samples[0] as DeliverySample;
  const last = samples[samples.length - 1] as DeliverySample;
  const failedPerSecond = Array.from({ length: Math.ceil(options.watchMs / 1_000) }, () => 0);
  let lastFailureMs = 0;
  for (let i = 1; i < samples.length; i++) {
    const sample = samples[i] as DeliverySample;
    const newFailures = sample.failed - (samples[i - 1] as DeliverySample).failed;
    const second = Math.min(failedPerSecond.length - 1, Math.floor(sample.atMs / 1_000));
    failedPerSecond[second] = (failedPerSecond[second] ?? 0) + newFailures;
    if (newFailures > 0) lastFailureMs = sample.atMs;
  }
  return { samples, failed: last.failed - first.failed, failedPerSecond, lastFailureMs, sent };
}

/** Posts `perSecond` private messages a second for `streamMs`, the users in turn; resolves with the count. */
async function postSteadily(sim: SimControl, options: DeliveryWatchOptions, started: number): Promise<number> {
  const gapMs = 1_000 / options.perSecond;
  const total = Math.floor((options.streamMs / 1_000) * options.perSecond);
  const posts: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * gapMs;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const user = options.users[i % options.users.length] as SimUser;
    // Not awaited in turn: the simulator answers at once, the delivery happens behind it.
    posts.push(sim.sendText(user.id, `probe ${i + 1}`));
  }
  await Promise.all(posts);
  return total;
}
