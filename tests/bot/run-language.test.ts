/**
 * A run speaks its chat's language (issue 16 item 7): /startquiz and /play take the language
 * negotiated for the chat (src/bot/start-run.ts), and the engine, which writes outside any update,
 * words the announcement, the results and the "My rank" button in it. A group speaks what its
 * admins chose (chats.language), whatever the language of whoever starts the quiz; a private
 * player's Telegram app language (language_code) is theirs. On a ManualClock: polls close
 * without real waiting.
 */
import { describe, expect, it } from 'vitest';
import type { SimMessage } from 'telegram-sim/world-types';
import { setChatLanguage } from '../../src/store/queries/chat-languages.js';
import { upsertChat } from '../../src/store/queries/chats.js';
import { createQuiz } from '../../src/store/queries/quizzes.js';
import { upsertUser } from '../../src/store/queries/users.js';
import type { BotHarness } from '../helpers/bot-harness.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';
import { createQuizOf } from '../helpers/fixtures.js';

const QUESTIONS = [
  { text: 'Capital of France?', options: ['Berlin', 'Paris'], correctOptionIds: [1] },
  { text: 'Capital of Peru?', options: ['Lima', 'Quito'], correctOptionIds: [0] },
];

describe('a run in its chat’s language', () => {
  let h: BotHarness;
  const alerts = new Map<string, string | undefined>();
  const { next } = botOnManualClock(Date.UTC(2026, 10, 30, 18), (started) => {
    h = started;
    h.sim.world.on('callbackAnswered', (query) => alerts.set(query.id, query.text));
  });
  const isPoll = (m: SimMessage): boolean => m.pollId !== undefined;

  it('words a Russian group’s announcement, results and "My rank" button in Russian', async () => {
    const { world } = h.sim;
    // The admin's own app speaks Spanish: the group's choice is what counts.
    const owner = world.createUser({ firstName: 'Olga', languageCode: 'es' });
    await upsertUser(h.db, { id: owner.id, firstName: 'Olga', username: null });
    const quiz = await createQuiz(h.db, { ownerId: owner.id, title: 'Столицы', questions: QUESTIONS });
    const ivan = world.createUser({ firstName: 'Ivan', languageCode: 'en' });
    const group = world.createGroup({ title: 'Вечер викторин', creator: owner.id, members: [ivan.id] });
    await upsertChat(h.db, { id: group.id, type: 'supergroup', title: 'Вечер викторин' });
    await setChatLanguage(h.db, { chatId: group.id, language: 'ru' });

    const refused = await h.ask(ivan.id, group.id, `/startquiz ${quiz.id}`);
    expect(refused.text).toBe('Запускать викторины могут только администраторы группы.');

    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    const announcement = await next(group.id, start.messageId, 'the announcement', (m) => m.text?.startsWith('🎲') ?? false);
    expect(announcement.text).toBe(
      [
        '🎲 Приготовьтесь: викторина «Столицы»',
        '',
        '🖊 2 вопроса',
        '⏱ 5 секунд на каждый вопрос',
        '📰 Ответы видны всей группе',
        '',
        'Первый вопрос появится через мгновение.',
        'Администраторы могут остановить викторину командой /stopquiz.',
      ].join('\n'),
    );
    const first = await next(group.id, announcement.messageId, 'question 1', isPoll);
    expect(world.poll(first.pollId!)?.question).toBe('[1/2] Capital of France?');
    world.answerPoll(ivan.id, first.pollId!, [1]);
    world.answerPoll(owner.id, first.pollId!, [0]);
    const second = await next(group.id, first.messageId, 'question 2', isPoll);
    world.answerPoll(ivan.id, second.pollId!, [0]);
    world.answerPoll(owner.id, second.pollId!, [0]);

    const results = await next(group.id, second.messageId, 'the results', (m) => m.text?.startsWith('🏁') ?? false);
    const lines = results.text!.split('\n');
    expect(lines.slice(0, 3)).toEqual(['🏁 Викторина «Столицы» завершена!', '2 вопроса · 2 игрока', '']);
    expect(lines[3]).toMatch(/^🥇 Ivan – 2\/2 верно · \d+,\d с · 1\d\d очков$/);
    // Olga wrote the quiz: placed, but her own quiz earns her nothing.
    expect(lines[4]).toMatch(/^🥈 Olga – 1\/2 верно · \d+,\d с · без очков: своя викторина$/);
    expect(lines.slice(5)).toEqual(['', '🏆 Поздравляем победителей!']);

    const button = results.replyMarkup?.inline_keyboard[0]?.[0];
    expect(button?.text).toBe('Моё место');
    const pressed = world.pressButton(ivan.id, group.id, results.messageId, (button as { callback_data: string }).callback_data);
    const alert = await h.waitFor(() => alerts.has(pressed) && alerts.get(pressed), 'the "My rank" alert');
    expect(alert).toBe('🥇 Вы заняли 1-е место из 2 игроков: 2/2 верно.');
  });

  it('plays a private game in the player’s Telegram language (German)', async () => {
    const { world } = h.sim;
    const { quiz } = await createQuizOf(h.db, world, { firstName: 'Hanna' }, { title: 'Hauptstädte', questions: QUESTIONS });
    const greta = world.createUser({ firstName: 'Greta', languageCode: 'de' });
    const hello = world.sendText(greta.id, greta.id, '/start');
    await next(greta.id, hello.messageId, 'the reply to /start', (m) => m.text !== undefined);

    const unknown = world.sendText(greta.id, greta.id, '/play 999999');
    expect((await next(greta.id, unknown.messageId, 'the reply to /play', (m) => m.text !== undefined)).text).toBe(
      'Es gibt kein Quiz 999999. Deine Quizze: /myquizzes',
    );

    const start = world.sendText(greta.id, greta.id, `/play ${quiz.id} 5s`);
    const announcement = await next(greta.id, start.messageId, 'the announcement', (m) => m.text?.startsWith('🎲') ?? false);
    expect(announcement.text).toBe(
      [
        '🎲 Mach dich bereit für das Quiz „Hauptstädte“',
        '',
        '🖊 2 Fragen',
        '⏱ 5 Sekunden pro Frage',
        '',
        'Die erste Frage kommt gleich.',
      ].join('\n'),
    );
    const first = await next(greta.id, announcement.messageId, 'question 1', isPoll);
    world.answerPoll(greta.id, first.pollId!, [1]);
    const second = await next(greta.id, first.messageId, 'question 2', isPoll);
    world.answerPoll(greta.id, second.pollId!, [1]);

    const results = await next(greta.id, second.messageId, 'the results', (m) => m.text?.startsWith('🏁') ?? false);
    const lines = results.text!.split('\n');
    expect(lines.slice(0, 3)).toEqual(['🏁 Das Quiz „Hauptstädte“ ist vorbei!', '2 Fragen · 1 Spieler', '']);
    expect(lines[3]).toMatch(/^🥇 Greta – 1\/2 richtig · \d+,\d s · 1\d\d Punkte$/);
    expect(lines.slice(4)).toEqual(['', '🏆 Glückwunsch an die Gewinner!']);
    // A private run has no "My rank" button: the results are the player's alone.
    expect(results.replyMarkup).toBeUndefined();
  });
});
