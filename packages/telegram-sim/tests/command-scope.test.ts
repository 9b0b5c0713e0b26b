/**
 * The simulator's command menus over real HTTP through grammY's Api: one list per scope and
 * language, and Telegram's answers to scopes it cannot use.
 */
import { Api, GrammyError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator.js';

let sim: Simulator;
let api: Api;
beforeEach(async () => {
  sim = await startSimulator();
  api = new Api(sim.token, { apiRoot: sim.apiRoot });
});
afterEach(async () => {
  await sim.close();
});

const menu = [{ command: 'help', description: 'What I do' }];

/** The description of the Bot API error `call` ends in. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error.description;
}

describe('command menus by scope', () => {
  it('keeps one menu per scope and language, and reads a scope as Telegram does (fields it does not use ignored)', async () => {
    const user = sim.world.createStartedUser({ firstName: 'Ann', username: 'ann' });
    const group = sim.world.createGroup({ title: 'Club', creator: user.id });
    await api.setMyCommands(menu, { scope: { type: 'all_private_chats' } });
    await api.setMyCommands([{ command: 'hilfe', description: 'Was ich tue' }], {
      scope: { type: 'all_private_chats' },
      language_code: 'de',
    });
    await api.setMyCommands([{ command: 'top', description: 'Best' }], {
      scope: { type: 'chat_member', chat_id: group.id, user_id: user.id },
    });

    expect(await api.getMyCommands({ scope: { type: 'all_private_chats' } })).toEqual(menu);
    expect(await api.getMyCommands({ scope: { type: 'all_private_chats', chat_id: 5 } as never })).toEqual(menu);
    expect(await api.getMyCommands({ scope: { type: 'all_private_chats' }, language_code: 'de' })).toEqual([
      { command: 'hilfe', description: 'Was ich tue' },
    ]);
    expect(await api.getMyCommands()).toEqual([]);
    expect(await api.getMyCommands({ scope: { type: 'all_chat_administrators' } })).toEqual([]);
    expect(await api.getMyCommands({ scope: { type: 'chat_member', chat_id: String(group.id), user_id: user.id } })).toEqual([
      { command: 'top', description: 'Best' },
    ]);
    // A private chat named by @username is the same chat as by its id.
    await api.setMyCommands(menu, { scope: { type: 'chat', chat_id: '@ann' } });
    expect(await api.getMyCommands({ scope: { type: 'chat', chat_id: user.id } })).toEqual(menu);

    await api.deleteMyCommands({ scope: { type: 'all_private_chats' } });
    expect(await api.getMyCommands({ scope: { type: 'all_private_chats' } })).toEqual([]);
  });

  it("answers a scope Telegram cannot use with Telegram's error, and changes no menu", async () => {
    const user = sim.world.createStartedUser({ firstName: 'Bob' });
    const stranger = sim.world.createUser({ firstName: 'Cy' });
    const group = sim.world.createGroup({ title: 'Club', creator: user.id });
    const set = (scope: unknown, extra: Record<string, unknown> = {}) =>
      refusal(api.raw.setMyCommands({ commands: menu, scope: scope as never, ...extra }));
    expect(await set({ type: 'everyone' })).toBe("Bad Request: can't parse BotCommandScope: Unsupported type specified");
    expect(await set({ chat_id: group.id })).toBe('Bad Request: can\'t parse BotCommandScope: Can\'t find field "type"');
    expect(await set({ type: 'chat' })).toBe('Bad Request: can\'t parse BotCommandScope: Can\'t find field "chat_id"');
    expect(await set({ type: 'chat', chat_id: '' })).toBe("Bad Request: can't parse BotCommandScope: Empty chat_id specified");
    expect(await set({ type: 'chat_member', chat_id: group.id, user_id: 0 })).toBe(
      "Bad Request: can't parse BotCommandScope: Invalid user_id specified",
    );
    expect(await set({ type: 'chat_member', chat_id: group.id })).toBe(
      "Bad Request: can't parse BotCommandScope: Invalid user_id specified",
    );
    expect(await set(['default'])).toBe("Bad Request: can't parse BotCommandScope: BotCommandScope must be an Object");
    expect(await set({ type: 'chat', chat_id: 424242 })).toBe('Bad Request: chat not found');
    expect(await set({ type: 'chat', chat_id: stranger.id })).toBe('Bad Request: chat not found');
    expect(await set({ type: 'chat_administrators', chat_id: user.id })).toBe("Bad Request: can't use specified scope in private chats");
    expect(await set({ type: 'default' }, { language_code: 'english' })).toBe('Bad Request: invalid language code specified');
    expect(await refusal(api.raw.getMyCommands({ scope: { type: 'everyone' } as never }))).toBe(
      "Bad Request: can't parse BotCommandScope: Unsupported type specified",
    );
    expect(await refusal(api.raw.deleteMyCommands({ scope: { type: 'chat' } as never }))).toBe(
      'Bad Request: can\'t parse BotCommandScope: Can\'t find field "chat_id"',
    );
    expect(sim.world.commandMenus.size).toBe(0);
  });
});
