/**
 * npm run bench:sim [-- --runs 3 --updates 300000]
 *
 * Shows that the Bot API simulator is never the bottleneck of a benchmark:
 * - getUpdates: one long-polling client (its own thread, plain fetch over HTTP, limit=100,
 *   confirming with offset as grammY does) drains a backlog of poll_answer updates made by the
 *   virtual world; target >= 50,000 updates/s;
 * - webhook: the same backlog POSTed to a local endpoint (its own thread, answers 200 at once)
 *   with Telegram's defaults (max_connections 40, one update at a time per chat);
 *   target >= 5,000 updates/s.
 * Each scenario runs `--runs` times; the report quotes medians. Writes bench/reports/sim.json and
 * bench/reports/sim.md.
 */
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { machineInfo, median, round } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    updates: { type: 'string', default: '300000' },
  },
});
const runs = Number(args.runs);
const totalUpdates = Number(args.updates);
const PLAYERS = 10_000;
const TARGETS = { getUpdatesPerS: 50_000, webhookPerS: 5_000 };

/** The long-polling client: plain JS so the worker needs no TypeScript loader. */
const POLLING_CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, expected } = workerData;
  let offset = 0, received = 0, calls = 0;
  const started = performance.now();
  while (received < expected) {
    const response = await fetch(url + '?offset=' + offset + '&limit=100&timeout=30');
    const body = await response.json();
    if (!body.ok) throw new Error('getUpdates failed: ' + JSON.stringify(body));
    calls++;
    received += body.result.length;
    if (body.result.length > 0) offset = body.result[body.result.length - 1].update_id + 1;
  }
  // One more call confirms the last batch, as a client does before it stops.
  await (await fetch(url + '?offset=' + offset + '&timeout=0')).json();
  parentPort.postMessage({ received, calls, ms: performance.now() - started });
})().catch((error) => { throw error; });
`;

/** The webhook endpoint: answers every POST with 200 and counts the updates in the bodies. */
const WEBHOOK_RECEIVER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
let received = 0, wrongSecret = 0;
const server = http.createServer((req, res) => {
  if (req.headers['x-telegram-bot-api-secret-token'] !== 'bench-secret') wrongSecret++;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    received++;
    res.writeHead(200).end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => parentPort.postMessage({ received, wrongSecret }));
`;

interface RunResult {
  updates: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
  extra: Record<string, number>;
}

/** A world with one group of players and enough of the bot's quiz polls to answer `count` times. */
function fillBacklog(sim: Simulator, count: number): number {
  const players = Array.from({ length: PLAYERS }, (_, i) => sim.world.createUser({ firstName: `Player ${i + 1}` }).id);
  const [owner] = players;
  const group = sim.world.createGroup({ title: 'Bench', creator: owner as number, members: players.slice(1) });
  let answered = 0;
  for (let round = 0; answered < count; round++) {
    const poll = sim.world.createPoll(group, {
      question: `Question ${round + 1}?`,
      options: ['A', 'B', 'C', 'D'],
      type: 'quiz',
      isAnonymous: false,
      allowsMultipleAnswers: false,
      allowsRevoting: false,
      shuffleOptions: false,
      correctOptionIds: [round % 4],
    });
    for (const userId of players) {
      if (answered++ >= count) break;
      sim.world.answerPoll(userId, poll.id, [userId % 4]);
    }
  }
  return sim.updates.pendingCount; // poll_answer updates plus the coalesced poll-state updates
}

function trackRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return { stop: () => (clearInterval(timer), round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20)) };
}

async function runGetUpdates(): Promise<RunResult> {
  const sim = await startSimulator({ limits: { enabled: false } });
  try {
    const backlog = fillBacklog(sim, totalUpdates);
    const rss = trackRss();
    const worker = new Worker(POLLING_CLIENT, {
      eval: true,
      workerData: { url: `${sim.apiRoot}/bot${sim.token}/getUpdates`, expected: backlog },
    });
    const [result] = (await once(worker, 'message')) as [{ received: number; calls: number; ms: number }];
    await worker.terminate();
    if (sim.updates.pendingCount !== 0) throw new Error(`${sim.updates.pendingCount} updates still pending after the client confirmed all`);
    const seconds = result.ms / 1000;
    return {
      updates: result.received,
      seconds: round(seconds, 2),
      perSecond: Math.round(result.received / seconds),
      peakRssMb: rss.stop(),
      extra: { calls: result.calls },
    };
  } finally {
    await sim.close();
  }
}

async function runWebhook(): Promise<RunResult> {
  const sim = await startSimulator({ limits: { enabled: false } });
  const receiver = new Worker(WEBHOOK_RECEIVER, { eval: true });
  try {
    const [{ port }] = (await once(receiver, 'message')) as [{ port: number }];
    const backlog = fillBacklog(sim, totalUpdates);
    const rss = trackRss();
    const started = performance.now();
    const set = await fetch(`${sim.apiRoot}/bot${sim.token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/telegram`, secret_token: 'bench-secret' }),
    });
    if (!set.ok) throw new Error(`setWebhook failed: ${await set.text()}`);
    // Delivery ends when the simulator holds no pending update; the clock is real, so poll it.
    while (sim.updates.pendingCount > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = (performance.now() - started) / 1000;
    receiver.postMessage('count');
    const [counted] = (await once(receiver, 'message')) as [{ received: number; wrongSecret: number }];
    if (counted.received !== backlog) throw new Error(`the endpoint got ${counted.received} updates, expected ${backlog}`);
    if (counted.wrongSecret !== 0) throw new Error(`${counted.wrongSecret} deliveries without the secret header`);
    return {
      updates: counted.received,
      seconds: round(seconds, 2),
      perSecond: Math.round(counted.received / seconds),
      peakRssMb: rss.stop(),
      extra: { redelivered: sim.stats().updates.webhook.redelivered },
    };
  } finally {
    await sim.close();
    await receiver.terminate();
  }
}

console.log(
  `Bot API simulator benchmark: ${totalUpdates.toLocaleString('en')} poll answers from ${PLAYERS.toLocaleString('en')} players, ${runs} runs; ${machineInfo().cores} cores, Node ${process.version}`,
);
const polling: RunResult[] = [];
const webhook: RunResult[] = [];
for (let run = 1; run <= runs; run++) {
  const p = await runGetUpdates();
  polling.push(p);
  console.log(
    `getUpdates #${run}: ${p.updates} updates in ${p.seconds} s = ${p.perSecond.toLocaleString('en')} updates/s (${p.extra.calls} calls), peak RSS ${p.peakRssMb} MB`,
  );
  const w = await runWebhook();
  webhook.push(w);
  console.log(
    `webhook    #${run}: ${w.updates} updates in ${w.seconds} s = ${w.perSecond.toLocaleString('en')} updates/s, peak RSS ${w.peakRssMb} MB`,
  );
}

const summary = {
  at: new Date().toISOString(),
  command: `npm run bench:sim -- --runs ${runs} --updates ${totalUpdates}`,
  machine: machineInfo(),
  targets: TARGETS,
  medians: { getUpdatesPerS: median(polling.map((r) => r.perSecond)), webhookPerS: median(webhook.map((r) => r.perSecond)) },
  runs: { getUpdates: polling, webhook },
};
const met = (value: number, target: number) => (value >= target ? 'yes' : 'NO');
const markdown = [
  '# Bot API simulator benchmark',
  '',
  `${summary.at} · ${summary.machine.cores} cores, ${summary.machine.memoryGb} GiB · Node ${summary.machine.node}`,
  '',
  `A backlog of ${totalUpdates.toLocaleString('en')} poll answers (${PLAYERS.toLocaleString('en')} players in one group, plus the coalesced poll-state updates) drained over HTTP on 127.0.0.1; the client and the webhook endpoint run in their own threads. Medians of ${runs} runs. Command: \`${summary.command}\`.`,
  '',
  '| target | median | met |',
  '| --- | --- | --- |',
  `| getUpdates >= ${TARGETS.getUpdatesPerS.toLocaleString('en')} updates/s to one long-polling client | ${summary.medians.getUpdatesPerS.toLocaleString('en')} updates/s | ${met(summary.medians.getUpdatesPerS, TARGETS.getUpdatesPerS)} |`,
  `| webhook >= ${TARGETS.webhookPerS.toLocaleString('en')} updates/s to a fast local endpoint | ${summary.medians.webhookPerS.toLocaleString('en')} updates/s | ${met(summary.medians.webhookPerS, TARGETS.webhookPerS)} |`,
  '',
  '| run | updates | seconds | updates/s | peak RSS MB | notes |',
  '| --- | --- | --- | --- | --- | --- |',
  ...polling.map(
    (r, i) => `| getUpdates #${i + 1} | ${r.updates} | ${r.seconds} | ${r.perSecond} | ${r.peakRssMb} | ${r.extra.calls} calls |`,
  ),
  ...webhook.map(
    (r, i) => `| webhook #${i + 1} | ${r.updates} | ${r.seconds} | ${r.perSecond} | ${r.peakRssMb} | ${r.extra.redelivered} redelivered |`,
  ),
  '',
].join('\n');
await fs.mkdir('bench/reports', { recursive: true });
await fs.writeFile('bench/reports/sim.json', `${JSON.stringify(summary, null, 2)}\n`);
await fs.writeFile('bench/reports/sim.md', markdown);
console.log(
  `medians: getUpdates ${summary.medians.getUpdatesPerS.toLocaleString('en')} updates/s, webhook ${summary.medians.webhookPerS.toLocaleString('en')} updates/s`,
);
console.log('Report: bench/reports/sim.md, bench/reports/sim.json');
