# Editar un cuestionario en privado: /edit <id> y sus acciones (src/bot/texts/edit-quiz.ts).
# Los comandos y las acciones (title, time, replace, insert, add, delete, move) no se traducen.

edit-quiz-note-options =
    { $count ->
        [one] { $count } opción
       *[other] { $count } opciones
    }
edit-quiz-note-correct =
    { $count ->
        [one] { $count } correcta
       *[other] { $count } correctas
    }
edit-quiz-note-seconds = { $seconds } s
edit-quiz-note-media =
    { $type ->
        [photo] foto
        [video] vídeo
       *[animation] animación
    }
edit-quiz-question-line = { $number }. { $question } ({ $notes })
edit-quiz-overview-head =
    ✏️ Cuestionario { $id } «{ $title }»: { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }, { $seconds } s por pregunta.
edit-quiz-help =
    Para cambiarlo:
    /edit { $id } title <nuevo título>
    /edit { $id } time <segundos por pregunta>
    /edit { $id } replace <n> y, en las líneas siguientes, la nueva pregunta
    /edit { $id } insert <n> y, en las líneas siguientes, las preguntas (van antes de la pregunta n)
    /edit { $id } add y, en las líneas siguientes, las preguntas (van al final)
    /edit { $id } delete <n>
    /edit { $id } move <n> <m>
    Las preguntas se escriben como en /newquiz (/help muestra el formato). Un cuestionario que ya está en curso sigue con las preguntas con las que empezó.
edit-quiz-usage = ¿Qué cuestionario? P. ej., /edit 12 muestra el cuestionario 12 y cómo cambiarlo (tus cuestionarios: /myquizzes).
edit-quiz-in-private = Los cuestionarios se editan en un chat privado conmigo (ahí se ven las respuestas): envía /edit allí.
edit-quiz-not-an-id = «{ $word }» no es un número de cuestionario. { edit-quiz-usage }
edit-quiz-unknown-action = No sé hacer «{ $word }» con un cuestionario.
edit-quiz-example =
    { $action ->
        [title] /edit { $id } title Capitales del mundo
        [time] /edit { $id } time 20
        [replace] /edit { $id } replace 3 y, en la línea siguiente, la pregunta y sus opciones ("- " delante de cada una, " *" detrás de la correcta)
        [insert] /edit { $id } insert 3 y, en las líneas siguientes, las preguntas que van antes de la pregunta 3
        [add] /edit { $id } add y, en las líneas siguientes, las preguntas que se añaden al final
        [delete] /edit { $id } delete 3
        [move] /edit { $id } move 3 1 (la pregunta 3 pasa a ser la 1)
       *[show] /edit { $id }
    }
edit-quiz-needs-number = { $action } necesita un número de pregunta: { $example }. /edit { $id } muestra los números.
edit-quiz-needs-number-not = { $action } necesita un número de pregunta, no «{ $word }»: { $example }. /edit { $id } muestra los números.
edit-quiz-needs-title = Escribe el nuevo título después del comando: { $example }
edit-quiz-needs-time = Escribe los segundos por pregunta después del comando: { $example } (o 1m30s)
edit-quiz-needs-question =
    { $action ->
        [replace] Escribe la pregunta en las líneas que siguen al comando, como en /newquiz: { $example }
       *[other] Escribe las preguntas en las líneas que siguen al comando, como en /newquiz: { $example }
    }
edit-quiz-extra =
    «{ $text }» es más de lo que admite { $action ->
        [show] /edit { $id }
       *[other] { $action }
    }: { $example }
edit-quiz-no-such-question = El cuestionario { $id } no tiene pregunta { $number }: sus preguntas van de la 1 a la { $count }. /edit { $id } las muestra. No se cambió nada.
edit-quiz-no-such-place = Las preguntas pueden ir antes de la pregunta 1 a la { $end } ({ $end }: al final), no antes de la { $number }. No se cambió nada.
edit-quiz-last-question = La pregunta 1 es la única del cuestionario { $id }, y un cuestionario necesita al menos una. Reemplázala (/edit { $id } replace 1) o borra el cuestionario entero en /myquizzes. No se cambió nada.
edit-quiz-too-many =
    Un cuestionario admite como máximo { $max } preguntas. El cuestionario { $id } tiene { $count } y tu mensaje trae { $adding }, pero { $room ->
        [0] ya está lleno
        [one] solo cabe { $room } más
       *[other] solo caben { $room } más
    }. No se cambió nada.
edit-quiz-same-place = La pregunta { $number } ya está ahí. No se cambió nada.
edit-quiz-nothing-changed = No se cambió nada; corrígelo y vuelve a enviar el comando.
edit-quiz-replace-takes-one = replace admite una sola pregunta y tu mensaje tiene { $count }. Para añadir preguntas, usa insert o add.
edit-quiz-now =
    El cuestionario { $id } tiene ahora { $count ->
        [one] { $count } pregunta
       *[other] { $count } preguntas
    }. /edit { $id } las muestra.
edit-quiz-title-changed = ✅ El cuestionario { $id } ahora se llama «{ $title }».
edit-quiz-time-changed = ✅ Las preguntas del cuestionario { $id } ahora quedan abiertas { $seconds } s (salvo las que tienen su propio tiempo).
edit-quiz-deleted = ✅ Pregunta { $number } borrada: { $question }
edit-quiz-moved = ✅ La pregunta { $from } ahora es la { $to }:
edit-quiz-replaced = ✅ Pregunta { $number } reemplazada:
edit-quiz-added-one = ✅ Pregunta { $number } añadida:
edit-quiz-added-many = ✅ Preguntas { $first }-{ $last } añadidas:
edit-quiz-added-more = …y { $count } más
edit-quiz-time-refused = No puedo usar ese tiempo: { $problem }. No se cambió nada.
edit-quiz-photo-without-question = Una foto va con una pregunta: ponle como pie /edit 12 replace 3 (o insert 3, o add) y la pregunta en las líneas siguientes. No se cambió nada.
