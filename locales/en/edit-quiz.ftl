# Editing a quiz in private: /edit <id> and its actions (src/bot/texts/edit-quiz.ts). Commands and
# the action words (title, time, replace, insert, add, delete, move) are what the user types:
# literal. $id is the quiz's id; question numbers ($number, $from, $to, $first, $last) arrive as text.

# Notes on a question in a list, joined by ", ": its options, how many are correct, its own time, its media.
edit-quiz-note-options =
    { $count ->
        [one] { $count } option
       *[other] { $count } options
    }
edit-quiz-note-correct = { $count } correct
edit-quiz-note-seconds = { $seconds } s
# $type: photo, video or animation.
edit-quiz-note-media =
    { $type ->
        [photo] photo
        [video] video
       *[animation] animation
    }
# One question in a list: its $number, the start of its text ($question) and its $notes.
edit-quiz-question-line = { $number }. { $question } ({ $notes })
# The first line of /edit <id>: the quiz's $title, its $questions and its $seconds per question.
edit-quiz-overview-head =
    ✏️ Quiz { $id } "{ $title }": { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }, { $seconds } s per question.
# The edit commands, after the list of questions.
edit-quiz-help =
    Change it:
    /edit { $id } title <new title>
    /edit { $id } time <seconds per question>
    /edit { $id } replace <n>, then the new question on the next lines
    /edit { $id } insert <n>, then questions on the next lines (they go before question n)
    /edit { $id } add, then questions on the next lines (they go at the end)
    /edit { $id } delete <n>
    /edit { $id } move <n> <m>
    Questions are written as for /newquiz (/help shows the format). A quiz already running keeps the questions it started with.
edit-quiz-usage = Which quiz? E.g. /edit 12 shows quiz 12 and how to change it (your quizzes: /myquizzes).
edit-quiz-in-private = Quizzes are edited in a private chat with me (the questions show their answers): send /edit there.
# $word is the start of what was written instead of a quiz id.
edit-quiz-not-an-id = '{ $word }' is not a quiz id. { edit-quiz-usage }
# $word is the start of what was written instead of an action; the edit commands follow.
edit-quiz-unknown-action = I don't know how to '{ $word }' a quiz.
# An example of an action, for the refusals below. $action: show, title, time, replace, insert,
# add, delete or move.
edit-quiz-example =
    { $action ->
        [title] /edit { $id } title World capitals
        [time] /edit { $id } time 20
        [replace] /edit { $id } replace 3, then on the next line the question, its options ("- " each, " *" after the correct one)
        [insert] /edit { $id } insert 3, then on the next lines the questions to put before question 3
        [add] /edit { $id } add, then on the next lines the questions to add at the end
        [delete] /edit { $id } delete 3
        [move] /edit { $id } move 3 1 (question 3 becomes question 1)
       *[show] /edit { $id }
    }
# $action (delete, move, replace or insert) lacks a question number; $example is edit-quiz-example.
edit-quiz-needs-number = { $action } needs a question number: { $example }. /edit { $id } shows the numbers.
# The same, where $word was written instead of the number.
edit-quiz-needs-number-not = { $action } needs a question number, not '{ $word }': { $example }. /edit { $id } shows the numbers.
edit-quiz-needs-title = Write the new title after the command: { $example }
edit-quiz-needs-time = Write the seconds per question after the command: { $example } (or 1m30s)
# $action: replace (one question), insert or add.
edit-quiz-needs-question =
    { $action ->
        [replace] Write the question on the lines after the command, as for /newquiz: { $example }
       *[other] Write the questions on the lines after the command, as for /newquiz: { $example }
    }
# $text (the start of what was written) is more than $action takes; show is /edit <id> alone.
edit-quiz-extra =
    '{ $text }' is more than { $action ->
        [show] /edit { $id }
       *[other] { $action }
    } takes: { $example }
# Refusals: nothing was changed. $count is how many questions the quiz has.
edit-quiz-no-such-question = Quiz { $id } has no question { $number }: its questions are 1 to { $count }. /edit { $id } shows them. Nothing was changed.
# Questions can be inserted before question 1 to $end, the quiz's count + 1 (the end).
edit-quiz-no-such-place = Questions can go before question 1 to { $end } ({ $end }: at the end), not { $number }. Nothing was changed.
edit-quiz-last-question = Question 1 is the only question of quiz { $id }, and a quiz needs at least one. Replace it (/edit { $id } replace 1) or delete the whole quiz in /myquizzes. Nothing was changed.
# The quiz has $count questions, the message brought $adding, a quiz holds $max; $room is what still fits.
edit-quiz-too-many =
    A quiz holds at most { $max } questions. Quiz { $id } has { $count } and your message has { $adding }, but { $room ->
        [0] it is full
       *[other] there is room for { $room } more
    }. Nothing was changed.
edit-quiz-same-place = Question { $number } is already there. Nothing was changed.
# After the problems of the questions in an edit.
edit-quiz-nothing-changed = Nothing was changed; fix it and send the command again.
# $count is how many questions the message has.
edit-quiz-replace-takes-one = replace takes one question, and your message has { $count }. To add questions, use insert or add.
# The last line of each change: the quiz now has $count questions.
edit-quiz-now =
    Quiz { $id } now has { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }. /edit { $id } shows them.
edit-quiz-title-changed = ✅ Quiz { $id } is now called "{ $title }".
edit-quiz-time-changed = ✅ Questions of quiz { $id } now stay open { $seconds } s (unless a question has its own time).
# $question is the start of the deleted question's text.
edit-quiz-deleted = ✅ Deleted question { $number }: { $question }
# The moved question's line follows.
edit-quiz-moved = ✅ Question { $from } is now question { $to }:
edit-quiz-replaced = ✅ Replaced question { $number }:
edit-quiz-added-one = ✅ Added question { $number }:
edit-quiz-added-many = ✅ Added questions { $first }-{ $last }:
# Under the added questions shown, how many more were added.
edit-quiz-added-more = …and { $count } more
# $problem says what is wrong with the time (quiz-problems.ftl).
edit-quiz-time-refused = Cannot use that time: { $problem }. Nothing was changed.
edit-quiz-photo-without-question = A photo goes with a question: caption it /edit 12 replace 3 (or insert 3, or add) and the question on the next lines. Nothing was changed.
