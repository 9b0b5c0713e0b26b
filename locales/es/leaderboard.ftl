# /leaderboard, /myscore y el botón «Mi posición» bajo los resultados de un quiz en grupo
# (src/bot/texts/leaderboard.ts). Puntuaciones como 40/50 van en cifras.

leaderboard-my-rank-button = Mi posición

## /leaderboard; $chat es el nombre del grupo.
leaderboard-empty = Aún no hay puntuaciones. Juega un cuestionario (/play <id> en privado o /startquiz <id> en un grupo) y aquí aparecerán los mejores jugadores.
leaderboard-empty-in-chat = Aún no hay puntuaciones en { $chat }. Juega un cuestionario (/play <id> en privado o /startquiz <id> en un grupo) y aquí aparecerán los mejores jugadores.
leaderboard-head = 🏆 Mejores jugadores
leaderboard-head-in-chat = 🏆 Mejores jugadores de { $chat }
# $place es una medalla o «4.»; $correct/$answered, las respuestas del jugador en todos sus quizzes.
leaderboard-line =
    { $place } { $name } – { $points ->
        [one] { $points } punto
       *[other] { $points } puntos
    } ({ $quizzes ->
        [one] { $quizzes } cuestionario
       *[other] { $quizzes } cuestionarios
    }, { $correct }/{ $answered } correctas)
# Jugadores que no caben en la lista.
leaderboard-more-players =
    …y { $n ->
        [one] { $n } jugador más
       *[other] { $n } jugadores más
    }

## /myscore: los totales de un jugador en todos los chats.
# $answers es leaderboard-my-answers o leaderboard-my-no-answers.
leaderboard-my-score =
    📊 { $name }

    ⭐ { $points ->
        [one] { $points } punto
       *[other] { $points } puntos
    }
    🎲 { $quizzes ->
        [one] { $quizzes } cuestionario jugado
       *[other] { $quizzes } cuestionarios jugados
    }
    { $answers }

    Solo cuenta tu primera partida de cada cuestionario (nunca las de tus propios cuestionarios).
# $accuracy es un porcentaje, p. ej. 80%.
leaderboard-my-answers =
    ✅ { $correct } de { $answered ->
        [one] { $answered } respuesta correcta
       *[other] { $answered } respuestas correctas
    } ({ $accuracy })
leaderboard-my-no-answers = ✅ Aún no tienes respuestas: juega un cuestionario con /play <id> o únete a uno en un grupo.

## El aviso del botón «Mi posición»: la posición de un jugador en una partida ($rank 1, 2, ...).
leaderboard-rank-placed =
    Quedaste en { $rank }.ª posición { $players ->
        [one] de { $players } jugador
       *[other] entre { $players } jugadores
    }, con { $correct }/{ $questions } correctas.
# Otro jugador tuvo el mismo resultado y la misma posición.
leaderboard-rank-shared =
    Compartes la { $rank }.ª posición { $players ->
        [one] de { $players } jugador
       *[other] entre { $players } jugadores
    }, con { $correct }/{ $questions } correctas.
# Sin respuestas correctas no hay posición.
leaderboard-rank-unplaced =
    Esta vez no acertaste ninguna (0/{ $questions }), así que { $players ->
        [one] te quedas sin posición.
       *[other] te quedas sin posición entre los { $players } jugadores.
    }
leaderboard-rank-not-played = No respondiste ninguna pregunta de este cuestionario.
