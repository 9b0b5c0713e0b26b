# Los problemas de un cuestionario, una pregunta o un tiempo por pregunta (src/bot/texts/quiz-problems.ts).
# Casi todos siguen a "Pregunta N: ", por eso empiezan en minúscula.

quiz-problems-hours =
    { $count ->
        [one] { $count } hora
       *[other] { $count } horas
    }
quiz-problems-minutes =
    { $count ->
        [one] { $count } minuto
       *[other] { $count } minutos
    }
quiz-problems-seconds =
    { $count ->
        [one] { $count } segundo
       *[other] { $count } segundos
    }
quiz-problems-question = Pregunta { $number }: { $problem }
quiz-problems-no-questions = No encontré preguntas. Escribe la pregunta en una línea, luego cada opción en su propia línea empezando por "- " y termina la correcta con " *".
quiz-problems-option-as-question = la primera línea debe ser la pregunta, no una opción
quiz-problems-stray-line = la línea «{ $line }» no es una opción (empiézala por "- ") ni una explicación (empiézala por "> "); deja una línea en blanco antes de una pregunta nueva
quiz-problems-text-empty = el texto de la pregunta está vacío
quiz-problems-text-too-long = la pregunta tiene más de { $max } caracteres ({ $length })
quiz-problems-no-options = no tiene opciones (escribe cada una en su propia línea empezando por "- ")
quiz-problems-too-many-options = tiene { $count } opciones; Telegram permite como máximo { $max }
quiz-problems-option-empty = hay una opción vacía
quiz-problems-option-too-long = la opción «{ $option }» tiene más de { $max } caracteres ({ $length })
quiz-problems-option-twice = la opción «{ $option }» aparece dos veces
quiz-problems-no-correct-option = ninguna opción está marcada como correcta (termina la correcta con " *")
quiz-problems-correct-option-missing = una respuesta correcta no corresponde a ninguna opción
quiz-problems-explanation-too-long = la explicación tiene más de { $max } caracteres ({ $length })
quiz-problems-explanation-too-many-lines = la explicación tiene { $lines } líneas; Telegram permite como máximo { $max }
quiz-problems-open-period-out-of-range = su tiempo límite es de { $time }; una pregunta puede estar abierta entre { $min } y { $max }
quiz-problems-regular-poll = es una encuesta normal, no un cuestionario; créala de nuevo con el "Modo cuestionario" activado en el editor de encuestas y marca la respuesta correcta
quiz-problems-correct-answer-hidden = Telegram no me dio la respuesta correcta de este cuestionario (la oculta en los cuestionarios reenviados); créalo aquí con el editor de encuestas en lugar de reenviarlo
quiz-problems-not-a-period = «{ $text }» no es un tiempo por pregunta; escribe segundos (15 o 15s), minutos (2m) o ambos (1m30s)
quiz-problems-period-out-of-range = el tiempo por pregunta debe estar entre { $min } y { $max }, y pusiste «{ $text }»
