# Quiz creation: the one-message /newquiz, the guided flow's prompts and confirmations
# (src/bot/texts/create-quiz.ts). Links and ids arrive ready-made.

# The reply to /done. $id is the quiz's id; $privateLink and $groupLink are t.me links.
create-quiz-created =
    ✅ Quiz "{ $title }" saved with { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    } (id { $id }).

    Play it privately: { $privateLink }
    Play it in a group: { $groupLink }
    In a group where I already am, an admin sends /startquiz { $id }
# The first line of a list of problems; $count is how many there are.
create-quiz-problems-head =
    { $count ->
        [one] ⚠️ Your quiz has a problem:
       *[other] ⚠️ Your quiz has { $count } problems:
    }
# Under the problems shown, how many more there are.
create-quiz-problems-more = …and { $count } more
create-quiz-nothing-saved = Nothing was saved; fix and send again.
# A problem of the title, in a list of problems.
create-quiz-problem-title = Title: { $problem }
# A one-message /newquiz with more question blocks ($count) than a quiz holds ($max).
create-quiz-problem-too-many-blocks = Questions: the quiz has { $count }; a quiz holds at most { $max } (split it into several quizzes)
# Why a text cannot be a title, as a clause inside a sentence.
create-quiz-title-empty = the quiz has no title; write it right after /newquiz on the same line, e.g. /newquiz World capitals
create-quiz-title-multiline = the title must fit on one line
create-quiz-title-too-long = the title is longer than { $max } characters ({ $length })
# $problem is one of the create-quiz-title-* clauses.
create-quiz-title-refused = Cannot use that title: { $problem }.
create-quiz-title-answer-refused = That cannot be the title: { $problem }. Send the quiz's title as one line, or /cancel.
create-quiz-draft-gone = Please send /newquiz again.
create-quiz-ask-title = Let's create a quiz. What is its title? Send it as one line (up to { $max } characters), or /cancel.
create-quiz-ask-questions =
    Creating "{ $title }". Now send the questions, one or several per message:

    • a quiz poll: attach ➝ Poll, turn on "Quiz" mode and pick the correct answer(s);
    • or text: the question on the first line, each option on its own line starting with "- ", the correct one ending with " *", an optional "> " line to explain; a blank line between questions:

    Capital of France?
    - Berlin
    - Paris *
    > Paris has been the capital since 508.

    • or a photo with one such question as its caption: the picture is shown with the question.

    /done saves the quiz, /cancel drops it.
create-quiz-next-step = Send the next one, /done to save or /cancel.
# One question added: $number is its number in the quiz, $question the start of its text
# (with a full stop added when it ends without one).
create-quiz-question-added = Question { $number } added: { $question } { create-quiz-next-step }
# Several questions added, numbered $first to $last; the list follows.
create-quiz-questions-added = Questions { $first }-{ $last } added:
# The draft has $has questions, the message brought $adding, and a quiz holds $max; $room is what still fits.
create-quiz-too-many-questions =
    A quiz holds at most { $max } questions. Yours has { $has } and your message has { $adding }, but { $room ->
        [0] it is full
       *[other] there is room for { $room } more
    }. Nothing from that message was added. Send /done to save the quiz.
# A guided-flow message had a problem; the draft "$title" keeps its $questions questions.
create-quiz-draft-kept =
    { $questions ->
        [0] Nothing from that message was added; "{ $title }" has no questions yet. Fix it and send it again.
       *[other] Nothing from that message was added; "{ $title }" still has { $questions ->
            [one] { $questions } question
           *[other] { $questions } questions
        }. Fix it and send it again, or /done to save what you have.
    }
create-quiz-draft-exists-untitled = You are already creating a quiz: send its title, or /cancel to drop it.
create-quiz-draft-exists =
    You are already creating "{ $title }" ({ $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }). Send more questions, /done to save it, or /cancel to drop it and start over.
# /newquiz in a group without questions; $link opens the private chat.
create-quiz-in-private =
    Let's create your quiz in our private chat, where you can send the questions one by one: { $link }

    Or send it all here in one message: /newquiz <title>, then the questions from the next line (/help shows the format).
create-quiz-title-first = First send the quiz's title as a text message (one line), then the questions.
create-quiz-no-questions = Your quiz has no questions yet. Send at least one (a quiz poll or a question in the text format), then /done.
create-quiz-no-draft = You are not creating a quiz right now. Start one with /newquiz <title>.
create-quiz-discarded = Discarded. Nothing was saved.
create-quiz-nothing-to-cancel = You are not creating a quiz, so there is nothing to cancel.
create-quiz-poll-without-draft = To build a quiz from quiz polls, send /newquiz first, then send me the polls.
create-quiz-photo-without-draft = To add a picture question, send /newquiz first, then the photo with the question as its caption.
create-quiz-one-question-per-photo = A photo takes one question: its caption is the question on the first line and its options below. Send the others as text or as more photos.
create-quiz-poll-media-dropped = The poll's attachment was left out: a question can show a photo, a video or an animation, not other files or places.
