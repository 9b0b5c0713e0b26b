# The problems of a quiz text, a question or a time per question (src/bot/texts/quiz-problems.ts),
# each saying how to fix it. Most are clauses that follow "Question N: ".

# Parts of a time in whole units, joined by spaces: "1 hour 1 minute".
quiz-problems-hours =
    { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
quiz-problems-minutes =
    { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
quiz-problems-seconds =
    { $count ->
        [one] { $count } second
       *[other] { $count } seconds
    }
# A problem of one question: $number is the question's number, $problem one of the clauses below.
quiz-problems-question = Question { $number }: { $problem }
quiz-problems-no-questions = No questions found. Write the question on one line, then each option on its own line starting with "- ", and end the correct one with " *".
quiz-problems-option-as-question = the first line must be the question, not an option
# $line is the line as the author wrote it.
quiz-problems-stray-line = the line '{ $line }' is neither an option (start it with "- ") nor an explanation (start it with "> "); put a blank line before a new question
quiz-problems-text-empty = the question text is empty
quiz-problems-text-too-long = the question is longer than { $max } characters ({ $length })
quiz-problems-no-options = it has no options (write each on its own line starting with "- ")
quiz-problems-too-many-options = it has { $count } options; Telegram allows at most { $max }
quiz-problems-option-empty = an option is empty
# $option is the start of the option's text.
quiz-problems-option-too-long = option '{ $option }' is longer than { $max } characters ({ $length })
quiz-problems-option-twice = option '{ $option }' appears twice
quiz-problems-no-correct-option = no option is marked correct (end the correct one with " *")
quiz-problems-correct-option-missing = a correct answer points to no option
quiz-problems-explanation-too-long = the explanation is longer than { $max } characters ({ $length })
quiz-problems-explanation-too-many-lines = the explanation has { $lines } lines; Telegram allows at most { $max }
# $time, $min and $max are times in words (quiz-problems-hours and the like).
quiz-problems-open-period-out-of-range = its time limit is { $time }; a question stays open between { $min } and { $max }
quiz-problems-regular-poll = this is a regular poll, not a quiz; create it again with "Quiz" mode turned on in the poll composer and pick the correct answer
quiz-problems-correct-answer-hidden = Telegram did not tell me this quiz's correct answer (it hides it in forwarded quizzes); create the quiz here with the poll composer instead of forwarding it
# A time per question that cannot be read; $text is the start of what was written.
quiz-problems-not-a-period = '{ $text }' is not a time per question; write seconds (15 or 15s), minutes (2m) or both (1m30s)
# A time per question out of range: $min and $max in words, $text as written.
quiz-problems-period-out-of-range = the time per question must be between { $min } and { $max }, got '{ $text }'
