# /leaderboard, /myscore и кнопка «Моё место» под итогами викторины в группе
# (src/bot/texts/leaderboard.ts). Счёт вида 40/50 пишется цифрами.

leaderboard-my-rank-button = Моё место

## /leaderboard; $chat — название группы.
leaderboard-empty = Очков пока нет. Сыграйте в викторину (/play <id> в личном чате или /startquiz <id> в группе), и здесь появятся лучшие игроки.
leaderboard-empty-in-chat = В чате «{ $chat }» очков пока нет. Сыграйте в викторину (/play <id> в личном чате или /startquiz <id> в группе), и здесь появятся лучшие игроки.
leaderboard-head = 🏆 Лучшие игроки
leaderboard-head-in-chat = 🏆 Лучшие игроки чата «{ $chat }»
# $place — медаль или «4.»; $correct/$answered — ответы игрока во всех его викторинах.
leaderboard-line =
    { $place } { $name } – { $points ->
        [one] { $points } очко
        [few] { $points } очка
       *[many] { $points } очков
    } ({ $quizzes ->
        [one] { $quizzes } викторина
        [few] { $quizzes } викторины
       *[many] { $quizzes } викторин
    }, { $correct }/{ $answered } верно)
# Игроки, не попавшие в список.
leaderboard-more-players =
    …и ещё { $n ->
        [one] { $n } игрок
        [few] { $n } игрока
       *[many] { $n } игроков
    }

## /myscore: итоги игрока во всех чатах.
# $answers — leaderboard-my-answers или leaderboard-my-no-answers.
leaderboard-my-score =
    📊 { $name }

    ⭐ { $points ->
        [one] { $points } очко
        [few] { $points } очка
       *[many] { $points } очков
    }
    🎲 Сыграно викторин: { $quizzes }
    { $answers }

    Засчитывается только первая игра в каждой викторине (и никогда — в ваших собственных).
# $accuracy — доля в процентах, например 80%.
leaderboard-my-answers =
    ✅ Верно { $correct } из { $answered ->
        [one] { $answered } ответа
       *[many] { $answered } ответов
    } ({ $accuracy })
leaderboard-my-no-answers = ✅ Ответов пока нет: сыграйте в викторину командой /play <id> или присоединяйтесь к игре в группе.

## Уведомление кнопки «Моё место»: место игрока в одной викторине ($rank 1, 2, ...).
leaderboard-rank-placed =
    Вы заняли { $rank }-е место из { $players ->
        [one] { $players } игрока
       *[many] { $players } игроков
    }: { $correct }/{ $questions } верно.
# У другого игрока такой же результат и то же место.
leaderboard-rank-shared =
    Вы делите { $rank }-е место из { $players ->
        [one] { $players } игрока
       *[many] { $players } игроков
    }: { $correct }/{ $questions } верно.
# Нет верных ответов — нет и места.
leaderboard-rank-unplaced =
    В этот раз ни одного верного ответа (0/{ $questions }), поэтому места среди { $players ->
        [one] { $players } игрока
       *[many] { $players } игроков
    } у вас нет.
leaderboard-rank-not-played = Вы не ответили ни на один вопрос этой викторины.
