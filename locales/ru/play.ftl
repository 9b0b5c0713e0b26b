# Запуск и остановка викторины: /startquiz, /play, ссылки на викторину и /stopquiz
# (src/bot/texts/play.ts). Команды, «15s», «shuffle» и «10q» пользователь вводит как есть.

# Как указать викторину; $command — /startquiz в группе, /play в личном чате.
play-usage = например, { $command } 12 или { $command } 12 15s shuffle (ваши викторины: /myquizzes)
# Ссылка на викторину, которая никуда не ведёт; $usage — play-usage.
play-usage-broken-link = Эта ссылка не ведёт ни к одной викторине. Попросите новую ссылку или укажите номер викторины, { $usage }.
play-usage-no-quiz = Какую викторину? Укажите её номер, { $usage }.
# $word — начало того, что написали вместо номера.
play-usage-not-an-id = «{ $word }» — не номер викторины. Укажите номер, { $usage }.
# $problem — что не так со временем на вопрос (quiz-problems.ftl).
play-period-problem = Не удалось запустить викторину { $quizId }: { $problem }.
play-draw-problem = Не удалось запустить викторину { $quizId }: для случайной выборки нужен хотя бы один вопрос (например, 10q — 10 случайных вопросов).
play-no-such-quiz = Викторины { $quizId } нет. Ваши викторины: /myquizzes
# $mode: group или private.
play-already-running =
    Здесь уже идёт викторина (вопрос { $position } из { $count }). { $mode ->
        [group] Администратор может остановить её командой /stopquiz.
       *[private] Остановить её можно командой /stopquiz.
    }
play-only-admins-start = Запускать викторины могут только администраторы группы.
play-only-admins-stop = Остановить викторину могут только администраторы группы.
play-stopped-group = Викторина остановлена. Сейчас будут итоги.
play-nothing-to-stop-group = Здесь сейчас не идёт викторина.
play-stopped-private = Игра остановлена. Сейчас пришлю ваши итоги.
play-nothing-to-stop-private = Сейчас вы не играете в викторину. Начните игру командой /play <id>.
