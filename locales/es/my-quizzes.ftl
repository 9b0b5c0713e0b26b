# /myquizzes: la lista, sus botones para borrar y las respuestas (src/bot/texts/my-quizzes.ts).

my-quizzes-empty = Aún no tienes cuestionarios. Envía /newquiz <título> para crear uno; /help muestra el formato.
my-quizzes-head = 📚 Tus cuestionarios ({ $count }):
my-quizzes-line =
    🔹 { $title } (id { $id }) – { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }, { $date }
my-quizzes-more =
    …y { $count ->
        [one] { $count } cuestionario más
       *[other] { $count } cuestionarios más
    }
my-quizzes-tail = Juega uno aquí con /play <id> o lánzalo en un grupo con /startquiz <id>.
my-quizzes-confirm-delete = ¿Borrar el cuestionario #{ $id } «{ $title }»? Las partidas ya jugadas conservan sus resultados.
my-quizzes-deleted = Cuestionario #{ $id } borrado.
my-quizzes-already-deleted = Este cuestionario ya estaba borrado.
my-quizzes-no-such-quiz = Ese cuestionario no existe.
my-quizzes-owner-only-delete = Solo quien creó el cuestionario puede borrarlo.
my-quizzes-owner-only-answer = Solo quien creó el cuestionario puede responder a esto.
my-quizzes-button-delete = 🗑 Borrar #{ $id }
my-quizzes-button-confirm-delete = Sí, borrar
my-quizzes-button-keep = Conservarlo
