/**
 * The apology a user gets when their update is parked as a dead letter speaks the language the
 * update was answered in; when the update failed before that language was known (the language
 * lookup itself failed), it is English.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { SimUser } from 'telegram-sim/world-types';
import type { BotHarness } from '../helpers/bot-harness.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { refuseQuizTitle } from '../helpers/refused-title.js';

describe('the dead-letter apology', () => {
  let h: BotHarness;
  const { clock } = botOnManualClock(Date.UTC(2026, 10, 1, 12), (started) => (h = started));

  /** The bot's first message to `user` after the message `afterId`. */
  const replyAfter = (user: SimUser, afterId: number, what: string) =>
    advanceUntil(clock, () => h.botMessages(user.id).find((m) => m.messageId > afterId), what, { stepMs: 250 });

  /** A Russian-speaking user who has started the bot (and was welcomed in Russian). */
  async function russianUser(firstName: string): Promise<SimUser> {
    const user = h.sim.world.createUser({ firstName, languageCode: 'ru' });
    const start = h.sim.world.sendText(user.id, user.id, '/start');
    expect((await replyAfter(user, start.messageId, 'the welcome')).text).toMatch(/^Я провожу викторины/);
    return user;
  }

  it('is in the language the update was answered in', async () => {
    const user = await russianUser('Оля');
    // The database refuses this title: saving the quiz fails for good (SQLSTATE 23514), after negotiation.
    await refuseQuizTitle(h.db, 'Отказ');
    const bad = h.sim.world.sendText(user.id, user.id, '/newquiz Отказ\nЧто?\n- да *\n- нет');
    expect((await replyAfter(user, bad.messageId, 'the apology')).text).toBe(
      'Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.',
    );
  });

  it('is in English when the update failed while its language was being looked up', async () => {
    const user = await russianUser('Иван');
    // The chat's language cannot be read: every attempt fails in the i18n middleware, before `ctx.t` works.
    await h.db.execute(sql.raw('alter table chats rename column language to language_unreadable'));
    try {
      const bad = h.sim.world.sendText(user.id, user.id, '/help');
      expect((await replyAfter(user, bad.messageId, 'the apology')).text).toBe(
        'Sorry, something went wrong on my side. Please try again in a moment.',
      );
    } finally {
      await h.db.execute(sql.raw('alter table chats rename column language_unreadable to language'));
    }
  });
});
