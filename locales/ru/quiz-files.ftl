# Файлы викторин: /import, /template и /export (src/bot/texts/quiz-files.ts).

quiz-files-import-prompt = 📥 Пришлите файл викторины ({ $formats }, до { $maxKb } КБ) ответом на это сообщение или с подписью /import. Столбцы и форматы: /template пришлёт пример файла.
quiz-files-import-how = Чтобы импортировать викторину из этого файла, пришлите его ещё раз с подписью /import (или сначала отправьте /import).
quiz-files-import-in-private = Файлы викторин импортируются в личном чате со мной: отправьте /import там.
quiz-files-import-too-big = ⚠️ Файл весит { $kb } КБ, а файл викторины может быть не больше { $maxKb } КБ. Ничего не импортировано.
quiz-files-import-too-many-questions =
    ⚠️ В файле { $questions } { $questions ->
        [one] вопрос
        [few] вопроса
       *[many] вопросов
    }, а в викторине может быть не больше { $max } (в файле — не больше { $fileMax }). Разбейте его на несколько файлов. Ничего не импортировано.
quiz-files-download-failed = Не получилось скачать файл из Telegram. Пожалуйста, пришлите его ещё раз.
quiz-files-template-caption = Пример файла викторины. Отредактируйте его и пришлите обратно с подписью /import. Другие форматы: { $others } или { $last }.
quiz-files-template-usage = Шаблона «{ $word }» нет: попробуйте { $commands }.
quiz-files-export-usage = Какую викторину? Например, /export 12 или /export 12 json ({ $formats }; ваши викторины: /myquizzes).
quiz-files-export-in-private = Викторины экспортируются в личном чате со мной (в файле видны ответы): отправьте /export там.
quiz-files-export-not-yours = Викторина { $quizId } не ваша: экспортировать её может только автор. Ваши викторины: /myquizzes
quiz-files-export-caption =
    «{ $title }»: { $questions } { $questions ->
        [one] вопрос
        [few] вопроса
       *[many] вопросов
    }. Пришлите этот файл обратно с /import, чтобы сделать копию.
quiz-files-export-misfits =
    ⚠️ В файле .{ $format } { $what ->
        [settings] название или время на вопрос не сохранятся
        [questions]
            { $count ->
                [one] вопрос { $numbers } не сохранится
               *[other] вопросы { $numbers } не сохранятся
            }
       *[both]
            название или время на вопрос и { $count ->
                [one] вопрос
               *[other] вопросы
            } { $numbers } не сохранятся
    } в точности (в файле .txt не бывает картинок, переносов строк внутри вопроса и вариантов, оканчивающихся на " *"). Используйте вместо этого /export <id> csv или /export <id> json.
