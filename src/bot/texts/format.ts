/**
 * The pieces every text of the bot is made of: counts with their noun, places with a medal,
 * durations, names and links, and the fitting of a list into one Telegram message (texts that
 * list a variable number of things stay within the limit and say how many were left out).
 */

/** Telegram's longest message text; counted in UTF-16 units, which is never less than Telegram's count. */
export const MESSAGE_MAX = 4096;
/** The longest text of a callback query answer (an alert). */
export const ALERT_MAX = 200;
/** A medal for each of the first three places (equal results share one). */
export const MEDALS = ['🥇', '🥈', '🥉'] as const;

/** How a player is named in results and leaderboards: the first name, or @username without one. */
export function displayName(user: { firstName: string; username: string | null }): string {
  if (user.firstName.trim() !== '') return user.firstName;
  if (user.username !== null && user.username !== '') return `@${user.username}`;
  return 'Player';
}

/** A t.me link that opens the bot, in private (`start`) or to add it to a group (`startgroup`), with a payload. */
export function botLink(botUsername: string, parameter: 'start' | 'startgroup', payload: string): string {
  return `https://t.me/${botUsername.replace(/^@/, '')}?${parameter}=${payload}`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function place(rank: number): string {
  return MEDALS[rank - 1] ?? `${rank}.`;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function duration(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const rest = totalSeconds % 60;
  if (minutes === 0) return count(rest, 'second');
  if (rest === 0) return count(minutes, 'minute');
  return `${minutes} min ${rest} s`;
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
