# /myquizzes: the list, its delete buttons and the answers to them (src/bot/texts/my-quizzes.ts).

my-quizzes-empty = You have no quizzes yet. Send /newquiz <title> to create one; /help shows the format.
# $count is how many quizzes the user has.
my-quizzes-head = 📚 Your quizzes ({ $count }):
# One quiz: $title, $id, its $questions and $date, the day it was created (YYYY-MM-DD).
my-quizzes-line =
    🔹 { $title } (id { $id }) – { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }, { $date }
# Quizzes left out of the list.
my-quizzes-more =
    …and { $count ->
        [one] { $count } more quiz
       *[other] { $count } more quizzes
    }
my-quizzes-tail = Play one here with /play <id>, or run it in a group with /startquiz <id>.
# Shown in place of the list when the owner presses a delete button.
my-quizzes-confirm-delete = Delete quiz #{ $id } '{ $title }'? Runs already played keep their results.
my-quizzes-deleted = Quiz #{ $id } deleted.
my-quizzes-already-deleted = This quiz was already deleted.
my-quizzes-no-such-quiz = There is no such quiz.
my-quizzes-owner-only-delete = Only the quiz's owner can delete it.
my-quizzes-owner-only-answer = Only the quiz's owner can answer this.
# Buttons.
my-quizzes-button-delete = 🗑 Delete #{ $id }
my-quizzes-button-confirm-delete = Yes, delete
my-quizzes-button-keep = Keep it
