/**
 * What a user sees before typing anything (the command menus Telegram clients show) and what
 * the bot says to a message it has no use for: a pointer to /help in private, nothing in groups.
 */
import { Writable } from 'node:stream';
import { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from 'telegram-sim/clock';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { advanceUntil } from '../helpers/drive-clock.js';

const POINTER = "I don't know what to do with that. /help shows what I can do.";

describe('command menus and unknown messages', () => {
  let h: BotHarness;
  let api: Api;
  beforeAll(async () => {
    h = await startBotHarness();
    api = new Api(h.sim.token, { apiRoot: h.sim.apiRoot });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The menu the simulator holds for `scope`, once the bot has set it. */
  const menuOf = (scope: BotCommandScope): Promise<BotCommand[]> =>
    h.waitFor(async () => {
      const commands = await api.getMyCommands({ scope });
      return commands.length > 0 && commands;
    }, `the ${scope.type} menu`);

  it('sets the menus at start: private chats, group members and group admins, names and descriptions', async () => {
    expect(await menuOf({ type: 'all_private_chats' })).toEqual([
      { command: 'play', description: 'Play a quiz here: /play <id>' },
      { command: 'newquiz', description: 'Create a quiz' },
      { command: 'done', description: 'Save the quiz you are creating' },
      { command: 'cancel', description: 'Drop the quiz you are creating' },
      { command: 'myquizzes', description: 'Your quizzes and their ids' },
      { command: 'edit', description: 'Change a quiz: /edit <id>' },
      { command: 'import', description: 'Create a quiz from a file (CSV, JSON, text)' },
      { command: 'export', description: 'Get your quiz as a file: /export <id>' },
      { command: 'template', description: 'An example quiz file' },
      { command: 'stopquiz', description: 'Stop the quiz you are playing' },
      { command: 'myscore', description: 'Your points and accuracy' },
      { command: 'leaderboard', description: 'Best players of this chat' },
      { command: 'language', description: 'The language I speak here' },
      { command: 'help', description: 'What I do and how' },
    ]);
    expect(await menuOf({ type: 'all_chat_administrators' })).toEqual([
      { command: 'startquiz', description: 'Run a quiz here: /startquiz <id> [15s] [shuffle] [10q]' },
      { command: 'stopquiz', description: 'Stop the quiz running here' },
      { command: 'results', description: "The last quiz's answers as a CSV file, sent to you in private" },
      { command: 'leaderboard', description: 'Best players of this chat' },
      { command: 'myscore', description: 'Your points and accuracy' },
      { command: 'language', description: 'The language I speak here' },
      { command: 'newquiz', description: 'Create a quiz' },
      { command: 'myquizzes', description: 'Your quizzes and their ids' },
      { command: 'help', description: 'What I do and how' },
    ]);
    expect(await menuOf({ type: 'all_group_chats' })).toEqual([
      { command: 'leaderboard', description: 'Best players of this chat' },
      { command: 'myscore', description: 'Your points and accuracy' },
      { command: 'help', description: 'What I do and how' },
    ]);
    // The default scope (channels and anything else) stays empty: nothing there to run.
    expect(await api.getMyCommands()).toEqual([]);
  });

  it('answers an unknown private message, text or command, with one line pointing to /help', async () => {
    const user = await h.startUser({ firstName: 'Una' });
    expect((await h.ask(user.id, user.id, 'hello?')).text).toBe(POINTER);
    expect((await h.ask(user.id, user.id, '/frobnicate now')).text).toBe(POINTER);
    // A known command is still answered as before.
    expect((await h.ask(user.id, user.id, '/help')).text).toContain('I run quizzes');
  });

  it('stays silent in a group on an unknown command and on a reply to it', async () => {
    const { world } = h.sim;
    const member = await h.startUser({ firstName: 'Gil' });
    const group = world.createGroup({ title: 'Quiet please', creator: member.id });
    const help = await h.ask(member.id, group.id, '/help');
    const unknown = world.sendText(member.id, group.id, '/frobnicate');
    world.sendText(member.id, group.id, 'thanks!', { replyToMessageId: help.messageId });
    // The next thing the bot says is the answer to /leaderboard: the two above got no reply.
    world.sendText(member.id, group.id, '/leaderboard');
    const next = await h.nextBotMessage(group.id, unknown.messageId);
    expect(next.text).toContain('No scores yet in Quiet please');
  });
});

describe('a setMyCommands that fails', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 9));
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  let sim: Simulator;
  let h: BotHarness;
  beforeAll(async () => {
    sim = await startSimulator({ clock });
    // Telegram answers every setMyCommands with a 500, however often the queue tries again.
    sim.faults.add({ kind: 'server_error', methods: ['setMyCommands'] });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line.trim() !== '') lines.push(JSON.parse(line) as (typeof lines)[number]);
        done();
      },
    });
    h = await startBotHarness({ sim, logger: pino({ level: 'info' }, sink) });
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.close();
  });

  it('does not stop the bot from starting: it is logged once, described, and the bot answers', async () => {
    const user = sim.world.createUser({ firstName: 'Stan' });
    const help = sim.world.sendText(user.id, user.id, '/help');
    const reply = await advanceUntil(clock, () => h.botMessages(user.id).find((m) => m.messageId > help.messageId), 'the answer to /help');
    expect(reply.text).toContain('I run quizzes');

    const menuFailures = () => lines.filter((l) => l.msg.startsWith('Could not set the command menus'));
    const failed = await advanceUntil(clock, () => menuFailures().length > 0 && menuFailures(), 'the failure to be logged', {
      stepMs: 1_000,
    });
    // The queue tried each of the three menus in each of the five languages (English as the
    // default) six times (once, then five retries) before giving up.
    expect(sim.faults.stats().injected.server_error).toBe(3 * 5 * 6);
    const later = clock.now() + 60_000;
    await advanceUntil(clock, () => clock.now() >= later, 'another minute', { stepMs: 5_000 });
    expect(menuFailures()).toHaveLength(1);
    const scopes = ['all_private_chats', 'all_group_chats', 'all_chat_administrators'];
    expect(failed[0]).toMatchObject({
      level: 40,
      scopes: [...scopes, ...['ru', 'es', 'de', 'pt'].flatMap((language) => scopes.map((scope) => `${scope}/${language}`))],
    });
    expect(String(failed[0]?.error)).toContain('500');
    expect(JSON.stringify(failed[0])).not.toContain(sim.token);
    expect(await new Api(sim.token, { apiRoot: sim.apiRoot }).getMyCommands({ scope: { type: 'all_private_chats' } })).toEqual([]);
  });
});
