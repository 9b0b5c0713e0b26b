/**
 * Composition root: the only place that builds things (config -> logger -> store -> ...), and
 * nothing imports it. Every module gets what it needs as parameters.
 */
import { ConfigError, describeSizing, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { startMonitoringServer, type MonitoringServer } from './monitoring/http-server.js';
import { createLiveStats } from './monitoring/live-stats.js';
import { createMetricsRegistry } from './monitoring/metrics-registry.js';
import { createOutboundQueue, type OutboundQueue } from './queue/outbound-queue.js';
import { openStore, type Store } from './store/open-store.js';

const SHUTDOWN_DEADLINE_MS = 25_000;
/** Part of the shutdown deadline the outbound queue gets to send what it holds. */
const QUEUE_DRAIN_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // One line per bad variable, for the operator; nothing else is running yet.
      console.error(`quiz-agent cannot start, the configuration is invalid:\n${error.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  logger.info({ sizing: describeSizing(config) }, 'Sizing settings in force');

  const store = await openStore(config, logger);
  // Every Bot API call will go through it: `api.config.use(queue.transformer)` (src/queue).
  const queue = createOutboundQueue({ logger, ...config.queue, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) });
  const monitoring = await startMonitoringServer({
    host: config.http.host,
    port: config.http.port,
    ...(config.http.monitoringToken ? { token: config.http.monitoringToken } : {}),
    logger,
    ...createLiveStats({ store, queue }),
    registry: createMetricsRegistry({ store, queue }),
  }).catch(async (error: unknown) => {
    await queue.close(0);
    await store.close(); // stops the embedded PostgreSQL too
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`HTTP_PORT ${config.http.port} on ${config.http.host} is already in use: stop what listens there or set HTTP_PORT`);
    }
    throw error;
  });
  logger.info({ dataDir: config.database.url ? undefined : config.database.embeddedDir }, 'quiz-agent data layer, outbound queue and monitoring ready (no Telegram intake is wired yet)');
  installShutdown(logger, { store, queue, monitoring });
}

/** One guarded shutdown path with a deadline; a second signal exits at once. */
function installShutdown(logger: Logger, parts: { store: Store; queue: OutboundQueue; monitoring: MonitoringServer }): void {
  const { store, queue, monitoring } = parts;
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn({ signal }, 'Second signal: exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'Shutting down');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'Shutdown deadline passed: exiting with work unfinished');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    monitoring
      .close()
      .then(() => queue.close(QUEUE_DRAIN_MS))
      .then((report) => {
        if (!report.complete) logger.warn({ unsent: report.unsent }, 'Outbound calls not sent before shutdown');
      })
      .then(() => store.close())
      .then(
        () => {
          logger.info('Shutdown complete');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'Shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('quiz-agent failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
