/** getMe, the command menu, answerCallbackQuery, logOut and close. */
import { commandMenuKey } from '../command-scope.js';
import { badRequest } from '../errors.js';
import type { MethodHandler } from '../method-context.js';
import { parseBotCommands } from '../validation.js';
import { wireGetMe } from '../wire.js';

export const getMe: MethodHandler = (_params, ctx) => wireGetMe(ctx.world.bot);

const menus = (ctx: Parameters<MethodHandler>[1]) => ctx.world.commandMenus;

export const setMyCommands: MethodHandler = (params, ctx) => {
  const commands = parseBotCommands(params);
  menus(ctx).set(commandMenuKey(params, ctx.world), commands);
  return true;
};

export const getMyCommands: MethodHandler = (params, ctx) => menus(ctx).get(commandMenuKey(params, ctx.world)) ?? [];

export const deleteMyCommands: MethodHandler = (params, ctx) => {
  menus(ctx).delete(commandMenuKey(params, ctx.world));
  return true;
};

export const answerCallbackQuery: MethodHandler = (params, ctx) => {
  const id = params.requiredString('callback_query_id');
  const text = params.optionalString('text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  if (!ctx.world.answerCallbackQuery(id, text)) throw badRequest('query is too old and response timeout expired or query ID is invalid');
  return true;
};

export const logOut: MethodHandler = () => true;
export const close: MethodHandler = () => true;
