# The command menus (setMyCommands): one description per command, at most 256 characters.
command-play = Play a quiz here: /play <id>
command-newquiz = Create a quiz
command-done = Save the quiz you are creating
command-cancel = Drop the quiz you are creating
command-myquizzes = Your quizzes and their ids
command-edit = Change a quiz: /edit <id>
command-import = Create a quiz from a file (CSV, JSON, text)
command-export = Get your quiz as a file: /export <id>
command-template = An example quiz file
command-stopquiz-private = Stop the quiz you are playing
command-stopquiz = Stop the quiz running here
command-myscore = Your points and accuracy
command-leaderboard = Best players of this chat
command-language = The language I speak here
command-help = What I do and how
command-startquiz = Run a quiz here: /startquiz <id> [15s] [shuffle] [10q]
command-results = The last quiz's answers as a CSV file, sent to you in private
