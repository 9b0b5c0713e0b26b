import { BotApiError } from '../../src/errors.js';

/** The description of the 400 Bad Request `fn` throws (fails the test when it throws anything else or nothing). */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof BotApiError && error.errorCode === 400) return error.description;
    throw error;
  }
  throw new Error('expected a 400 Bad Request');
}
