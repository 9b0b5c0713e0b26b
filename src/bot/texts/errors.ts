/** Copy the bot's infrastructure shows users, whatever feature was handling the update. */

/** Told to a user whose message the bot could not handle, after its retries. */
export const SOMETHING_WENT_WRONG_TEXT = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** The reply to a private message the bot has no use for. */
export const UNKNOWN_MESSAGE_TEXT = "I don't know what to do with that. /help shows what I can do.";
