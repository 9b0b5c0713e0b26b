# Creación de cuestionarios: /newquiz en un solo mensaje y el modo guiado (src/bot/texts/create-quiz.ts).

create-quiz-created =
    ✅ Cuestionario "{ $title }" guardado con { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    } (id { $id }).

    Juégalo en privado: { $privateLink }
    Juégalo en un grupo: { $groupLink }
    En un grupo donde ya estoy, un admin envía /startquiz { $id }
create-quiz-problems-head =
    { $count ->
        [one] ⚠️ Tu cuestionario tiene un problema:
       *[other] ⚠️ Tu cuestionario tiene { $count } problemas:
    }
create-quiz-problems-more = …y { $count } más
create-quiz-nothing-saved = No se guardó nada; corrígelo y vuelve a enviarlo.
create-quiz-problem-title = Título: { $problem }
create-quiz-problem-too-many-blocks = Preguntas: el cuestionario tiene { $count }; un cuestionario admite como máximo { $max } (divídelo en varios)
create-quiz-title-empty = el cuestionario no tiene título; escríbelo justo después de /newquiz en la misma línea, p. ej. /newquiz Capitales del mundo
create-quiz-title-multiline = el título debe caber en una sola línea
create-quiz-title-too-long = el título tiene más de { $max } caracteres ({ $length })
create-quiz-title-refused = No puedo usar ese título: { $problem }.
create-quiz-title-answer-refused = Eso no puede ser el título: { $problem }. Envía el título del cuestionario en una sola línea o /cancel.
create-quiz-draft-gone = Envía /newquiz de nuevo, por favor.
create-quiz-ask-title = Vamos a crear un cuestionario. ¿Cómo se llama? Envía el título en una sola línea (hasta { $max } caracteres) o /cancel.
create-quiz-ask-questions =
    Creando "{ $title }". Ahora envía las preguntas, una o varias por mensaje:

    • una encuesta en modo cuestionario: adjuntar ➝ Encuesta, activa el "Modo cuestionario" y marca la(s) respuesta(s) correcta(s);
    • o texto: la pregunta en la primera línea, cada opción en su propia línea empezando por "- ", la correcta terminada en " *" y, si quieres, una línea con "> " que la explique; una línea en blanco entre preguntas:

    ¿Capital de Francia?
    - Berlín
    - París *
    > París es la capital desde el año 508.

    • o una foto con una de esas preguntas como pie de foto: la imagen se muestra junto a la pregunta.

    /done guarda el cuestionario, /cancel lo descarta.
create-quiz-next-step = Envía la siguiente, /done para guardar o /cancel.
create-quiz-question-added = Pregunta { $number } añadida: { $question } { create-quiz-next-step }
create-quiz-questions-added = Preguntas { $first }-{ $last } añadidas:
create-quiz-too-many-questions =
    Un cuestionario admite como máximo { $max } preguntas. El tuyo tiene { $has } y tu mensaje trae { $adding }, pero { $room ->
        [0] ya está lleno
        [one] solo cabe { $room } más
       *[other] solo caben { $room } más
    }. No se añadió nada de ese mensaje. Envía /done para guardar el cuestionario.
create-quiz-draft-kept =
    { $questions ->
        [0] No se añadió nada de ese mensaje; "{ $title }" aún no tiene preguntas. Corrígelo y vuelve a enviarlo.
       *[other] No se añadió nada de ese mensaje; "{ $title }" sigue con { $questions ->
            [one] { $questions } pregunta
           *[other] { $questions } preguntas
        }. Corrígelo y vuelve a enviarlo, o envía /done para guardar lo que tienes.
    }
create-quiz-draft-exists-untitled = Ya estás creando un cuestionario: envía su título o /cancel para descartarlo.
create-quiz-draft-exists =
    Ya estás creando "{ $title }" ({ $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }). Envía más preguntas, /done para guardarlo o /cancel para descartarlo y empezar de nuevo.
create-quiz-in-private =
    Creemos tu cuestionario en nuestro chat privado, donde puedes enviar las preguntas una a una: { $link }

    O envíalo todo aquí en un solo mensaje: /newquiz <título> y, desde la línea siguiente, las preguntas (/help muestra el formato).
create-quiz-title-first = Primero envía el título del cuestionario como mensaje de texto (una línea) y después las preguntas.
create-quiz-no-questions = Tu cuestionario aún no tiene preguntas. Envía al menos una (una encuesta en modo cuestionario o una pregunta en formato de texto) y luego /done.
create-quiz-no-draft = Ahora mismo no estás creando ningún cuestionario. Empieza uno con /newquiz <título>.
create-quiz-discarded = Descartado. No se guardó nada.
create-quiz-nothing-to-cancel = No estás creando ningún cuestionario, así que no hay nada que cancelar.
create-quiz-poll-without-draft = Para armar un cuestionario con encuestas, envía primero /newquiz y luego mándame las encuestas.
create-quiz-photo-without-draft = Para añadir una pregunta con imagen, envía primero /newquiz y luego la foto con la pregunta como pie de foto.
create-quiz-one-question-per-photo = Cada foto lleva una sola pregunta: en el pie, la pregunta en la primera línea y las opciones debajo. Envía las demás como texto o en otras fotos.
create-quiz-poll-media-dropped = Se omitió el adjunto de la encuesta: una pregunta puede mostrar una foto, un vídeo o una animación, pero no otros archivos ni ubicaciones.
