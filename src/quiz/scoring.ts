/**
 * Options as the quiz holds them versus options as a sent poll shows them. A run may shuffle
 * each question's options; the poll then carries the shuffled order, and every answer Telegram
 * reports (`poll_answer.option_ids`) is in that shown order. These helpers translate both ways
 * and decide whether a choice is correct, always in the quiz's own indexes.
 *
 * An order is a list where `order[i]` is the quiz index of the i-th shown option; `null` means
 * the options are shown as the quiz holds them.
 */

/**
 * Maps the option indexes a player chose in a sent poll back to the quiz's own indexes,
 * ascending and without duplicates.
 *
 * @param shownIds indexes into the poll as sent (`poll_answer.option_ids`)
 * @param shownOrder the order the poll was sent in; `null`: not shuffled
 * @throws RangeError when an index is not an option of the poll (with `shownOrder` null only
 *   negative and fractional indexes can be detected: the poll's size is not known here)
 * @example toQuizOptionIds([0, 2], [2, 0, 1]) // [1, 2]
 */
export function toQuizOptionIds(shownIds: readonly number[], shownOrder: readonly number[] | null): number[] {
  const quizIds = new Set<number>();
  for (const shownId of shownIds) {
    const quizId = shownOrder === null ? shownId : shownOrder[shownId];
    if (!Number.isInteger(shownId) || shownId < 0 || quizId === undefined) {
      const size = shownOrder === null ? '' : ` (the poll has ${shownOrder.length} options)`;
      throw new RangeError(`option index ${shownId} is not an option of the poll${size}`);
    }
    quizIds.add(quizId);
  }
  return ascending(quizIds);
}

/**
 * Whether a choice is correct: exactly the set of correct options, no more and no fewer (a
 * question with several correct options counts only when all of them, and nothing else, are
 * chosen). An empty choice (a retracted vote) is never correct.
 */
export function isCorrectChoice(chosen: readonly number[], correct: readonly number[]): boolean {
  if (chosen.length === 0) return false;
  const chosenSet = new Set(chosen);
  const correctSet = new Set(correct);
  if (chosenSet.size !== correctSet.size) return false;
  for (const id of chosenSet) if (!correctSet.has(id)) return false;
  return true;
}

/**
 * A uniformly random order of `optionCount` options (Fisher-Yates), to pass to
 * {@link showOptions}. `random` returns numbers in [0, 1) like `Math.random`, which it defaults
 * to; tests pass a seeded one.
 *
 * @throws RangeError when `optionCount` is not a non-negative integer
 * @example shuffledOrder(4) // e.g. [2, 0, 3, 1]
 */
export function shuffledOrder(optionCount: number, random: () => number = Math.random): number[] {
  if (!Number.isInteger(optionCount) || optionCount < 0) {
    throw new RangeError(`optionCount must be a non-negative integer, got ${optionCount}`);
  }
  const order = Array.from({ length: optionCount }, (_, index) => index);
  for (let i = order.length - 1; i > 0; i--) {
    // min() guards against a generator that returns exactly 1.
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/**
 * `items` (a question's options, say) in the order a poll shows them; a copy when `order` is
 * `null`.
 *
 * @throws RangeError when `order` is not an order of exactly these items
 * @example showOptions(['a', 'b', 'c'], [2, 0, 1]) // ['c', 'a', 'b']
 */
export function showOptions<T>(items: readonly T[], order: readonly number[] | null): T[] {
  if (order === null) return [...items];
  if (order.length !== items.length) {
    throw new RangeError(`the order has ${order.length} entries for ${items.length} items`);
  }
  return order.map((index) => {
    if (!Number.isInteger(index) || index < 0 || index >= items.length) {
      throw new RangeError(`the order points to item ${index}, which does not exist (there are ${items.length})`);
    }
    return items[index] as T;
  });
}

/**
 * The indexes the correct options have in the poll as shown, ascending: what `sendPoll` takes
 * as `correct_option_ids` for a shuffled question.
 *
 * @throws RangeError when a correct option is missing from `order`
 * @example shownCorrectIds([0], [2, 0, 1]) // [1]
 */
export function shownCorrectIds(correct: readonly number[], order: readonly number[] | null): number[] {
  if (order === null) return ascending(new Set(correct));
  const shown = new Set<number>();
  for (const quizId of correct) {
    const shownId = order.indexOf(quizId);
    if (shownId === -1) throw new RangeError(`correct option ${quizId} is not in the shown order`);
    shown.add(shownId);
  }
  return ascending(shown);
}

function ascending(ids: Iterable<number>): number[] {
  return [...ids].sort((a, b) => a - b);
}
