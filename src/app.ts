/**
 * The whole bot as one value: data layer -> outbound queue -> bot -> run engine -> inbox
 * processor -> HTTP server -> update intake, and one stop() that takes them down in the reverse
 * order within a deadline. main.ts runs it for real; the demo, the e2e tests and the benchmarks
 * run exactly the same composition.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Api, type Bot } from 'grammy';
import type { Logger } from 'pino';
import { createAnswerCounters, type AnswerCounters } from './bot/answer-counters.js';
import { createChatReachability } from './bot/chat-reachability.js';
import type { BotContext, BotDeps } from './bot/context.js';
import { setCommandMenus } from './bot/command-menu.js';
import { negotiateChatLanguage } from './bot/middleware/chat-language.js';
import { createI18n } from './i18n/translator.js';
import { createBot } from './bot/create-bot.js';
import { createInboxProcessor, type InboxProcessor } from './bot/inbox/inbox-processor.js';
import { createAcceptor } from './bot/intake/acceptor.js';
import { IntakeStats } from './bot/intake/intake-stats.js';
import { startPolling, type Polling } from './bot/intake/polling.js';
import { createWebhookHandler, setWebhook, waitForWebhookBacklog } from './bot/intake/webhook.js';
import { waitForTelegram } from './bot/telegram-reachable.js';
import type { Config } from './config.js';
import { createOutboxSender } from './engine/outbox-sender.js';
import { createPollDirectory } from './engine/poll-directory.js';
import { createRunEngine, type RunEngine } from './engine/run-engine.js';
import { systemClock, type Clock } from './lib/clock.js';
import { OutageBoard } from './lib/outage-log.js';
import { startMonitoringServer, type MonitoringServer } from './monitoring/http-server.js';
import { createLiveStats } from './monitoring/live-stats.js';
import { createMetricsRegistry } from './monitoring/metrics.js';
import { createOutboundQueue, type DrainReport, type OutboundQueue } from './queue/outbound-queue.js';
import { redisPrefixOfBot } from './queue/redis-options.js';
import { createInboxWriter } from './store/inbox-writer.js';
import { waitForDatabase } from './store/database-reachable.js';
import { openStore, type Store } from './store/open-store.js';

/** A running quiz-agent. */
export interface App {
  readonly bot: Bot<BotContext>;
  readonly store: Store;
  readonly queue: OutboundQueue;
  readonly engine: RunEngine;
  readonly inbox: InboxProcessor;
  readonly answers: AnswerCounters;
  readonly intake: IntakeStats;
  /** Which part is failing now, and since when (what /health reports). */
  readonly outages: OutageBoard;
  /** The HTTP server's port (the real one when HTTP_PORT=0). */
  readonly httpPort: number;
  /** This instance's name in the claims it takes on runs and updates. */
  readonly instanceId: string;
  /** The /monitoring/stats document. */
  stats(): Promise<object>;
  /**
   * Stops intake (confirming what was accepted), lets the handlers running finish, stops the
   * engine, drains the queue within `queueDrainMs`, records the last sends' outcomes, flushes the
   * writers and closes the pool and the embedded server; all within `deadlineMs`.
   */
  stop(queueDrainMs?: number, deadlineMs?: number): Promise<{ queue: DrainReport }>;
}

/** Options beyond the config, for tests and the demo. */
export interface StartAppOptions {
  /** Take updates in (long polling or the webhook, per BOT_MODE) [true]; false runs the engine and the inbox only. */
  intake?: boolean;
  /** Webhook acceptance time before a 503 [10,000 ms] (tests shorten it). */
  webhookTimeoutMs?: number;
  /** The clock of every part [the system clock]; tests pass the simulator's ManualClock. */
  clock?: Clock;
  /** Aborted (SIGTERM) while start-up waits for the database or Telegram: startApp rejects with StartAbortedError. */
  signal?: AbortSignal;
}

export async function startApp(config: Config, logger: Logger, options: StartAppOptions = {}): Promise<App> {
  const token = config.bot.token; // required by the config schema
  const apiRoot = config.bot.apiRoot;
  const clock = options.clock ?? systemClock;
  const instanceId = `${os.hostname().slice(0, 24)}/${process.pid}/${randomBytes(3).toString('hex')}`;
  const outages = new OutageBoard(clock);
  // The HTTP server first: /health answers from the start, 503 with what start-up waits for.
  const monitoring: MonitoringServer = await startMonitoringServer({
    host: config.http.host,
    port: config.http.port,
    ...(config.http.monitoringToken ? { token: config.http.monitoringToken } : {}),
    logger,
    starting: () => outages.failing(),
    ...(config.bot.mode === 'webhook' && options.intake !== false ? { webhook: { path: new URL(config.bot.webhookUrl).pathname } } : {}),
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`HTTP_PORT ${config.http.port} on ${config.http.host} is already in use: stop what listens there or set HTTP_PORT`);
    }
    throw error;
  });
  const waiting = { clock, logger, outages, ...(options.signal ? { signal: options.signal } : {}) };
  let store: Store;
  try {
    await waitForDatabase(config, waiting);
    store = await openStore(config, logger, { clock, outages });
  } catch (error) {
    await monitoring.close();
    throw error;
  }
  const queue = createOutboundQueue({
    logger,
    clock,
    ...config.queue,
    ...(config.redisUrl ? { redisUrl: config.redisUrl, redisPrefix: redisPrefixOfBot(token) } : {}),
  });
  const db = store.database.db;
  const polls = createPollDirectory({ db });
  const answers = createAnswerCounters();
  const intake = new IntakeStats();
  const inboxWriter = createInboxWriter({ db, clock, logger: logger.child({ component: 'inbox-writer' }), outages });
  // Handlers share the pool, a few operations at a time: a storm of commands cannot take it.
  const handlerDb = store.database.limited(config.database.handlerConcurrency);
  // Questions are sent through Apis of their own: queued as questions, with the dispatch guard.
  const questionApi = new Api(token, { apiRoot });
  questionApi.config.use(queue.transformerFor('question'));
  // The texts (locales/), loaded once: the bot answers updates with them, the engine speaks in runs' chats.
  const i18n = createI18n<BotContext>({ localeNegotiator: negotiateChatLanguage });
  const engine = createRunEngine({
    i18n,
    db,
    requestDb: handlerDb,
    logger: logger.child({ component: 'engine' }),
    sender: createOutboxSender({
      db,
      clock,
      apiFor: (sendOptions) => {
        const api = new Api(token, { apiRoot });
        api.config.use(queue.transformerWith(sendOptions));
        return api;
      },
    }),
    stopPoll: (chatId, messageId) => questionApi.stopPoll(chatId, messageId),
    polls,
    rewards: config.rewards,
    instanceId,
    clock,
    outages,
  });
  const deps: BotDeps = {
    db: handlerDb,
    answerWriter: store.answerWriter,
    engine,
    polls,
    adminIds: new Set(config.adminIds),
    answers,
    clock,
    chats: createChatReachability({ db, queue, logger, clock }),
  };
  const bot = createBot({ token, apiRoot, deps, i18n, logger: logger.child({ component: 'bot' }), transformer: queue.transformer });
  const inbox = createInboxProcessor({ db, bot, logger, instanceId, clock, outages });
  const acceptor = createAcceptor({
    deps,
    inbox: inboxWriter,
    clock,
    logger: logger.child({ component: 'intake' }),
    onInboxAccepted: () => inbox.poke(),
    onDeadLetter: (kind) => inbox.noteParked(kind),
    onRefused: (reason) => intake.addRefused(reason),
  });

  let polling: Polling | undefined;
  const parts = { store, queue, engine, answers, intake, inbox, outages };
  const live = createLiveStats(parts);
  const botConfig = config.bot;
  const takeUpdates = options.intake !== false;
  const webhook =
    takeUpdates && botConfig.mode === 'webhook'
      ? {
          path: new URL(botConfig.webhookUrl).pathname,
          handle: createWebhookHandler({
            acceptor,
            stats: intake,
            logger: logger.child({ component: 'webhook' }),
            clock,
            secret: botConfig.webhookSecret,
            ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
          }),
        }
      : undefined;
  try {
    bot.botInfo = await waitForTelegram(token, apiRoot, waiting);
    // Not awaited: the menus are a convenience, and a Telegram that refuses them must not hold up the start.
    void setCommandMenus(bot.api, logger.child({ component: 'bot' }), i18n);
    monitoring.ready({ ...live, registry: createMetricsRegistry(parts), ...(webhook ? { webhook: webhook.handle } : {}) });
    inbox.start();
    // Intake before the engine: the backlog of updates is accepted before the engine closes any
    // question, so a run that finished during the downtime is scored with what Telegram kept.
    if (takeUpdates && botConfig.mode === 'polling') polling = await startPolling({ bot, acceptor, logger, stats: intake, clock, outages });
    if (takeUpdates && botConfig.mode === 'webhook') {
      await setWebhook(bot, {
        url: botConfig.webhookUrl,
        secret: botConfig.webhookSecret,
        maxConnections: botConfig.webhookMaxConnections,
        logger,
      });
      await waitForWebhookBacklog(bot, { logger, clock, maxWaitMs: 30_000 });
    }
    engine.start();
  } catch (error) {
    await polling?.stop(0);
    await engine.stop();
    await inbox.stop(0);
    await monitoring.close();
    await queue.close(0);
    await inboxWriter.close(0);
    await store.close(0);
    throw error;
  }
  logger.info({ bot: bot.botInfo.username, httpPort: monitoring.port, instanceId }, 'quiz-agent is running');

  const server = monitoring;
  return {
    bot,
    store,
    queue,
    engine,
    inbox,
    answers,
    intake,
    outages,
    instanceId,
    httpPort: server.port,
    stats: live.stats,
    async stop(queueDrainMs = 10_000, deadlineMs = 20_000) {
      // Real time on purpose (systemClock, not `clock`): shutdown answers to an operator's
      // deadline, whatever clock drives the parts (each part also gets its share as its own
      // deadline; a part on a test's ManualClock would wait for the clock forever, so every step
      // is bounded here in real time too).
      const deadline = systemClock.now() + deadlineMs;
      const left = (share: number): number => Math.max(0, Math.min(share, deadline - systemClock.now()));
      // Intake first (the HTTP server too: it carries the webhook); what was accepted is confirmed.
      await within(left(3_000) + 100, polling?.stop(left(3_000)));
      await within(left(1_000) + 100, server.close());
      await within(left(1_000) + 100, inboxWriter.close(left(1_000)));
      // Handlers still running may be replying: the queue still works for them.
      await within(left(3_000) + 100, inbox.stop(left(3_000)));
      await within(left(1_000) + 100, engine.stop());
      const drained = await within(left(queueDrainMs) + 100, queue.close(left(queueDrainMs)));
      await within(left(2_000) + 100, engine.settle(left(2_000)));
      await within(left(3_000) + 100, store.close(left(3_000)));
      return { queue: drained ?? { complete: false, unsent: [], stillRunning: queue.stats().in_flight } };
    },
  };
}

/**
 * Waits for `work` at most `ms` of real time (see stop()); undefined when it did not finish by
 * then. A plain, ref'd setTimeout on purpose: systemClock's timers are unref'd, and a shutdown
 * step stuck on a dead socket must still be waited out and reported, not end the process early.
 */
async function within<T>(ms: number, work: Promise<T> | undefined): Promise<T | undefined> {
  if (!work) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
