/**
 * Each group's first question against two bounds, both in seconds from the first /startquiz:
 * (a) its start-order floor: the i-th group to send /startquiz needs its announcement and first
 *     question and those of the i - 1 groups before it, 2i messages, out at 30 a second: 2i / 30 s,
 *     raised to 1 s where it is smaller (so the first groups are not held to a few milliseconds);
 * (b) its time in the ideal schedule (groups-ideal-schedule.ts) fed with the run's own timings.
 * A group that never got its first question counts as outside every bound.
 */
import { round } from './stats.js';

/** Telegram's global limit, messages a second. */
export const GLOBAL_PER_S = 30;
/** A group is "within" a bound when its first question came within this factor of it. */
export const WITHIN_FACTOR = 1.2;
/** Least floor of (a), in seconds. */
const LEAST_FLOOR_S = 1;

/** How a run's groups did against one bound. */
export interface BoundFigures {
  /** The largest ratio first question / bound; null when some group never got one. */
  worstRatio: number | null;
  /** Start order (from 1) of the group with the worst ratio. */
  worstGroup: number;
  /** Groups within {@link WITHIN_FACTOR} of their bound. */
  within: number;
  groups: number;
}

/** The start-order floor (a) of the `order`-th group (from 1), in seconds. */
export function startOrderFloorS(order: number): number {
  return Math.max((2 * order) / GLOBAL_PER_S, LEAST_FLOOR_S);
}

/**
 * Ratios of `actualS[i]` (the group i + 1 in start order; undefined: no first question) to
 * `boundS[i]`.
 */
export function againstBound(actualS: readonly (number | undefined)[], boundS: readonly number[]): BoundFigures {
  let worstRatio = 0;
  let worstGroup = 0;
  let within = 0;
  actualS.forEach((actual, i) => {
    const ratio = actual === undefined ? Infinity : actual / (boundS[i] as number);
    if (ratio <= WITHIN_FACTOR) within++;
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worstGroup = i + 1;
    }
  });
  return { worstRatio: Number.isFinite(worstRatio) ? round(worstRatio, 2) : null, worstGroup, within, groups: actualS.length };
}
