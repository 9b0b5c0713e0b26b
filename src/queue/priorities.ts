/**
 * What goes first when the queue is busy, most urgent first:
 * - `question`: quiz questions of runs in progress (and their stopPoll): a late question costs
 *   every player of the group time to answer;
 * - `interactive`: replies to users (the default of `queue.transformer`);
 * - `announce`: announcements of new runs;
 * - `results`: end-of-run summaries;
 * - `bulk`: broadcasts to many chats.
 * Within one priority, the call due first goes first (see due-order.ts).
 */
export const PRIORITIES = ['question', 'interactive', 'announce', 'results', 'bulk'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A priority's place in {@link PRIORITIES}: 0 is the most urgent. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = Object.freeze(
  Object.fromEntries(PRIORITIES.map((priority, rank) => [priority, rank])) as Record<Priority, number>,
);

/** True when `value` names a priority (options from outside TypeScript's reach). */
export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}
