# The answer to /help and /start (src/bot/texts/help.ts). Commands, their arguments
# (<id>, [15s] [shuffle] [10q], [csv|json|txt]) and the quiz format's marks stay as they are.

# $minSeconds and $maxMinutes bound the time per question; $groupLink adds the bot to a group.
help-text =
    I run quizzes as Telegram quiz polls, in groups or right here in private.

    Create
    /newquiz <title> – create a quiz: send its questions in the same message, or one by one afterwards (as text or as quiz polls)
    /done – save the quiz you are creating
    /cancel – drop the quiz you are creating
    /myquizzes – your quizzes and their ids
    /edit <id> – change a quiz of yours: its title, time per question and questions, in private
    /import – create a quiz from a file (CSV, JSON or text; /template sends an example), in private
    /export <id> [csv|json|txt] – your quiz as a file /import reads back, in private

    Play
    /play <id> – play a quiz here, privately
    /startquiz <id> [15s] [shuffle] [10q] – run a quiz in a group (group admins); optionally the time per question, { $minSeconds }s to { $maxMinutes }m, shuffled options, and a random draw of 10 of its questions (none repeats in the chat until all were asked)
    /stopquiz – stop the quiz running in the group (group admins)
    /results – the group's last quiz as a CSV file (every player's answers), sent to you in private (group admins)
    /leaderboard – the best players of this chat
    /myscore – your points and accuracy
    /language – the language I speak in this chat (in a group, its admins choose it)
    /help – this message

    Quiz format: a blank line between questions; the first line is the question, each option starts with "- ", the correct one ends with " *" (several allowed), and an optional "> " line explains the answer:

    { help-format-example }

    To play in a group, add me there: { $groupLink }
# The format's example: a /newquiz with its title, then two questions that parse (the second
# question's first option is the correct one, the first question's second option is).
help-format-example =
    /newquiz World capitals
    Capital of France?
    - Berlin
    - Paris *
    - Rome
    > Paris has been the capital since 508.

    Capital of Japan?
    - Tokyo *
    - Kyoto
