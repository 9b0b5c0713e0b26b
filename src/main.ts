/**
 * Entry point of `npm start`: reads the config, starts the app (src/app.ts builds every part)
 * and owns the process: signals, the shutdown deadline, exit codes. Nothing imports it.
 */
import { ConfigError, describeSizing, loadConfig } from './config.js';
import { errorMessage } from './lib/describe-error.js';
import { redactSecretPatterns } from './lib/redact-secrets.js';
import { createLogger, secretsOf, type Logger } from './logger.js';
import { startApp, type App } from './app.js';
import { StartAbortedError } from './lib/wait-until-reachable.js';

const SHUTDOWN_DEADLINE_MS = 25_000;
/** Part of the shutdown deadline the outbound queue gets to send what it holds. */
const QUEUE_DRAIN_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // Every line loses the config's secrets (token, webhook secret, monitoring token, passwords) wherever they appear.
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  logger.info({ sizing: describeSizing(config) }, 'Sizing settings in force');
  // A signal while start-up waits (for the database, for Telegram: as long as it takes) stops it
  // at once; once the app runs, installShutdown's graceful path takes over.
  const starting = new AbortController();
  let startSignal: NodeJS.Signals | undefined;
  const stopStart = (signal: NodeJS.Signals): void => {
    startSignal ??= signal;
    starting.abort();
  };
  process.on('SIGTERM', stopStart);
  process.on('SIGINT', stopStart);
  const app = await startApp(config, logger, { signal: starting.signal }).catch((error: unknown) => {
    if (error instanceof StartAbortedError) {
      logger.info({ signal: startSignal, waitingFor: error.waitingFor }, 'Stopped by a signal during start-up');
      process.exit(0);
    }
    throw error;
  });
  process.off('SIGTERM', stopStart);
  process.off('SIGINT', stopStart);
  installShutdown(logger, app);
  // A signal during the start but after the waits (migrations, the backlog): shut down gracefully now.
  if (startSignal) process.kill(process.pid, startSignal);
}

/** One guarded shutdown path with a deadline; a second signal exits at once. */
function installShutdown(logger: Logger, app: App): void {
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn({ signal }, 'Second signal: exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'Shutting down');
    // Real time, not a Clock: the process's own deadline against an operator's (or an
    // orchestrator's) kill; tests see it from outside, as a process that exits in time.
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'Shutdown deadline passed: exiting with work unfinished');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    // The app's own deadline leaves room before the process's, so the last log lines get out.
    app.stop(QUEUE_DRAIN_MS, SHUTDOWN_DEADLINE_MS - 3_000).then(
      (report) => {
        if (!report.queue.complete) logger.warn({ unsent: report.queue.unsent }, 'Outbound calls not sent before shutdown');
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
  // A bad setting, or one the outside world refused (the token, the database login): one line
  // per problem for the operator, exit 78 (EX_CONFIG) so a supervisor does not restart in a loop.
  if (error instanceof ConfigError) {
    console.error(`quiz-agent cannot start, the configuration is invalid:\n${error.message}`);
    process.exit(78);
  }
  // The message only (docs/runbook.md quotes it), without a bot token or a URL's password.
  console.error('quiz-agent failed to start:', error instanceof Error ? errorMessage(error) : redactSecretPatterns(String(error)));
  process.exit(1);
});
