/**
 * Telegram's limits on a quiz poll (Bot API sendPoll), which every question must meet before a
 * quiz is saved, so that no run ever fails half way on a question Telegram refuses.
 */
export const POLL_LIMITS = {
  questionMax: 300,
  optionsMin: 1,
  optionsMax: 12,
  optionMax: 100,
  explanationMax: 200,
  explanationLineFeedsMax: 2,
  openPeriodMinS: 5,
  openPeriodMaxS: 2_628_000,
} as const;

/** Length as Telegram counts it: Unicode code points, not UTF-16 units (an emoji counts 1). */
export function telegramLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
