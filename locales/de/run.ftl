# Was eine Quizrunde in ihren Chat schreibt (src/bot/texts/run.ts): die Ankündigung, die Frage
# jeder Umfrage und das Ergebnis. Punktstände wie 9/10 und Fragenummern stehen in Ziffern.

## Die Ankündigung vor der ersten Frage.
run-announce-title = 🎲 Mach dich bereit für das Quiz „{ $title }“
# $duration ist die Zeit pro Frage in Worten („15 Sekunden“, „1 Min. 30 s“: common.ftl).
run-announce-facts =
    🖊 { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }
    ⏱ { $duration } pro Frage
# Nur in Gruppen.
run-announce-answers-visible = 📰 Die Antworten sind für die ganze Gruppe sichtbar
run-announce-first-question = Die erste Frage kommt gleich.
# Nur in Gruppen.
run-announce-admins-stop = Admins können das Quiz mit /stopquiz beenden.

# Die Frage einer Umfrage mit ihrer Nummer: [2/10] Hauptstadt von Frankreich?
run-poll-question = [{ $position }/{ $count }] { $text }

## Das Ergebnis.
run-end-stopped = 🛑 Das Quiz „{ $title }“ wurde vorzeitig beendet.
run-end-finished = 🏁 Das Quiz „{ $title }“ ist vorbei!
run-end-no-one-answered = Niemand hat geantwortet.
run-end-counts =
    { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    } · { $players } Spieler
# $place ist eine Medaille oder „4.“; $time die Zeit der richtigen Antworten; $points einer der
# run-credit-*-Texte.
run-end-placed-line = { $place } { $name } – { $correct }/{ $questions } richtig · { $time } · { $points }
# Wer nichts richtig hatte: kein Platz, keine Punkte.
run-end-unplaced-line = • { $name } – { $correct }/{ $questions } richtig · keine Punkte
# Spieler, die nicht mehr in die Liste passen.
run-end-more-players =
    …und { $n ->
        [one] { $n } weiterer Spieler
       *[other] { $n } weitere Spieler
    }
run-end-congratulations = 🏆 Glückwunsch an die Gewinner!
run-end-nobody-correct = Niemand hatte eine Antwort richtig.

## Was ein platzierter Spieler seinem Gesamtpunktestand gutschreibt.
run-credit-points =
    { $points ->
        [one] { $points } Punkt
       *[other] { $points } Punkte
    }
run-credit-replay = keine Punkte: schon einmal gespielt
run-credit-own-quiz = keine Punkte: eigenes Quiz
