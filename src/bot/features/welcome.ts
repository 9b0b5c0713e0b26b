/** /start (without a quiz link) and /help: what the bot does and how to use it. */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { helpText } from '../texts/help.js';

export const welcomeFeature = new Composer<BotContext>();

welcomeFeature.command(['start', 'help'], (ctx) => ctx.reply(helpText(ctx.t, ctx.me.username)));
