# /results: a group's admin gets the last finished quiz as a CSV file in private (src/bot/texts/run-results.ts).
# The file itself (its columns, yes/no) stays in English: it is data that scripts read.

# A member who is not an admin sent /results (worded as the /startquiz and /stopquiz refusals).
run-results-only-admins = Only the group's admins can get the quiz results file.
# An admin posting as the group: the bot cannot know whom to send the file to.
run-results-anonymous = I send the results file in private, so I need to know who you are: send /results as yourself, not as the group.
run-results-in-private = /results works in a group: an admin sends it there and I send the group's last quiz results here, as a CSV file.
run-results-no-finished-quiz = No quiz has finished in this chat yet. An admin starts one with /startquiz <id>.
# A quiz that is gone: its number stands for its title.
run-results-untitled-quiz = Quiz { $quizId }
run-results-nobody-played = Nobody answered the last quiz here ("{ $title }"): there are no results to send.
# In the group, once the file was sent: $admin is the admin's name.
run-results-sent = { $admin }, I sent you the results in private.
# The admin never started the bot in private: $link opens it there.
run-results-start-private = I cannot write to you in private yet: start me there first ({ $link }), then send /results here again.
# The file's caption; $chat is the group's title.
run-results-caption =
    📊 Results of "{ $title }": { $players ->
        [one] { $players } player
       *[other] { $players } players
    }, { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }. The file shows each player's answers: keep it among the admins.
run-results-caption-in-chat =
    📊 Results of "{ $title }" in { $chat }: { $players ->
        [one] { $players } player
       *[other] { $players } players
    }, { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }. The file shows each player's answers: keep it among the admins.
