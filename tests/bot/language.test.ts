/**
 * /language end to end: a private chat follows the Telegram app's language until the user
 * chooses one (and can go back); a group speaks what its admins choose; the command menus come
 * in every language, and a chat that chose a language gets its menu in it.
 */
import { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import type { SimMessage, SimUser } from 'telegram-sim/world-types';
import { chatLanguage } from '../../src/store/queries/chat-languages.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';

describe('/language', () => {
  let sim: Simulator;
  let h: BotHarness;
  let api: Api;
  const answers = new Map<string, { text?: string }>();
  beforeAll(async () => {
    sim = await startSimulator({ limits: { enabled: false } });
    sim.world.on('callbackAnswered', (query) => answers.set(query.id, { ...(query.text !== undefined ? { text: query.text } : {}) }));
    h = await startBotHarness({ sim });
    api = new Api(sim.token, { apiRoot: sim.apiRoot });
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.close();
  });

  async function press(user: SimUser, message: SimMessage, data: string): Promise<{ text?: string }> {
    const id = sim.world.pressButton(user.id, message.chatId, message.messageId, data);
    return h.waitFor(() => answers.get(id), `the answer to ${data}`);
  }
  const buttons = (message: SimMessage) => message.replyMarkup?.inline_keyboard.flat().map((b) => b.text) ?? [];

  it('speaks the Telegram app language in private, until the user chooses another, and goes back to it', async () => {
    const user = await h.startUser({ firstName: 'Greta', languageCode: 'de-AT' });
    const shown = await h.ask(user.id, user.id, '/language');
    expect(shown.text).toBe('Hier spreche ich Deutsch, die Sprache deiner Telegram-App. Wähle eine andere Sprache:');
    expect(buttons(shown)).toEqual(['English', 'Русский', 'Español', 'Deutsch', 'Português', '🌐 Sprache meiner Telegram-App']);

    expect((await h.ask(user.id, user.id, '/language ru')).text).toBe('Готово: теперь мой язык здесь — Русский.');
    expect(await chatLanguage(h.db, user.id)).toBe('ru');
    expect((await h.ask(user.id, user.id, '/language')).text).toBe('Мой язык здесь — Русский, как вы выбрали. Выберите другой:');
    // Her chat's menu now comes in Russian, whatever her app's language.
    const menu = await h.waitFor(async () => {
      const commands = await api.getMyCommands({ scope: { type: 'chat', chat_id: user.id } });
      return commands.length > 0 && commands;
    }, 'the chat menu');
    expect(menu.find((c) => c.command === 'language')?.description).toBe('Язык, на котором я здесь говорю');

    // The button back to the app's language.
    const again = await h.ask(user.id, user.id, '/language');
    await press(user, again, 'language:auto');
    await h.waitFor(() => again.text?.startsWith('Erledigt') && again, 'the edited message');
    expect(again.text).toBe('Erledigt: Ich folge wieder der Sprache deiner Telegram-App (Deutsch).');
    expect(await chatLanguage(h.db, user.id)).toBeNull();
    await h.waitFor(
      async () => (await api.getMyCommands({ scope: { type: 'chat', chat_id: user.id } })).length === 0,
      'the chat menu removed',
    );
  });

  it('speaks English to a user whose app language it does not speak, and names the codes it knows', async () => {
    const user = await h.startUser({ firstName: 'Jean', languageCode: 'fr' });
    expect((await h.ask(user.id, user.id, '/language')).text).toBe(
      'I speak English here, the language of your Telegram app. Choose another:',
    );
    expect((await h.ask(user.id, user.id, '/language klingon')).text).toBe(
      'I do not speak "klingon". Choose a language with the buttons of /language, or write one of: en, ru, es, de, pt.',
    );
    expect((await h.ask(user.id, user.id, '/language Español')).text).toBe('Listo: ahora hablo Español aquí.');
  });

  it("lets only a group's admins choose its language, by command or button", async () => {
    const admin = await h.startUser({ firstName: 'Ana', languageCode: 'pt-BR' });
    const member = await h.startUser({ firstName: 'Bo', languageCode: 'ru' });
    const group = sim.world.createGroup({ title: 'Quiz night', creator: admin.id, members: [member.id] });

    // A group that chose nothing speaks English, whatever its members' apps say.
    const shown = await h.ask(member.id, group.id, '/language');
    expect(shown.text).toBe("This group's language: English. Admins can choose another:");
    expect(buttons(shown)).not.toContain("🌐 My Telegram app's language");
    expect((await h.ask(member.id, group.id, '/language ru')).text).toBe("Only the group's admins can change its language.");
    expect((await press(member, shown, 'language:ru')).text).toBe("Only the group's admins can change its language.");
    expect(await chatLanguage(h.db, group.id)).toBeNull();

    await press(admin, shown, 'language:pt');
    await h.waitFor(() => shown.text?.startsWith('Pronto') && shown, 'the edited message');
    expect(shown.text).toBe('Pronto: agora eu falo Português neste grupo.');
    expect(await chatLanguage(h.db, group.id)).toBe('pt');
    expect((await h.ask(member.id, group.id, '/language')).text).toBe(
      'Idioma deste grupo: Português. Os administradores podem escolher outro:',
    );
    const adminMenu = await h.waitFor(async () => {
      const commands = await api.getMyCommands({ scope: { type: 'chat_administrators', chat_id: group.id } });
      return commands.length > 0 && commands;
    }, "the group admins' menu");
    expect(adminMenu.find((c) => c.command === 'startquiz')?.description).toBe(
      'Iniciar um quiz aqui: /startquiz <id> [15s] [shuffle] [10q]',
    );
  });

  it('sets the menus in every language it speaks, English for the rest', async () => {
    const inLanguage = async (language_code: LanguageCode | undefined) =>
      h.waitFor(
        async () => {
          const commands = await api.getMyCommands({ scope: { type: 'all_private_chats' }, ...(language_code ? { language_code } : {}) });
          return commands.length > 0 && commands;
        },
        `the ${language_code ?? 'default'} menu`,
      );
    const describe = (commands: { command: string; description: string }[]) => commands.find((c) => c.command === 'help')?.description;
    expect(describe(await inLanguage(undefined))).toBe('What I do and how');
    expect(describe(await inLanguage('ru'))).toBe('Что я умею и как');
    expect(describe(await inLanguage('es'))).toBe('Qué hago y cómo');
    expect(describe(await inLanguage('de'))).toBe('Was ich kann und wie');
    expect(describe(await inLanguage('pt'))).toBe('O que eu faço e como');
  });
});
