# Ein Quiz im privaten Chat bearbeiten: /edit <id> und seine Aktionen (src/bot/texts/edit-quiz.ts).
# Befehle und Aktionswörter (title, time, replace, insert, add, delete, move) tippt man so ein: wörtlich.

edit-quiz-note-options =
    { $count ->
        [one] { $count } Antwort
       *[other] { $count } Antworten
    }
edit-quiz-note-correct = { $count } richtig
edit-quiz-note-seconds = { $seconds } s
edit-quiz-note-media =
    { $type ->
        [photo] Foto
        [video] Video
       *[animation] Animation
    }
edit-quiz-question-line = { $number }. { $question } ({ $notes })
edit-quiz-overview-head =
    ✏️ Quiz { $id } „{ $title }“: { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }, { $seconds } s pro Frage.
edit-quiz-help =
    So änderst du es:
    /edit { $id } title <neuer Titel>
    /edit { $id } time <Sekunden pro Frage>
    /edit { $id } replace <n>, dann in den nächsten Zeilen die neue Frage
    /edit { $id } insert <n>, dann in den nächsten Zeilen Fragen (sie kommen vor Frage n)
    /edit { $id } add, dann in den nächsten Zeilen Fragen (sie kommen ans Ende)
    /edit { $id } delete <n>
    /edit { $id } move <n> <m>
    Fragen schreibst du wie bei /newquiz (/help zeigt das Format). Ein Quiz, das gerade läuft, behält die Fragen, mit denen es begonnen hat.
edit-quiz-usage = Welches Quiz? Z. B. zeigt /edit 12 das Quiz 12 und wie du es änderst (deine Quiz: /myquizzes).
edit-quiz-in-private = Quiz bearbeitest du im privaten Chat mit mir (die Fragen zeigen ihre Antworten): Sende /edit dort.
edit-quiz-not-an-id = „{ $word }“ ist keine Quiznummer. { edit-quiz-usage }
edit-quiz-unknown-action = „{ $word }“ kann ich mit einem Quiz nicht machen.
edit-quiz-example =
    { $action ->
        [title] /edit { $id } title Hauptstädte der Welt
        [time] /edit { $id } time 20
        [replace] /edit { $id } replace 3, dann in der nächsten Zeile die Frage und ihre Antworten (jede mit „- “ davor, die richtige mit „ *“ dahinter)
        [insert] /edit { $id } insert 3, dann in den nächsten Zeilen die Fragen, die vor Frage 3 kommen
        [add] /edit { $id } add, dann in den nächsten Zeilen die Fragen, die ans Ende kommen
        [delete] /edit { $id } delete 3
        [move] /edit { $id } move 3 1 (Frage 3 wird Frage 1)
       *[show] /edit { $id }
    }
edit-quiz-needs-number = { $action } braucht eine Fragennummer: { $example }. /edit { $id } zeigt die Nummern.
edit-quiz-needs-number-not = { $action } braucht eine Fragennummer, nicht „{ $word }“: { $example }. /edit { $id } zeigt die Nummern.
edit-quiz-needs-title = Schreib den neuen Titel hinter den Befehl: { $example }
edit-quiz-needs-time = Schreib die Sekunden pro Frage hinter den Befehl: { $example } (oder 1m30s)
edit-quiz-needs-question =
    { $action ->
        [replace] Schreib die Frage in die Zeilen nach dem Befehl, wie bei /newquiz: { $example }
       *[other] Schreib die Fragen in die Zeilen nach dem Befehl, wie bei /newquiz: { $example }
    }
edit-quiz-extra =
    „{ $text }“ ist mehr, als { $action ->
        [show] /edit { $id }
       *[other] { $action }
    } erwartet: { $example }
edit-quiz-no-such-question = Quiz { $id } hat keine Frage { $number }, nur die Fragen 1 bis { $count }. /edit { $id } zeigt sie. Es wurde nichts geändert.
edit-quiz-no-such-place = Fragen können vor Frage 1 bis { $end } kommen ({ $end }: ans Ende), nicht vor Frage { $number }. Es wurde nichts geändert.
edit-quiz-last-question = Frage 1 ist die einzige Frage von Quiz { $id }, und ein Quiz braucht mindestens eine. Ersetze sie (/edit { $id } replace 1) oder lösche das ganze Quiz in /myquizzes. Es wurde nichts geändert.
edit-quiz-too-many =
    Ein Quiz fasst höchstens { $max } Fragen. Quiz { $id } hat { $count } und deine Nachricht { $adding }, aber { $room ->
        [0] es ist voll
       *[other] es ist nur noch Platz für { $room }
    }. Es wurde nichts geändert.
edit-quiz-same-place = Frage { $number } steht schon dort. Es wurde nichts geändert.
edit-quiz-nothing-changed = Es wurde nichts geändert; korrigiere es und sende den Befehl noch einmal.
edit-quiz-replace-takes-one = replace nimmt eine Frage, deine Nachricht hat aber { $count }. Um Fragen hinzuzufügen, nimm insert oder add.
edit-quiz-now =
    Quiz { $id } hat jetzt { $count ->
        [one] { $count } Frage
       *[other] { $count } Fragen
    }. /edit { $id } zeigt sie.
edit-quiz-title-changed = ✅ Quiz { $id } heißt jetzt „{ $title }“.
edit-quiz-time-changed = ✅ Die Fragen von Quiz { $id } sind jetzt { $seconds } s offen (außer eine Frage hat ihre eigene Zeit).
edit-quiz-deleted = ✅ Frage { $number } gelöscht: { $question }
edit-quiz-moved = ✅ Frage { $from } ist jetzt Frage { $to }:
edit-quiz-replaced = ✅ Frage { $number } ersetzt:
edit-quiz-added-one = ✅ Frage { $number } hinzugefügt:
edit-quiz-added-many = ✅ Fragen { $first }–{ $last } hinzugefügt:
edit-quiz-added-more = …und { $count } weitere
edit-quiz-time-refused = Diese Zeit kann ich nicht verwenden: { $problem }. Es wurde nichts geändert.
edit-quiz-photo-without-question = Ein Foto gehört zu einer Frage: Gib ihm die Bildunterschrift /edit 12 replace 3 (oder insert 3 oder add) und darunter die Frage. Es wurde nichts geändert.
