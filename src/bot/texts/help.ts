/** The answer to /help and /start. Words are in locales/<language>/help.ftl. */
import type { Translate } from '../../i18n/translator.js';
import { RUN_OPEN_PERIOD_MAX_S } from '../../quiz/open-period.js';
import { POLL_LIMITS } from '../../quiz/telegram-poll-limits.js';
import { DEEP_LINK } from '../deep-links.js';
import { botLink } from './format.js';

/**
 * The questions of the quiz text format's example (ARCHITECTURE.md), as data: the format's tests
 * parse it and the demo sends it (with more questions). The help shows each language's own
 * example (`help-format-example`); tests/bot/texts.test.ts checks that English's is this one.
 */
export const QUIZ_FORMAT_EXAMPLE_QUESTIONS = `Capital of France?
- Berlin
- Paris *
- Rome
> Paris has been the capital since 508.

Capital of Japan?
- Tokyo *
- Kyoto`;

/** The example as an admin sends it: the command with the quiz's title, then its questions. */
export const QUIZ_FORMAT_EXAMPLE = `/newquiz World capitals\n${QUIZ_FORMAT_EXAMPLE_QUESTIONS}`;

/** The answer to /help and /start: what the bot does, its commands and the quiz text format. */
export function helpText(t: Translate, botUsername: string): string {
  return t('help-text', {
    minSeconds: POLL_LIMITS.openPeriodMinS,
    maxMinutes: RUN_OPEN_PERIOD_MAX_S / 60,
    groupLink: botLink(botUsername, 'startgroup', DEEP_LINK.help),
  });
}

/** The help's example of the quiz format in one language: `/newquiz <title>`, then the questions. */
export function quizFormatExampleText(t: Translate): string {
  return t('help-format-example');
}
