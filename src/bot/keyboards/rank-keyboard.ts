/**
 * The "My rank" button under a group run's results: the one owner of its callback data
 * (`rank:<runId>`), built here by the engine and read back here by the leaderboard feature.
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Translate } from '../../i18n/translator.js';
import { myRankButtonText } from '../texts/leaderboard.js';

/** Callback data of the button, with the pattern that reads it back (run id in group 1). */
export const RANK_CALLBACK = {
  data: (runId: number) => `rank:${runId}`,
  pattern: /^rank:(\d{1,15})$/,
} as const;

/**
 * The button under run `runId`'s results, labelled in the run's language (`t`), as plain markup
 * (it is stored in the outbox as JSON, so no grammY InlineKeyboard object).
 */
export function createRankKeyboard(t: Translate, runId: number): InlineKeyboardMarkup {
  return { inline_keyboard: [[{ text: myRankButtonText(t), callback_data: RANK_CALLBACK.data(runId) }]] };
}
