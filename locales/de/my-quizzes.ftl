# /myquizzes: die Liste, ihre Löschknöpfe und die Antworten darauf (src/bot/texts/my-quizzes.ts).

my-quizzes-empty = Du hast noch kein Quiz. Sende /newquiz <Titel>, um eins zu erstellen; /help zeigt das Format.
my-quizzes-head = 📚 Deine Quiz ({ $count }):
my-quizzes-line =
    🔹 { $title } (ID { $id }) – { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }, { $date }
my-quizzes-more =
    …und { $count ->
        [one] { $count } weiteres Quiz
       *[other] { $count } weitere Quiz
    }
my-quizzes-tail = Spiel eins hier mit /play <id> oder starte es in einer Gruppe mit /startquiz <id>.
my-quizzes-confirm-delete = Quiz #{ $id } „{ $title }“ löschen? Bereits gespielte Runden behalten ihre Ergebnisse.
my-quizzes-deleted = Quiz #{ $id } gelöscht.
my-quizzes-already-deleted = Dieses Quiz wurde bereits gelöscht.
my-quizzes-no-such-quiz = Dieses Quiz gibt es nicht.
my-quizzes-owner-only-delete = Nur wer das Quiz erstellt hat, kann es löschen.
my-quizzes-owner-only-answer = Nur wer das Quiz erstellt hat, kann hier antworten.
my-quizzes-button-delete = 🗑 #{ $id } löschen
my-quizzes-button-confirm-delete = Ja, löschen
my-quizzes-button-keep = Behalten
