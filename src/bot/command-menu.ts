/**
 * The command menus Telegram clients show when a user types "/" or opens the menu button: one
 * for private chats, one for the members of a group and one for its admins (Telegram shows an
 * admin the admins' menu), each in every language the bot speaks. Set once at start by every instance (setting the same menus again
 * changes nothing). Telegram keeps them, so a start that cannot set them still has the last
 * ones; a failure is logged once and never stops the bot.
 */
import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Logger } from 'pino';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locales.js';
import { translatorFor, type Translate } from '../i18n/translator.js';
import { describeError } from '../lib/describe-error.js';

/**
 * One menu: the chats it is for, and its commands in the order shown. A command is described by
 * the message `command-<name>` of locales/<language>/commands.ftl, or by `[name, message]` where
 * one command means something else in private.
 */
export interface CommandMenu {
  scope: BotCommandScope;
  commands: readonly (string | readonly [command: string, description: string])[];
}

/** Every menu the bot sets, most used commands first in each. */
const COMMAND_MENUS: readonly CommandMenu[] = [
  {
    scope: { type: 'all_private_chats' },
    commands: [
      'play',
      'newquiz',
      'done',
      'cancel',
      'myquizzes',
      'edit',
      'import',
      'export',
      'template',
      ['stopquiz', 'command-stopquiz-private'],
      'myscore',
      'leaderboard',
      'language',
      'help',
    ],
  },
  // Members see what they can use: starting and stopping quizzes is for admins.
  { scope: { type: 'all_group_chats' }, commands: ['leaderboard', 'myscore', 'help'] },
  {
    scope: { type: 'all_chat_administrators' },
    commands: ['startquiz', 'stopquiz', 'results', 'leaderboard', 'myscore', 'language', 'newquiz', 'myquizzes', 'help'],
  },
];

/** A menu's commands with their descriptions in one language. */
function describedCommands(t: Translate, menu: CommandMenu): BotCommand[] {
  return menu.commands.map((entry) =>
    typeof entry === 'string' ? { command: entry, description: t(`command-${entry}`) } : { command: entry[0], description: t(entry[1]) },
  );
}

/**
 * The setMyCommands calls: each menu without a language (English, for every language the bot
 * does not speak), then each menu for each other language the bot speaks, which Telegram shows
 * to users whose app is in that language.
 */
function menuCalls(
  i18n: Parameters<typeof translatorFor>[0],
): { menu: CommandMenu; language: Locale | undefined; commands: BotCommand[] }[] {
  const languages: (Locale | undefined)[] = [undefined, ...LOCALES.filter((locale) => locale !== DEFAULT_LOCALE)];
  return languages.flatMap((language) =>
    COMMAND_MENUS.map((menu) => ({ menu, language, commands: describedCommands(translatorFor(i18n, language ?? DEFAULT_LOCALE), menu) })),
  );
}

/**
 * Sets {@link COMMAND_MENUS}. Never rejects: the menus are a convenience, so when Telegram
 * refuses or cannot be reached (after the outbound queue's own retries), one warning names the
 * scopes left unset and the first error, described without any request data.
 *
 * @example void setCommandMenus(bot.api, logger, i18n); // at start, without waiting for it
 */
export async function setCommandMenus(
  api: Pick<Api, 'setMyCommands'>,
  logger: Logger,
  i18n: Parameters<typeof translatorFor>[0],
): Promise<void> {
  const calls = menuCalls(i18n);
  const results = await Promise.allSettled(
    calls.map(({ menu, language, commands }) =>
      api.setMyCommands(commands, { scope: menu.scope, ...(language ? { language_code: language } : {}) }),
    ),
  );
  const failed = calls.flatMap((call, i) => {
    const result = results[i];
    const scope = call.language ? `${call.menu.scope.type}/${call.language}` : call.menu.scope.type;
    return result?.status === 'rejected' ? [{ scope, error: result.reason as unknown }] : [];
  });
  const [first] = failed;
  if (!first) {
    logger.debug({ scopes: COMMAND_MENUS.map((menu) => menu.scope.type), languages: LOCALES }, 'Command menus set');
    return;
  }
  logger.warn(
    { scopes: failed.map((f) => f.scope), error: describeError(first.error) },
    'Could not set the command menus: Telegram keeps showing the ones set before (none on a new bot) until the next start',
  );
}

/**
 * Menus for one chat whose language was chosen with /language: Telegram picks a menu by the
 * app's language, so a chat that speaks another gets its own (chat scopes beat the language
 * defaults). `locale` undefined removes them (the chat follows the app's language again).
 * Best effort, like the menus set at start: a failure is logged and the choice stays made.
 */
export async function setChatCommandMenus(
  api: Pick<Api, 'setMyCommands' | 'deleteMyCommands'>,
  logger: Logger,
  chat: { id: number; group: boolean },
  t: Translate | undefined,
): Promise<void> {
  const scopes: { scope: BotCommandScope; menu: CommandMenu }[] = chat.group
    ? [
        { scope: { type: 'chat', chat_id: chat.id }, menu: menuFor('all_group_chats') },
        { scope: { type: 'chat_administrators', chat_id: chat.id }, menu: menuFor('all_chat_administrators') },
      ]
    : [{ scope: { type: 'chat', chat_id: chat.id }, menu: menuFor('all_private_chats') }];
  try {
    for (const { scope, menu } of scopes) {
      if (t) await api.setMyCommands(describedCommands(t, menu), { scope });
      else await api.deleteMyCommands({ scope });
    }
  } catch (error) {
    logger.warn({ chatId: chat.id, error: describeError(error) }, 'Could not set the command menu of a chat in its language');
  }
}

function menuFor(type: 'all_private_chats' | 'all_group_chats' | 'all_chat_administrators'): CommandMenu {
  const menu = COMMAND_MENUS.find((m) => m.scope.type === type);
  if (!menu) throw new Error(`No command menu for ${type}`);
  return menu;
}
