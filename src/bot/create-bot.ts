/**
 * The bot: grammY's Bot with quiz-agent's context, every Bot API call routed through the
 * outbound queue, and the features registered in one place, in this order: deferred poll
 * answers and `poll` updates first (before anything that touches the database per update), chat
 * bookkeeping, then the features, /start and /help, and the catch-all for unknown messages
 * last. The bot handles updates from the inbox
 * (src/bot/inbox), which already gives each chat's updates one at a time in order, and which is
 * the error boundary: it retries a failed update and parks it as a dead letter in the end.
 */
import type { I18n, I18nFlavor } from '@grammyjs/i18n';
import { Bot, Context, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext, BotDeps } from './context.js';
import { answersFeature } from './features/answers.js';
import { chatMembershipFeature } from './features/chat-membership.js';
import { createQuizFeature } from './features/create-quiz.js';
import { editQuizFeature } from './features/edit-quiz.js';
import { groupPlayFeature } from './features/group-play.js';
import { languageFeature } from './features/language.js';
import { leaderboardFeature } from './features/leaderboard.js';
import { myQuizzesFeature } from './features/my-quizzes.js';
import { pollsFeature } from './features/polls.js';
import { privatePlayFeature } from './features/private-play.js';
import { quizFilesFeature } from './features/quiz-files.js';
import { runResultsFeature } from './features/run-results.js';
import { unknownMessageFeature } from './features/unknown-message.js';
import { welcomeFeature } from './features/welcome.js';
import { createI18n } from '../i18n/translator.js';
import { negotiateChatLanguage } from './middleware/chat-language.js';
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
  /** The bot's own user, when known (skips getMe in `bot.init()`). */
  botInfo?: UserFromGetMe;
  /** The texts (locales/); loaded here when not given. */
  i18n?: I18n<BotContext>;
}

/**
 * The update types the bot handles (passed to getUpdates and setWebhook). `poll` tells the
 * state of the bot's own polls: how a question whose sendPoll answer was lost is reconciled.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'poll_answer', 'poll', 'my_chat_member'] as const;

export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const { deps, logger } = options;

  class QuizContext extends Context {
    readonly deps = deps;
    // Set per update by the i18n middleware, before any feature that sends text.
    declare i18n: I18nFlavor['i18n'];
    declare t: I18nFlavor['t'];
    declare translate: I18nFlavor['translate'];
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

  // Answers deferred because their poll was not known yet, and polls to reconcile: no chat to
  // remember, and nothing below applies to them.
  bot.use(answersFeature);
  bot.use(pollsFeature);
  // Every update below may answer in words: `ctx.t` speaks the chat's language.
  bot.use((options.i18n ?? createI18n<BotContext>({ localeNegotiator: negotiateChatLanguage })).middleware());
  bot.use(chatMembershipFeature);
  bot.use(rememberChat());
  bot.use(groupPlayFeature);
  bot.use(privatePlayFeature);
  // Before creation, which takes every other private photo: a photo captioned /edit is an edit.
  bot.use(editQuizFeature);
  bot.use(createQuizFeature);
  bot.use(myQuizzesFeature);
  bot.use(quizFilesFeature);
  bot.use(leaderboardFeature);
  bot.use(languageFeature);
  bot.use(runResultsFeature);
  bot.use(welcomeFeature);
  // Last: what no feature above handled (a private message gets a pointer to /help).
  bot.use(unknownMessageFeature);
  return bot;
}
