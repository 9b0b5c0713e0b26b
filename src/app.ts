/**
 * The whole bot as one value: data layer -> outbound queue -> bot -> engine -> HTTP server ->
 * update intake, and one stop() that takes them down in the reverse order. main.ts runs it for
 * real; the demo, the e2e tests and the benchmarks run exactly the same composition.
 */
import { Api, type Bot } from 'grammy';
import type { Logger } from 'pino';
import { createAnswerCounters, type AnswerCounters } from './bot/answer-counters.js';
import type { BotContext, BotDeps } from './bot/context.js';
import { createBot } from './bot/create-bot.js';
import { IntakeStats } from './bot/intake/intake-stats.js';
import { startPolling, type Polling } from './bot/intake/polling.js';
import { createWebhookHandler, setWebhook } from './bot/intake/webhook.js';
import { ConfigError, type Config } from './config.js';
import { createPollDirectory } from './engine/poll-directory.js';
import { createRunEngine, type RunEngine } from './engine/run-engine.js';
import { startMonitoringServer, type MonitoringServer } from './monitoring/http-server.js';
import { createLiveStats } from './monitoring/live-stats.js';
import { createMetricsRegistry } from './monitoring/metrics-registry.js';
import { createOutboundQueue, type DrainReport, type OutboundQueue } from './queue/outbound-queue.js';
import { openStore, type Store } from './store/open-store.js';
import { markChatBlocked } from './store/queries/chats.js';

/** A running quiz-agent. */
export interface App {
  readonly bot: Bot<BotContext>;
  readonly store: Store;
  readonly queue: OutboundQueue;
  readonly engine: RunEngine;
  readonly answers: AnswerCounters;
  readonly intake: IntakeStats;
  /** The HTTP server's port (the real one when HTTP_PORT=0). */
  readonly httpPort: number;
  /** The /monitoring/stats document. */
  stats(): Promise<object>;
  /**
   * Stops intake, lets handled updates finish, stops the engine, closes the HTTP server, drains
   * the queue within `queueDrainMs`, flushes the writer, closes the pool and the embedded server.
   */
  stop(queueDrainMs?: number): Promise<{ queue: DrainReport }>;
}

/** Options beyond the config, for tests and the demo. */
export interface StartAppOptions {
  /** Take updates in (long polling or the webhook, per BOT_MODE) [true]; false runs the engine only (a second instance in tests). */
  intake?: boolean;
  /** Webhook handling time before a 500 [55,000 ms] (tests shorten it). */
  webhookTimeoutMs?: number;
}

export async function startApp(config: Config, logger: Logger, options: StartAppOptions = {}): Promise<App> {
  const token = config.bot.token;
  if (!token) throw new ConfigError(['BOT_TOKEN is required to run the bot: get one from @BotFather (or run `npm run sim` for an offline one)']);
  const store = await openStore(config, logger);
  const queue = createOutboundQueue({ logger, ...config.queue, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) });
  const db = store.database.db;
  const polls = createPollDirectory({ db });
  const answers = createAnswerCounters();
  const intake = new IntakeStats();
  // The engine's own Api: the same queue and limits as the bot's, built first so that the
  // bot's handlers can be given the engine.
  const engineApi = new Api(token, { apiRoot: config.bot.apiRoot });
  engineApi.config.use(queue.transformerFor('interactive'));
  const resultsApi = new Api(token, { apiRoot: config.bot.apiRoot });
  resultsApi.config.use(queue.transformerFor('results'));
  const runEngine = createRunEngine({
    db,
    api: engineApi,
    resultsApi,
    polls,
    answerWriter: store.answerWriter,
    logger: logger.child({ component: 'engine' }),
    rewards: config.rewards,
  });
  const deps: BotDeps = {
    db,
    answerWriter: store.answerWriter,
    engine: runEngine,
    polls,
    adminIds: new Set(config.adminIds),
    answers,
    markReachable: (chatId: number) => queue.markReachable(chatId),
  };
  const bot = createBot({
    token,
    apiRoot: config.bot.apiRoot,
    deps,
    logger: logger.child({ component: 'bot' }),
    transformer: queue.transformer,
    onUpdateError: (updateId) => intake.markFailed(updateId),
  });
  queue.on('chatUnreachable', (chatId) => {
    markChatBlocked(db, Number(chatId)).catch((error: unknown) => logger.error({ err: error, chatId }, 'Could not record an unreachable chat'));
  });

  let monitoring: MonitoringServer | undefined;
  let polling: Polling | undefined;
  const parts = { store, queue, engine: runEngine, answers, intake };
  const live = createLiveStats(parts);
  const botConfig = config.bot;
  const takeUpdates = options.intake !== false;
  const webhook =
    takeUpdates && botConfig.mode === 'webhook'
      ? { path: new URL(botConfig.webhookUrl).pathname, handle: createWebhookHandler({ bot, stats: intake, logger: logger.child({ component: 'webhook' }), secret: botConfig.webhookSecret, ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}) }) }
      : undefined;
  try {
    await bot.init();
    monitoring = await startMonitoringServer({
      host: config.http.host,
      port: config.http.port,
      ...(config.http.monitoringToken ? { token: config.http.monitoringToken } : {}),
      logger,
      ...live,
      registry: createMetricsRegistry(parts),
      ...(webhook ? { webhook } : {}),
    }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`HTTP_PORT ${config.http.port} on ${config.http.host} is already in use: stop what listens there or set HTTP_PORT`);
      }
      throw error;
    });
    // Intake first: with long polling the backlog of updates is handled before the engine
    // closes any question. A webhook gets Telegram's backlog as soon as it is set.
    if (takeUpdates && botConfig.mode === 'polling') polling = await startPolling({
        bot,
        logger,
        stats: intake,
        // Nothing more can arrive until the answers in hand commit: do not wait ANSWER_FLUSH_MS.
        onStall: () => void store.answerWriter.flush().catch(() => undefined),
      });
    if (takeUpdates && botConfig.mode === 'webhook') {
      await setWebhook(bot, { url: botConfig.webhookUrl, secret: botConfig.webhookSecret, maxConnections: botConfig.webhookMaxConnections, logger });
    }
    runEngine.start();
  } catch (error) {
    await polling?.stop();
    await runEngine.stop();
    await monitoring?.close();
    await queue.close(0);
    await store.close();
    throw error;
  }
  logger.info({ bot: bot.botInfo.username, httpPort: monitoring.port }, 'quiz-agent is running');

  const server = monitoring;
  return {
    bot,
    store,
    queue,
    engine: runEngine,
    answers,
    intake,
    httpPort: server.port,
    stats: live.stats,
    async stop(queueDrainMs = 10_000) {
      // Intake first (the HTTP server too: it carries the webhook), letting handled updates finish.
      await polling?.stop();
      await server.close();
      await runEngine.stop();
      await store.answerWriter.flush();
      const report = await queue.close(queueDrainMs);
      await store.close();
      return { queue: report };
    },
  };
}

