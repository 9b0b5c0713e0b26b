/**
 * The command menus Telegram clients show when a user types "/" or opens the menu button: one
 * for private chats, one for the members of a group and one for its admins (Telegram shows an
 * admin the admins' menu). Set once at start by every instance (setting the same menus again
 * changes nothing). Telegram keeps them, so a start that cannot set them still has the last
 * ones; a failure is logged once and never stops the bot.
 */
import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Logger } from 'pino';
import { describeError } from '../lib/describe-error.js';

const HELP: BotCommand = { command: 'help', description: 'What I do and how' };
const LEADERBOARD: BotCommand = { command: 'leaderboard', description: 'Best players of this chat' };
const MY_SCORE: BotCommand = { command: 'myscore', description: 'Your points and accuracy' };
const NEW_QUIZ: BotCommand = { command: 'newquiz', description: 'Create a quiz' };
const MY_QUIZZES: BotCommand = { command: 'myquizzes', description: 'Your quizzes and their ids' };

/** One menu: the chats it is for, and its commands in the order shown. */
export interface CommandMenu {
  scope: BotCommandScope;
  commands: readonly BotCommand[];
}

/** Every menu the bot sets, most used commands first in each. */
const COMMAND_MENUS: readonly CommandMenu[] = [
  {
    scope: { type: 'all_private_chats' },
    commands: [
      { command: 'play', description: 'Play a quiz here: /play <id>' },
      NEW_QUIZ,
      { command: 'done', description: 'Save the quiz you are creating' },
      { command: 'cancel', description: 'Drop the quiz you are creating' },
      MY_QUIZZES,
      { command: 'import', description: 'Create a quiz from a file (CSV, JSON, text)' },
      { command: 'export', description: 'Get your quiz as a file: /export <id>' },
      { command: 'template', description: 'An example quiz file' },
      { command: 'stopquiz', description: 'Stop the quiz you are playing' },
      MY_SCORE,
      LEADERBOARD,
      HELP,
    ],
  },
  // Members see what they can use: starting and stopping quizzes is for admins.
  { scope: { type: 'all_group_chats' }, commands: [LEADERBOARD, MY_SCORE, HELP] },
  {
    scope: { type: 'all_chat_administrators' },
    commands: [
      { command: 'startquiz', description: 'Run a quiz here: /startquiz <id> [15s] [shuffle] [10q]' },
      { command: 'stopquiz', description: 'Stop the quiz running here' },
      { command: 'results', description: "The last quiz's answers as a CSV file, sent to you in private" },
      LEADERBOARD,
      MY_SCORE,
      NEW_QUIZ,
      MY_QUIZZES,
      HELP,
    ],
  },
];

/**
 * Sets {@link COMMAND_MENUS}. Never rejects: the menus are a convenience, so when Telegram
 * refuses or cannot be reached (after the outbound queue's own retries), one warning names the
 * scopes left unset and the first error, described without any request data.
 *
 * @example void setCommandMenus(bot.api, logger); // at start, without waiting for it
 */
export async function setCommandMenus(api: Pick<Api, 'setMyCommands'>, logger: Logger): Promise<void> {
  const results = await Promise.allSettled(COMMAND_MENUS.map(({ scope, commands }) => api.setMyCommands([...commands], { scope })));
  const failed = COMMAND_MENUS.flatMap((menu, i) => {
    const result = results[i];
    return result?.status === 'rejected' ? [{ scope: menu.scope.type, error: result.reason as unknown }] : [];
  });
  const [first] = failed;
  if (!first) {
    logger.debug({ scopes: COMMAND_MENUS.map((menu) => menu.scope.type) }, 'Command menus set');
    return;
  }
  logger.warn(
    { scopes: failed.map((f) => f.scope), error: describeError(first.error) },
    'Could not set the command menus: Telegram keeps showing the ones set before (none on a new bot) until the next start',
  );
}
