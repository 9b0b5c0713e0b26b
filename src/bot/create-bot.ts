/**
 * The bot: grammY's Bot with quiz-agent's context, every Bot API call routed through the
 * outbound queue, and the features registered in one place, in this order: error boundary,
 * the poll-answer hot path (before anything that touches the database per update, and outside
 * the per-chat ordering), per-chat ordering, chat bookkeeping, then the features, /start and
 * /help last.
 */
import { sequentialize } from '@grammyjs/runner';
import type { BotError} from 'grammy';
import { Bot, Context, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext, BotDeps } from './context.js';
import { answersFeature } from './features/answers.js';
import { chatMembershipFeature } from './features/chat-membership.js';
import { createQuizFeature } from './features/create-quiz.js';
import { groupPlayFeature } from './features/group-play.js';
import { leaderboardFeature } from './features/leaderboard.js';
import { myQuizzesFeature } from './features/my-quizzes.js';
import { privatePlayFeature } from './features/private-play.js';
import { welcomeFeature } from './features/welcome.js';
import { rememberChat } from './middleware/remember-chat.js';

/** Options of {@link createBot}. */
export interface CreateBotOptions {
  token: string;
  /** TELEGRAM_API_ROOT, e.g. the simulator's `apiRoot`. */
  apiRoot: string;
  deps: BotDeps;
  logger: Logger;
  /** The outbound queue's transformer: every call but getUpdates waits its turn there. */
  transformer: Transformer;
  /** Told about every update whose handler failed (the error boundary swallows the error). */
  onUpdateError?: (updateId: number) => void;
  /** The bot's own user, when known (skips getMe in `bot.init()`). */
  botInfo?: UserFromGetMe;
}

/** The update types the bot handles (passed to getUpdates and setWebhook). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'poll_answer', 'my_chat_member'] as const;

export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const { deps, logger } = options;

  class QuizContext extends Context {
    readonly deps = deps;
    #logger: Logger | undefined;
    /** Created on first use: most poll answers never log. */
    get logger(): Logger {
      this.#logger ??= logger.child({ updateId: this.update.update_id });
      return this.#logger;
    }
  }

  const bot = new Bot<BotContext>(options.token, {
    client: { apiRoot: options.apiRoot },
    ContextConstructor: QuizContext,
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  bot.api.config.use(options.transformer);
  bot.catch(async (error) => {
    options.onUpdateError?.(error.ctx.update.update_id);
    await handleError(error);
  });

  // Poll answers first: they have no chat, run fully in parallel, and are the bulk of the traffic.
  bot.use(answersFeature);
  // Messages and button presses of one chat are handled one at a time, in order (a guided quiz
  // creation depends on it).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.use(chatMembershipFeature);
  bot.use(rememberChat());
  bot.use(groupPlayFeature);
  bot.use(privatePlayFeature);
  bot.use(createQuizFeature);
  bot.use(myQuizzesFeature);
  bot.use(leaderboardFeature);
  bot.use(welcomeFeature);
  return bot;
}

/** The error boundary: logs the failed update, and tells a user whose command failed. */
async function handleError(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  ctx.logger.error({ err: error.error, updateType: Object.keys(ctx.update).find((k) => k !== 'update_id') }, 'Update handling failed');
  if (ctx.message && ctx.chat) {
    await ctx.reply('Sorry, something went wrong on my side. Please try again in a moment.').catch(() => undefined);
  }
}
