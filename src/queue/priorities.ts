/**
 * What goes first when the queue is busy. Interactive replies and quiz questions keep a game
 * moving; results may wait a little; announcements to many chats wait for both.
 */
export const PRIORITIES = ['interactive', 'results', 'bulk'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** p-queue runs higher numbers first. */
export const WORKER_PRIORITY: Readonly<Record<Priority, number>> = { interactive: 2, results: 1, bulk: 0 };

/** Bottleneck runs lower numbers first (0-9, default 5). */
export const LIMITER_PRIORITY: Readonly<Record<Priority, number>> = { interactive: 1, results: 4, bulk: 7 };
