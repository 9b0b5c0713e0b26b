# What a run says in its chat (src/bot/texts/run.ts): the announcement, each poll's question
# and the results. Scores such as 9/10 and question positions are digits in every language.

## The announcement, before the first question.
run-announce-title = 🎲 Get ready for the quiz "{ $title }"
# $duration is the time per question in words ("15 seconds", "1 min 30 s": common.ftl).
run-announce-facts =
    🖊 { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }
    ⏱ { $duration } per question
# Group runs only.
run-announce-answers-visible = 📰 Answers are visible to the group
run-announce-first-question = The first question comes in a moment.
# Group runs only.
run-announce-admins-stop = Admins can stop the quiz with /stopquiz.

# A poll's question with its place in the quiz: [2/10] Capital of France?
run-poll-question = [{ $position }/{ $count }] { $text }

## The results.
run-end-stopped = 🛑 The quiz "{ $title }" was stopped early.
run-end-finished = 🏁 The quiz "{ $title }" has finished!
run-end-no-one-answered = No one answered.
run-end-counts =
    { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    } · { $players ->
        [one] { $players } player
       *[other] { $players } players
    }
# $place is a medal or "4."; $time the time taken by the correct answers; $points one of the
# run-credit-* texts.
run-end-placed-line = { $place } { $name } – { $correct }/{ $questions } correct · { $time } · { $points }
# A player with no correct answer: no place, no points.
run-end-unplaced-line = • { $name } – { $correct }/{ $questions } correct · no points
# Players left out of the list.
run-end-more-players =
    …and { $n ->
        [one] { $n } more player
       *[other] { $n } more players
    }
run-end-congratulations = 🏆 Congratulations to the winners!
run-end-nobody-correct = Nobody answered correctly.

## What a placed player earned toward their all-time points.
run-credit-points =
    { $points ->
        [one] { $points } point
       *[other] { $points } points
    }
run-credit-replay = no points: played before
run-credit-own-quiz = no points: your own quiz
