# Редактирование викторины в личном чате: /edit <id> и его действия (src/bot/texts/edit-quiz.ts).
# Команды и слова действий (title, time, replace, insert, add, delete, move) пользователь вводит как есть.

edit-quiz-note-options =
    { $count ->
        [one] { $count } вариант
        [few] { $count } варианта
       *[many] { $count } вариантов
    }
edit-quiz-note-correct =
    { $count ->
        [one] { $count } правильный
       *[other] { $count } правильных
    }
edit-quiz-note-seconds = { $seconds } с
edit-quiz-note-media =
    { $type ->
        [photo] фото
        [video] видео
       *[animation] анимация
    }
edit-quiz-question-line = { $number }. { $question } ({ $notes })
edit-quiz-overview-head =
    ✏️ Викторина { $id } «{ $title }»: { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    }, { $seconds } с на вопрос.
edit-quiz-help =
    Как изменить:
    /edit { $id } title <новое название>
    /edit { $id } time <секунд на вопрос>
    /edit { $id } replace <n>, а со следующей строки новый вопрос
    /edit { $id } insert <n>, а со следующей строки вопросы (они встанут перед вопросом n)
    /edit { $id } add, а со следующей строки вопросы (они добавятся в конец)
    /edit { $id } delete <n>
    /edit { $id } move <n> <m>
    Вопросы пишутся так же, как для /newquiz (формат покажет /help). Викторина, которая уже идёт, доиграет с прежними вопросами.
edit-quiz-usage = Какую викторину? Например, /edit 12 покажет викторину 12 и как её изменить (ваши викторины: /myquizzes).
edit-quiz-in-private = Викторины редактируются в личном чате со мной (в вопросах видны ответы): отправьте /edit туда.
edit-quiz-not-an-id = «{ $word }» — не номер викторины. { edit-quiz-usage }
edit-quiz-unknown-action = Такого действия с викториной я не знаю: «{ $word }».
edit-quiz-example =
    { $action ->
        [title] /edit { $id } title Столицы мира
        [time] /edit { $id } time 20
        [replace] /edit { $id } replace 3, а со следующей строки вопрос и варианты ответа (каждый начинается с «- », у правильного в конце « *»)
        [insert] /edit { $id } insert 3, а со следующей строки вопросы, которые встанут перед вопросом 3
        [add] /edit { $id } add, а со следующей строки вопросы, которые добавятся в конец
        [delete] /edit { $id } delete 3
        [move] /edit { $id } move 3 1 (вопрос 3 станет вопросом 1)
       *[show] /edit { $id }
    }
edit-quiz-needs-number = После { $action } нужен номер вопроса: { $example }. Номера покажет /edit { $id }.
edit-quiz-needs-number-not = После { $action } нужен номер вопроса, а не «{ $word }»: { $example }. Номера покажет /edit { $id }.
edit-quiz-needs-title = Напишите новое название после команды: { $example }
edit-quiz-needs-time = Напишите после команды, сколько секунд давать на вопрос: { $example } (или 1m30s)
edit-quiz-needs-question =
    { $action ->
        [replace] Напишите вопрос со следующей строки после команды, как для /newquiz: { $example }
       *[other] Напишите вопросы со следующей строки после команды, как для /newquiz: { $example }
    }
edit-quiz-extra =
    «{ $text }» — лишнее для { $action ->
        [show] /edit { $id }
       *[other] { $action }
    }. Пишите так: { $example }
edit-quiz-no-such-question = В викторине { $id } нет вопроса { $number }: в ней вопросы с 1 по { $count }. Их покажет /edit { $id }. Ничего не изменено.
edit-quiz-no-such-place = Вопросы можно вставить перед вопросом с 1 по { $end } ({ $end } — в конец), но не перед { $number }. Ничего не изменено.
edit-quiz-last-question = Вопрос 1 — единственный в викторине { $id }, а без вопросов викторины не бывает. Замените его (/edit { $id } replace 1) или удалите всю викторину в /myquizzes. Ничего не изменено.
edit-quiz-too-many =
    В викторине может быть не больше { $max ->
        [one] { $max } вопроса
       *[other] { $max } вопросов
    }. В викторине { $id } их { $count }, в вашем сообщении { $adding }, а { $room ->
        [0] места уже нет
       *[other] места осталось только на { $room }
    }. Ничего не изменено.
edit-quiz-same-place = Вопрос { $number } и так стоит на этом месте. Ничего не изменено.
edit-quiz-nothing-changed = Ничего не изменено: исправьте и отправьте команду ещё раз.
edit-quiz-replace-takes-one = replace заменяет один вопрос, а в вашем сообщении их { $count }. Чтобы добавить вопросы, используйте insert или add.
edit-quiz-now =
    В викторине { $id } теперь { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }. Их покажет /edit { $id }.
edit-quiz-title-changed = ✅ Викторина { $id } теперь называется «{ $title }».
edit-quiz-time-changed = ✅ Теперь вопросы викторины { $id } открыты { $seconds } с (если у вопроса нет своего времени).
edit-quiz-deleted = ✅ Вопрос { $number } удалён: { $question }
edit-quiz-moved = ✅ Вопрос { $from } стал вопросом { $to }:
edit-quiz-replaced = ✅ Вопрос { $number } заменён:
edit-quiz-added-one = ✅ Добавлен вопрос { $number }:
edit-quiz-added-many = ✅ Добавлены вопросы { $first }–{ $last }:
edit-quiz-added-more = …и ещё { $count }
edit-quiz-time-refused = Это время не подойдёт: { $problem }. Ничего не изменено.
edit-quiz-photo-without-question = Фото прикрепляется к вопросу: подпишите его /edit 12 replace 3 (или insert 3, или add), а со следующей строки напишите вопрос. Ничего не изменено.
