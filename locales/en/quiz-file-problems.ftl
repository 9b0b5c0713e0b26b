# The problems of a quiz file (src/bot/texts/quiz-file-problems.ts), each placed on its line.
# Column names, JSON field names and file extensions come in variables ($column, $field,
# $formats...): they are the file's own words and stay as they are in every language.
# $preview is the start of what the user wrote.

# What became of a file with problems.
quiz-file-problems-refused-outcome = Nothing was imported; fix the file and send it again. /template sends an example file.

# Where a problem is: $line is the file's line, $question the question's number; $problem is one of the clauses below.
quiz-file-problems-at-line = line { $line }: { $problem }
quiz-file-problems-at-question = question { $question }: { $problem }
quiz-file-problems-at-question-line = question { $question } (line { $line }): { $problem }

# $option is the option's number in its question.
quiz-file-problems-option-empty = option { $option } is empty
quiz-file-problems-option-too-long = option { $option } ('{ $preview }') is longer than { $max } characters ({ $length })
quiz-file-problems-option-twice = option { $option } ('{ $preview }') repeats an earlier option

# CSV: $first and $second are the first two option columns; $column is the correct column.
quiz-file-problems-csv-no-options = it has no options (fill { $first }, { $second }, …)
quiz-file-problems-csv-no-correct-option = no option is marked correct (put its number in the { $column } column, e.g. 2)
quiz-file-problems-csv-correct-option-missing = a number in the { $column } column points to no option

# JSON: $field is the question's options or correct field.
quiz-file-problems-json-no-options = "{ $field }" is empty
quiz-file-problems-json-no-correct-option = no option is marked correct (list its number in "{ $field }", e.g. [2])
quiz-file-problems-json-correct-option-missing = a number in "{ $field }" points to no option

# Sizes in megabytes, rounded to a tenth.
quiz-file-problems-too-big = the file is { $size } MB; I read files up to { $max } MB. Split the quiz into several files.
quiz-file-problems-empty = the file is empty
# $formats is ".csv, .json" and $last ".txt": the formats a quiz file may have.
quiz-file-problems-binary = this is not a text file (an image, a workbook or an archive?); send the quiz as a { $formats } or { $last } file
quiz-file-problems-not-utf8 = the file is not in UTF-8; save it again with UTF-8 encoding (in Excel: "CSV UTF-8")
quiz-file-problems-no-extension = the file name has no extension; send a { $formats } or { $last } file
# $extension: the file's extension, such as xlsx.
quiz-file-problems-workbook = I cannot read .{ $extension } workbooks yet; save the sheet as "CSV UTF-8" and send that file
quiz-file-problems-unknown-format = I cannot read .{ $extension } files; send a { $formats } or { $last } file
quiz-file-problems-too-many-questions = the file has { $count } questions; a file holds at most { $max }
quiz-file-problems-csv-no-questions = there are no question rows under the header
# $field: the quiz's questions field.
quiz-file-problems-json-no-questions = "{ $field }" is empty
# $name: a setting's name (title, open_period_s).
quiz-file-problems-setting-twice = "{ $name }" is given twice
quiz-file-problems-title-empty = the title is empty
# $problem: what is wrong with the time, as the quiz text's problems say it.
quiz-file-problems-default-open-period = the default time per question: { $problem }
quiz-file-problems-block-too-long = this question runs on for { $lines } lines (at most { $max }); put a blank line between questions
# $column: the correct column.
quiz-file-problems-correct-not-a-number = the { $column } cell '{ $preview }' must hold option numbers, such as 2 or 1 3
# $column: the column of a time in seconds (open_period_s).
quiz-file-problems-seconds-not-a-number = the { $column } cell '{ $preview }' is not a whole number of seconds
# $column: media or explanation_media; video: and animation: are written as they are.
quiz-file-problems-bad-media = the { $column } '{ $preview }' is neither an https URL nor a Telegram file id (a photo: the URL or id; a video or animation: video:<source>, animation:<source>)
# $required: the required columns, comma separated; $optional and $last the optional ones.
quiz-file-problems-csv-no-header = the first line must be the header: { $required } ({ $optional } and { $last } optional); /template sends an example
quiz-file-problems-csv-missing-column = the header has no "{ $column }" column
# $known: every column a header may name.
quiz-file-problems-csv-unknown-column = the header has a column "{ $preview }" I do not know (known: { $known })
quiz-file-problems-csv-duplicate-column = the header names "{ $column }" twice
# $title and $period: the names of the two setting rows.
quiz-file-problems-csv-unknown-setting = '{ $preview }' is not a setting; above the header only "{ $title }" and "{ $period }" rows may come
quiz-file-problems-csv-extra-cells =
    { $count ->
        [one] { $count } cell is
       *[other] { $count } cells are
    } outside the header's columns; put a text that holds the separator in double quotes
quiz-file-problems-csv-unclosed-quote = a double quote opened here is never closed
quiz-file-problems-csv-text-after-quote = text follows a closing double quote; inside quotes, write a double quote twice ("")
quiz-file-problems-json-ends-early = the JSON ends too early (a missing {"}"} or ]?)
# $found: the character where the JSON goes wrong.
quiz-file-problems-json-unexpected = this is not valid JSON: unexpected '{ $found }'
# $questions: the quiz's questions field.
quiz-file-problems-json-not-object = the file must hold one JSON object: {"{"} "{ $questions }": [...] {"}"}
# $question, $options, $correct: a question's fields.
quiz-file-problems-json-question-not-object = a question must be an object: {"{"} "{ $question }": ..., "{ $options }": [...], "{ $correct }": [...] {"}"}
# $expected: what the field must hold.
quiz-file-problems-json-wrong-type =
    "{ $field }" must be { $expected ->
        [object] an object
        [list] a list [...]
        [text] a text in double quotes
        [list-of-texts] a list of texts, such as ["Berlin", "Paris"]
        [list-of-numbers] a list of option numbers, such as [2] or [1, 3]
       *[whole-number] a whole number of seconds, such as 30
    }
quiz-file-problems-json-missing-field = "{ $field }" is missing
# $known: every field the object may have.
quiz-file-problems-json-unknown-field = "{ $preview }" is not a field I know (known: { $known })
