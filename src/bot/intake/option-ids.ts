/**
 * The one rule for a vote's `option_ids`, at intake (against Telegram's largest poll) and at
 * recording (against the poll's real option count): what Telegram sends is a set of options of
 * the poll, so anything else was forged.
 */

/**
 * Whether `optionIds` can be a vote in a poll of `optionCount` options: distinct integers from 0
 * to `optionCount - 1` (so never more than `optionCount` of them). Empty is a retracted vote.
 *
 * @example isVoteIn([0, 2], 3) // true
 * @example isVoteIn([1, 1], 3) // false: repeated
 * @example isVoteIn([3], 3) // false: the poll has options 0-2
 */
export function isVoteIn(optionIds: readonly unknown[], optionCount: number): boolean {
  if (optionIds.length > optionCount) return false;
  const seen = new Set<number>();
  for (const id of optionIds) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= optionCount || seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}
