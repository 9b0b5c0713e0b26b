# Starting and stopping a run: /startquiz, /play, the quiz deep links and /stopquiz
# (src/bot/texts/play.ts). Commands, "15s", "shuffle" and "10q" are what the user types: literal.

# How to name a quiz; $command is /startquiz in a group, /play in private.
play-usage = e.g. { $command } 12 or { $command } 12 15s shuffle (your quizzes: /myquizzes)
# A quiz deep link whose payload names no quiz; $usage is play-usage.
play-usage-broken-link = That link leads to no quiz. Ask for a new link, or give the quiz's number, { $usage }.
play-usage-no-quiz = Which quiz? Give its number, { $usage }.
# $word is the start of what was given instead of a number.
play-usage-not-an-id = '{ $word }' is not a quiz id: give the quiz's number, { $usage }.
# $problem says what is wrong with the time per question (quiz-problems.ftl).
play-period-problem = Cannot start quiz { $quizId }: { $problem }.
play-draw-problem = Cannot start quiz { $quizId }: a draw needs at least one question (e.g. 10q plays 10 questions drawn at random).
play-no-such-quiz = There is no quiz { $quizId }. Your quizzes: /myquizzes
# $mode: group or private.
play-already-running =
    A quiz is already running here (question { $position } of { $count }). { $mode ->
        [group] An admin can stop it with /stopquiz.
       *[private] Stop it with /stopquiz.
    }
play-only-admins-start = Only the group's admins can start a quiz.
play-only-admins-stop = Only the group's admins can stop the quiz.
play-stopped-group = Quiz stopped. Results are coming.
play-nothing-to-stop-group = No quiz is running here.
play-stopped-private = Game stopped. Your results are coming.
play-nothing-to-stop-private = You are not playing a quiz right now. Start one with /play <id>.
