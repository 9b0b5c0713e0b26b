# /results: un admin del grupo recibe en privado el último quiz terminado como archivo CSV (src/bot/texts/run-results.ts).
# El archivo (sus columnas, yes/no) queda en inglés: son datos que leen los programas.

run-results-only-admins = Solo los admins del grupo pueden pedir el archivo de resultados del cuestionario.
run-results-anonymous = El archivo de resultados lo envío por privado, así que necesito saber quién eres: envía /results con tu propia cuenta, no como el grupo.
run-results-in-private = /results funciona en un grupo: un admin lo envía allí y yo te mando aquí los resultados del último cuestionario del grupo, como archivo CSV.
run-results-no-finished-quiz = Todavía no ha terminado ningún cuestionario en este chat. Un admin puede empezar uno con /startquiz <id>.
run-results-untitled-quiz = Cuestionario { $quizId }
run-results-nobody-played = Nadie respondió al último cuestionario de aquí ("{ $title }"): no hay resultados que enviar.
run-results-sent = { $admin }, te envié los resultados por privado.
run-results-start-private = Todavía no puedo escribirte por privado: ábreme allí primero ({ $link }) y luego vuelve a enviar /results aquí.
run-results-caption =
    📊 Resultados de "{ $title }": { $players ->
        [one] { $players } jugador
       *[other] { $players } jugadores
    }, { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }. El archivo muestra las respuestas de cada jugador: que quede entre los admins.
run-results-caption-in-chat =
    📊 Resultados de "{ $title }" en { $chat }: { $players ->
        [one] { $players } jugador
       *[other] { $players } jugadores
    }, { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }. El archivo muestra las respuestas de cada jugador: que quede entre los admins.
