# /leaderboard, /myscore and the "My rank" button under a group run's results
# (src/bot/texts/leaderboard.ts). Scores such as 40/50 are digits in every language.

leaderboard-my-rank-button = My rank

## /leaderboard; $chat is the group's title.
leaderboard-empty = No scores yet. Play a quiz (/play <id> privately, or /startquiz <id> in a group) and the best players show up here.
leaderboard-empty-in-chat = No scores yet in { $chat }. Play a quiz (/play <id> privately, or /startquiz <id> in a group) and the best players show up here.
leaderboard-head = 🏆 Best players
leaderboard-head-in-chat = 🏆 Best players in { $chat }
# $place is a medal or "4."; $correct/$answered the player's answers over all their quizzes.
leaderboard-line =
    { $place } { $name } – { $points ->
        [one] { $points } point
       *[other] { $points } points
    } ({ $quizzes ->
        [one] { $quizzes } quiz
       *[other] { $quizzes } quizzes
    }, { $correct }/{ $answered } correct)
# Players left out of the list.
leaderboard-more-players =
    …and { $n ->
        [one] { $n } more player
       *[other] { $n } more players
    }

## /myscore: a user's totals over every chat.
# $answers is leaderboard-my-answers or leaderboard-my-no-answers.
leaderboard-my-score =
    📊 { $name }

    ⭐ { $points ->
        [one] { $points } point
       *[other] { $points } points
    }
    🎲 { $quizzes ->
        [one] { $quizzes } quiz
       *[other] { $quizzes } quizzes
    } played
    { $answers }

    Only your first play of each quiz counts (never your own quizzes).
# $accuracy is a percentage, e.g. 80%.
leaderboard-my-answers =
    ✅ { $correct } of { $answered ->
        [one] { $answered } answer
       *[other] { $answered } answers
    } correct ({ $accuracy })
leaderboard-my-no-answers = ✅ No answers yet: play a quiz with /play <id>, or join one in a group.

## The "My rank" button's alert: a player's place in one run ($rank 1, 2, ...).
leaderboard-rank-placed =
    You placed { NUMBER($rank, type: "ordinal") ->
        [one] { $rank }st
        [two] { $rank }nd
        [few] { $rank }rd
       *[other] { $rank }th
    } of { $players ->
        [one] { $players } player
       *[other] { $players } players
    } with { $correct }/{ $questions } correct.
# Another player had the same result, and the same place.
leaderboard-rank-shared =
    You share { NUMBER($rank, type: "ordinal") ->
        [one] { $rank }st
        [two] { $rank }nd
        [few] { $rank }rd
       *[other] { $rank }th
    } place of { $players ->
        [one] { $players } player
       *[other] { $players } players
    } with { $correct }/{ $questions } correct.
# No correct answer: no place.
leaderboard-rank-unplaced =
    No correct answer this time (0/{ $questions }), so no place among the { $players ->
        [one] { $players } player
       *[other] { $players } players
    }.
leaderboard-rank-not-played = You did not answer any question of this quiz.
