/**
 * /results: a group's admin gets the chat's last finished quiz as a CSV file (rank, player,
 * correct, answered, time, points and each answer) in private, never in the group. Admins are
 * checked with Telegram at the moment of the command, as for /startquiz.
 */
import { Composer } from 'grammy';
import { isChatAdmin } from '../chat-admin.js';
import type { BotContext } from '../context.js';
import { sendRunResults } from '../handlers/run-results.js';
import { onlyAdminsResultsText, resultsAnonymousText, resultsInPrivateText } from '../texts/run-results.js';

export const runResultsFeature = new Composer<BotContext>();

runResultsFeature.chatType('private').command('results', async (ctx) => {
  await ctx.reply(resultsInPrivateText(ctx.t));
});

runResultsFeature.chatType(['group', 'supergroup']).command('results', async (ctx) => {
  // An anonymous admin posts as the group: an admin, but with no one to send the file to.
  if (ctx.senderChat?.id === ctx.chat.id) {
    await ctx.reply(resultsAnonymousText(ctx.t));
    return;
  }
  if (!(await isChatAdmin(ctx))) {
    await ctx.reply(onlyAdminsResultsText(ctx.t));
    return;
  }
  await sendRunResults(ctx);
});
