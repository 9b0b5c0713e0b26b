# Copy the bot's infrastructure shows users, whatever feature was handling the update
# (src/bot/texts/errors.ts).

# Told to a user whose message the bot could not handle, after its retries.
errors-something-went-wrong = Sorry, something went wrong on my side. Please try again in a moment.
# The reply to a private message the bot has no use for.
errors-unknown-message = I don't know what to do with that. /help shows what I can do.
