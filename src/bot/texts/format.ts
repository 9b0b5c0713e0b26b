/**
 * The pieces every text of the bot is made of: places with a medal, durations, names and links,
 * and the fitting of a list into one Telegram message (texts that list a variable number of
 * things stay within the limit and say how many were left out). Words come from
 * locales/<language>/common.ftl; counts with their noun are Fluent plurals in each message.
 */
import type { Translate } from '../../i18n/translator.js';

/** Telegram's longest message text; counted in UTF-16 units, which is never less than Telegram's count. */
export const MESSAGE_MAX = 4096;
/** The longest text of a callback query answer (an alert). */
export const ALERT_MAX = 200;
/** A medal for each of the first three places (equal results share one). */
export const MEDALS = ['🥇', '🥈', '🥉'] as const;

/** How a player is named in results and leaderboards: the first name, or @username without one. */
export function displayName(t: Translate, user: { firstName: string; username: string | null }): string {
  if (user.firstName.trim() !== '') return user.firstName;
  if (user.username !== null && user.username !== '') return `@${user.username}`;
  return t('player-fallback-name');
}

/** A t.me link that opens the bot, in private (`start`) or to add it to a group (`startgroup`), with a payload. */
export function botLink(botUsername: string, parameter: 'start' | 'startgroup', payload: string): string {
  return `https://t.me/${botUsername.replace(/^@/, '')}?${parameter}=${payload}`;
}

export function place(rank: number): string {
  return MEDALS[rank - 1] ?? `${rank}.`;
}

/** A time taken, to a tenth of a second: `4.2 s` (`4,2 с` in Russian). */
export function seconds(t: Translate, ms: number): string {
  return t('time-taken', { seconds: Math.round(ms / 100) / 10 });
}

/** A whole number of seconds in words: `30 seconds`, `2 minutes`, `1 min 30 s`. */
export function duration(t: Translate, totalSeconds: number): string {
  return t('duration', { minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60 });
}

/** A fraction as a whole percentage that shows 100% only when nothing was wrong. */
export function percent(fraction: number, imperfect: boolean): string {
  const value = Math.round(fraction * 100);
  return `${imperfect ? Math.min(value, 99) : value}%`;
}

/** Cuts `text` to at most `max` UTF-16 units, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut}…`;
}

/**
 * Joins head, as many of `lines` as fit in one message, a "…and N more" line for the rest of
 * `total`, and tail. A single line longer than a message is cut.
 */
export function fitLines(parts: {
  head: readonly string[];
  lines: readonly string[];
  total: number;
  more: (n: number) => string;
  tail: readonly string[];
}): string {
  const fixed = [...parts.head, ...parts.tail].join('\n').length + 1;
  // Room for the longest "more" line it could take, so adding it never overflows.
  const budget = MESSAGE_MAX - fixed - parts.more(parts.total).length - 2;
  const shown: string[] = [];
  let used = 0;
  for (const line of parts.lines) {
    if (used + line.length + 1 > budget) {
      if (shown.length === 0) shown.push(truncate(line, budget));
      break;
    }
    shown.push(line);
    used += line.length + 1;
  }
  const rest = parts.total - shown.length;
  return [...parts.head, ...shown, ...(rest > 0 ? [parts.more(rest)] : []), ...parts.tail].join('\n');
}
