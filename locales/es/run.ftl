# Lo que dice una partida en su chat (src/bot/texts/run.ts): el anuncio, la pregunta de cada
# encuesta y los resultados. Puntuaciones como 9/10 y posiciones van en cifras.

## El anuncio, antes de la primera pregunta.
run-announce-title = 🎲 Prepárate para el cuestionario «{ $title }»
# $duration es el tiempo por pregunta en palabras («15 segundos», «1 min 30 s»: common.ftl).
run-announce-facts =
    🖊 { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }
    ⏱ { $duration } por pregunta
# Solo en grupos.
run-announce-answers-visible = 📰 Las respuestas son visibles para todo el grupo
run-announce-first-question = La primera pregunta llega enseguida.
# Solo en grupos.
run-announce-admins-stop = Los administradores pueden detener el cuestionario con /stopquiz.

# La pregunta de una encuesta con su posición: [2/10] ¿Capital de Francia?
run-poll-question = [{ $position }/{ $count }] { $text }

## Los resultados.
run-end-stopped = 🛑 El cuestionario «{ $title }» se detuvo antes de tiempo.
run-end-finished = 🏁 ¡El cuestionario «{ $title }» ha terminado!
run-end-no-one-answered = Nadie respondió.
run-end-counts =
    { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    } · { $players ->
        [one] { $players } jugador
       *[other] { $players } jugadores
    }
# $place es una medalla o «4.»; $time, el tiempo de las respuestas correctas; $points, uno de
# los textos run-credit-*.
run-end-placed-line = { $place } { $name } – { $correct }/{ $questions } correctas · { $time } · { $points }
# Un jugador sin respuestas correctas: sin puesto ni puntos.
run-end-unplaced-line = • { $name } – { $correct }/{ $questions } correctas · sin puntos
# Jugadores que no caben en la lista.
run-end-more-players =
    …y { $n ->
        [one] { $n } jugador más
       *[other] { $n } jugadores más
    }
run-end-congratulations = 🏆 ¡Felicidades a los ganadores!
run-end-nobody-correct = Nadie acertó ninguna.

## Lo que un jugador con puesto suma a sus puntos totales.
run-credit-points =
    { $points ->
        [one] { $points } punto
       *[other] { $points } puntos
    }
run-credit-replay = sin puntos: partida repetida
run-credit-own-quiz = sin puntos: cuestionario propio
