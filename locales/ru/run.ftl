# Что викторина пишет в чат (src/bot/texts/run.ts): объявление, вопрос каждого опроса и итоги.
# Счёт вида 9/10 и номера вопросов пишутся цифрами.

## Объявление перед первым вопросом.
run-announce-title = 🎲 Приготовьтесь: викторина «{ $title }»
# $duration — время на вопрос словами («15 секунд», «1 мин 30 с»: common.ftl).
run-announce-facts =
    🖊 { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    }
    ⏱ { $duration } на каждый вопрос
# Только в группах.
run-announce-answers-visible = 📰 Ответы видны всей группе
run-announce-first-question = Первый вопрос появится через мгновение.
# Только в группах.
run-announce-admins-stop = Администраторы могут остановить викторину командой /stopquiz.

# Вопрос опроса с его номером: [2/10] Столица Франции?
run-poll-question = [{ $position }/{ $count }] { $text }

## Итоги.
run-end-stopped = 🛑 Викторина «{ $title }» остановлена досрочно.
run-end-finished = 🏁 Викторина «{ $title }» завершена!
run-end-no-one-answered = Никто не ответил.
run-end-counts =
    { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    } · { $players ->
        [one] { $players } игрок
        [few] { $players } игрока
       *[many] { $players } игроков
    }
# $place — медаль или «4.»; $time — время верных ответов; $points — один из текстов run-credit-*.
run-end-placed-line = { $place } { $name } – { $correct }/{ $questions } верно · { $time } · { $points }
# Игрок без верных ответов: без места и без очков.
run-end-unplaced-line = • { $name } – { $correct }/{ $questions } верно · без очков
# Игроки, не попавшие в список.
run-end-more-players =
    …и ещё { $n ->
        [one] { $n } игрок
        [few] { $n } игрока
       *[many] { $n } игроков
    }
run-end-congratulations = 🏆 Поздравляем победителей!
run-end-nobody-correct = Никто не ответил правильно.

## Сколько очков игрок получил в общий зачёт.
run-credit-points =
    { $points ->
        [one] { $points } очко
        [few] { $points } очка
       *[many] { $points } очков
    }
run-credit-replay = без очков: повторная игра
run-credit-own-quiz = без очков: своя викторина
