/** Copy the bot's infrastructure shows users, whatever feature was handling the update. */

/** Told to a user whose message the bot could not handle, after its retries. */
export const SOMETHING_WENT_WRONG_TEXT = 'Sorry, something went wrong on my side. Please try again in a moment.';
