# /myquizzes: a lista, os botões de apagar e as respostas a eles (src/bot/texts/my-quizzes.ts).

my-quizzes-empty = Você ainda não tem quizzes. Envie /newquiz <título> para criar um; /help mostra o formato.
my-quizzes-head = 📚 Seus quizzes ({ $count }):
my-quizzes-line =
    🔹 { $title } (id { $id }) – { $questions ->
        [0] { $questions } perguntas
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }, { $date }
my-quizzes-more =
    …e mais { $count ->
        [one] { $count } quiz
       *[other] { $count } quizzes
    }
my-quizzes-tail = Jogue um aqui com /play <id> ou rode em um grupo com /startquiz <id>.
my-quizzes-confirm-delete = Apagar o quiz #{ $id } "{ $title }"? As partidas já jogadas mantêm seus resultados.
my-quizzes-deleted = Quiz #{ $id } apagado.
my-quizzes-already-deleted = Este quiz já foi apagado.
my-quizzes-no-such-quiz = Esse quiz não existe.
my-quizzes-owner-only-delete = Só quem criou o quiz pode apagá-lo.
my-quizzes-owner-only-answer = Só quem criou o quiz pode responder a isto.
my-quizzes-button-delete = 🗑 Apagar #{ $id }
my-quizzes-button-confirm-delete = Sim, apagar
my-quizzes-button-keep = Manter
