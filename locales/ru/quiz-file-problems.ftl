# Проблемы файла викторины (src/bot/texts/quiz-file-problems.ts), каждая со своей строкой.
# Имена столбцов, полей JSON и расширения файлов приходят в переменных: это слова самого файла, их не переводят.

quiz-file-problems-refused-outcome = Ничего не импортировано: исправьте файл и пришлите его снова. /template пришлёт пример файла.

quiz-file-problems-at-line = строка { $line }: { $problem }
quiz-file-problems-at-question = вопрос { $question }: { $problem }
quiz-file-problems-at-question-line = вопрос { $question } (строка { $line }): { $problem }

quiz-file-problems-option-empty = вариант { $option } пустой
quiz-file-problems-option-too-long =
    вариант { $option } («{ $preview }») длиннее { $max } { $max ->
        [one] символа
       *[other] символов
    } ({ $length })
quiz-file-problems-option-twice = вариант { $option } («{ $preview }») повторяет один из предыдущих

quiz-file-problems-csv-no-options = у вопроса нет вариантов (заполните { $first }, { $second }, …)
quiz-file-problems-csv-no-correct-option = ни один вариант не отмечен как верный (впишите его номер в столбец { $column }, например 2)
quiz-file-problems-csv-correct-option-missing = номер в столбце { $column } не указывает ни на один вариант

quiz-file-problems-json-no-options = поле «{ $field }» пустое
quiz-file-problems-json-no-correct-option = ни один вариант не отмечен как верный (укажите его номер в «{ $field }», например [2])
quiz-file-problems-json-correct-option-missing = номер в «{ $field }» не указывает ни на один вариант

quiz-file-problems-too-big = файл весит { $size } МБ, а я читаю файлы до { $max } МБ. Разбейте викторину на несколько файлов.
quiz-file-problems-empty = файл пустой
quiz-file-problems-binary = это не текстовый файл (картинка, таблица или архив?); пришлите викторину файлом { $formats } или { $last }
quiz-file-problems-not-utf8 = файл не в кодировке UTF-8; сохраните его заново в UTF-8 (в Excel: «CSV UTF-8»)
quiz-file-problems-no-extension = у имени файла нет расширения; пришлите файл { $formats } или { $last }
quiz-file-problems-workbook = таблицы .{ $extension } я пока не читаю; сохраните лист как «CSV UTF-8» и пришлите этот файл
quiz-file-problems-unknown-format = файлы .{ $extension } я не читаю; пришлите файл { $formats } или { $last }
quiz-file-problems-too-many-questions =
    в файле { $count } { $count ->
        [one] вопрос
        [few] вопроса
       *[many] вопросов
    }, а в одном файле может быть не больше { $max }
quiz-file-problems-csv-no-questions = под заголовком нет ни одной строки с вопросом
quiz-file-problems-json-no-questions = поле «{ $field }» пустое
quiz-file-problems-setting-twice = «{ $name }» указано дважды
quiz-file-problems-title-empty = название пустое
quiz-file-problems-default-open-period = время на вопрос по умолчанию: { $problem }
quiz-file-problems-block-too-long =
    этот вопрос растянулся на { $lines } { $lines ->
        [one] строку
        [few] строки
       *[many] строк
    } (максимум { $max }); отделяйте вопросы друг от друга пустой строкой
quiz-file-problems-correct-not-a-number = в ячейке { $column } «{ $preview }» должны быть номера вариантов, например 2 или 1 3
quiz-file-problems-seconds-not-a-number = в ячейке { $column } «{ $preview }» должно быть целое число секунд
quiz-file-problems-bad-media = { $column } «{ $preview }» — не https-ссылка и не file id Telegram (фото: ссылка или id; видео или анимация: video:<источник>, animation:<источник>)
quiz-file-problems-csv-no-header = первой строкой должен идти заголовок: { $required } ({ $optional } и { $last } — по желанию); /template пришлёт пример
quiz-file-problems-csv-missing-column = в заголовке нет столбца «{ $column }»
quiz-file-problems-csv-unknown-column = в заголовке есть незнакомый мне столбец «{ $preview }» (известные: { $known })
quiz-file-problems-csv-duplicate-column = в заголовке дважды указан столбец «{ $column }»
quiz-file-problems-csv-unknown-setting = «{ $preview }» — не настройка; над заголовком могут быть только строки «{ $title }» и «{ $period }»
quiz-file-problems-csv-extra-cells =
    { $count } { $count ->
        [one] ячейка
        [few] ячейки
       *[many] ячеек
    } вне столбцов заголовка; текст, в котором есть разделитель, возьмите в двойные кавычки
quiz-file-problems-csv-unclosed-quote = открытая здесь двойная кавычка так и не закрыта
quiz-file-problems-csv-text-after-quote = после закрывающей двойной кавычки идёт текст; внутри кавычек пишите двойную кавычку дважды ("")
quiz-file-problems-json-ends-early = JSON обрывается раньше времени (не хватает {"}"} или ]?)
quiz-file-problems-json-unexpected = это некорректный JSON: неожиданный символ «{ $found }»
quiz-file-problems-json-not-object = в файле должен быть один объект JSON: {"{"} "{ $questions }": [...] {"}"}
quiz-file-problems-json-question-not-object = вопрос должен быть объектом: {"{"} "{ $question }": ..., "{ $options }": [...], "{ $correct }": [...] {"}"}
quiz-file-problems-json-wrong-type =
    поле «{ $field }» должно быть { $expected ->
        [object] объектом
        [list] списком [...]
        [text] текстом в двойных кавычках
        [list-of-texts] списком текстов, например ["Берлин", "Париж"]
        [list-of-numbers] списком номеров вариантов, например [2] или [1, 3]
       *[whole-number] целым числом секунд, например 30
    }
quiz-file-problems-json-missing-field = нет поля «{ $field }»
quiz-file-problems-json-unknown-field = поле «{ $preview }» мне незнакомо (известные: { $known })
