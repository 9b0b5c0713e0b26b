/**
 * The real bot (src/app.ts, long polling over HTTP) against the Bot API simulator and a fresh
 * migrated database of its own: what e2e tests drive. Waits are for conditions (a message the
 * bot sent, a row in the database), re-checked on every world event, with a timeout that only
 * fires when the bot fails to act.
 */
import type { Logger } from 'pino';
import { startApp, type App } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { nextBotMessage as nextBotMessageIn } from 'telegram-sim/bot-messages';
import { startSimulator, type Simulator, type SimulatorOptions } from 'telegram-sim/simulator';
import type { NewUser } from 'telegram-sim/world';
import type { SimChat, SimMessage, SimUser } from 'telegram-sim/world-types';
import type { Database } from '../../src/store/database.js';
import { createEmptyTestDatabase, testLogger, type TestDatabase } from './database.js';

export interface BotHarness {
  sim: Simulator;
  app: App;
  db: Database;
  database: TestDatabase;
  /** The env the app was configured with (to start a second instance on the same database). */
  env: Record<string, string>;
  /** Waits until `check` returns something other than undefined/false, re-checking on world events. */
  waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs?: number): Promise<T>;
  /** The first bot message in `chatId` after message id `afterId` that matches `match`. */
  nextBotMessage(chatId: number, afterId: number, match?: (message: SimMessage) => boolean): Promise<SimMessage>;
  /** A user writes `text` in `chatId` and the bot's first reply after it comes back. */
  ask(userId: number, chatId: number, text: string, match?: (message: SimMessage) => boolean): Promise<SimMessage>;
  /** A user who sent /start to the bot, once the bot has answered it (so later waits see only later replies). */
  startUser(input?: NewUser): Promise<SimUser>;
  /** The bot's messages in `chatId`, oldest first. */
  botMessages(chatId: number): SimMessage[];
  /** Stops the app, then the simulator; the database is dropped unless `keepDatabase`. */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface BotHarnessOptions {
  /** Extra environment for the app's config (e.g. BOT_ADMIN_IDS). */
  env?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** Use this simulator / database instead of new ones (a second instance, a restart). */
  sim?: Simulator;
  database?: TestDatabase;
  /** Take updates in [true]; false runs an instance without intake (only one may long-poll a bot). */
  intake?: boolean;
  /** Webhook acceptance time before a 503 (see StartAppOptions). */
  webhookTimeoutMs?: number;
  /** The app's logger [silent unless TEST_LOG_LEVEL]; tests that count log lines pass their own. */
  logger?: Logger;
}

export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const sim = options.sim ?? (await startSimulator(options.simulator));
  const database = options.database ?? (await createEmptyTestDatabase());
  const env: Record<string, string> = {
    BOT_TOKEN: sim.token,
    TELEGRAM_API_ROOT: sim.apiRoot,
    DATABASE_URL: database.url,
    HTTP_PORT: '0',
    DB_POOL_SIZE: '4',
    DB_MAX_OVERFLOW: '8',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  const app = await startApp(createConfig(env), options.logger ?? testLogger, {
    intake: options.intake ?? true,
    ...(options.webhookTimeoutMs ? { webhookTimeoutMs: options.webhookTimeoutMs } : {}),
    // One time for the bot and its Telegram: a simulator on a ManualClock drives both.
    clock: sim.clock,
  });
  const world = sim.world;

  const waitFor = <T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let done = false;
      let checking = false;
      const finish = (error: Error | undefined, value?: T): void => {
        if (done) return;
        done = true;
        clearTimeout(timeout);
        clearInterval(interval);
        world.off('botMessage', recheck);
        world.off('pollClosed', recheck);
        world.off('callbackAnswered', recheck);
        if (error) reject(error);
        else resolve(value as T);
      };
      const recheck = (): void => {
        if (done || checking) return;
        checking = true;
        Promise.resolve()
          .then(check)
          .then(
            (value) => {
              checking = false;
              if (value !== undefined && value !== false) finish(undefined, value);
            },
            (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
          );
      };
      const timeout = setTimeout(() => finish(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      // Database conditions change without a world event: look again every 50 ms as well.
      const interval = setInterval(recheck, 50);
      world.on('botMessage', recheck);
      world.on('pollClosed', recheck);
      world.on('callbackAnswered', recheck);
      recheck();
    });

  const chatOf = (chatId: number): SimChat => {
    const chat = world.chat(chatId);
    if (!chat) throw new Error(`no chat ${chatId} in the simulator`);
    return chat;
  };
  const botMessages = (chatId: number): SimMessage[] => [...chatOf(chatId).messages.values()].filter((m) => m.fromId === 0);
  const nextBotMessage = (chatId: number, afterId: number, match: (message: SimMessage) => boolean = () => true) =>
    nextBotMessageIn(world, chatId, afterId, match, 20_000, `a bot message in chat ${chatId} after #${afterId}`);

  return {
    sim,
    app,
    db: app.store.database.db,
    database,
    env,
    waitFor,
    nextBotMessage,
    ask(userId, chatId, text, match) {
      const sent = world.sendText(userId, chatId, text);
      return nextBotMessage(chatId, sent.messageId, match);
    },
    async startUser(input) {
      const user = world.createUser(input);
      await nextBotMessage(user.id, world.sendText(user.id, user.id, '/start').messageId);
      return user;
    },
    botMessages,
    async stop(stopOptions = {}) {
      await app.stop(1_000);
      if (!options.sim) await sim.close();
      if (!options.database && !stopOptions.keepDatabase) await database.drop();
    },
  };
}
