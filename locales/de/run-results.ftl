# /results: Ein Admin der Gruppe bekommt das letzte beendete Quiz privat als CSV-Datei (src/bot/texts/run-results.ts).
# Die Datei selbst (Spalten, yes/no) bleibt englisch: Es sind Daten, die Programme lesen.

run-results-only-admins = Nur die Admins der Gruppe können die Ergebnisdatei des Quiz bekommen.
run-results-anonymous = Die Ergebnisdatei schicke ich privat, deshalb muss ich wissen, wer du bist: Schick /results unter deinem eigenen Namen, nicht als die Gruppe.
run-results-in-private = /results funktioniert in einer Gruppe: Ein Admin schickt es dort, und ich schicke die Ergebnisse des letzten Quiz der Gruppe hierher, als CSV-Datei.
run-results-no-finished-quiz = In diesem Chat ist noch kein Quiz zu Ende gegangen. Ein Admin startet eins mit /startquiz <id>.
run-results-untitled-quiz = Quiz { $quizId }
run-results-nobody-played = Beim letzten Quiz hier („{ $title }“) hat niemand geantwortet: Es gibt keine Ergebnisse zu schicken.
run-results-sent = { $admin }, ich habe dir die Ergebnisse privat geschickt.
run-results-start-private = Ich kann dir privat noch nicht schreiben: Starte mich zuerst dort ({ $link }) und schick /results dann noch einmal hier.
run-results-caption =
    📊 Ergebnisse von „{ $title }“: { $players } Spieler, { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }. Die Datei zeigt die Antworten jedes Spielers: Sie sollte unter den Admins bleiben.
run-results-caption-in-chat =
    📊 Ergebnisse von „{ $title }“ in { $chat }: { $players } Spieler, { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }. Die Datei zeigt die Antworten jedes Spielers: Sie sollte unter den Admins bleiben.
