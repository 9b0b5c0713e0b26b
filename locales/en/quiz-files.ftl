# Quiz files: /import, /template and /export (src/bot/texts/quiz-files.ts). Their problems: quiz-file-problems.ftl.
# $formats lists the file formats (".csv, .json, .txt"); sizes in KB come as plain digits.

# The reply to /import. A document sent as a reply to it is imported.
quiz-files-import-prompt = 📥 Send me the quiz file ({ $formats }, up to { $maxKb } KB) as a reply to this message, or with /import as its caption. Columns and formats: /template sends an example file.
# A document sent in private that is neither a reply to the prompt nor captioned /import.
quiz-files-import-how = To import a quiz from this file, send it again with /import as its caption (or send /import first).
quiz-files-import-in-private = Quiz files are imported in a private chat with me: send /import there.
# $kb: the file's size; $maxKb: the largest a quiz file may be.
quiz-files-import-too-big = ⚠️ The file is { $kb } KB; a quiz file may have at most { $maxKb } KB. Nothing was imported.
# $questions: the questions in the file; $max: in a quiz; $fileMax: in a file.
quiz-files-import-too-many-questions =
    ⚠️ The file holds { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }; a quiz holds at most { $max } (a file at most { $fileMax }). Split it into several files. Nothing was imported.
quiz-files-download-failed = Sorry, I could not download the file from Telegram. Please send it again.
# /template's caption: $others and $last are the commands of the other formats ("/template json", "/template txt").
quiz-files-template-caption = An example quiz file. Edit it, then send it back with /import as its caption. Other formats: { $others } or { $last }.
# $word: what the user wrote after /template; $commands: "/template csv, /template json, /template txt".
quiz-files-template-usage = There is no template "{ $word }": try { $commands }.
quiz-files-export-usage = Which quiz? E.g. /export 12 or /export 12 json ({ $formats }; your quizzes: /myquizzes).
quiz-files-export-in-private = Quizzes are exported in a private chat with me (the file shows the answers): send /export there.
quiz-files-export-not-yours = Quiz { $quizId } is not yours: only its author can export it. Your quizzes: /myquizzes
# The exported file's caption: $title is the quiz's title.
quiz-files-export-caption =
    "{ $title }": { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }. Send this file back with /import to make a copy.
# Some of the quiz would not come back exactly from a .$format file. $what: settings (the title or
# the default time), questions (the questions numbered $numbers; $count of them) or both.
quiz-files-export-misfits =
    ⚠️ In a .{ $format } file { $what ->
        [settings] the title or the time per question
        [questions]
            { $count ->
                [one] question
               *[other] questions
            } { $numbers }
       *[both]
            the title or the time per question and { $count ->
                [one] question
               *[other] questions
            } { $numbers }
    } would not come back exactly (a .txt file holds no pictures, no line breaks inside a question and no option ending in " *"). Use /export <id> csv or /export <id> json instead.
