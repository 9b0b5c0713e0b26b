# Probleme eines Quiztexts, einer Frage oder einer Zeit pro Frage (src/bot/texts/quiz-problems.ts).
# Die meisten folgen auf „Frage N: “ und beginnen deshalb klein.

quiz-problems-hours =
    { $count ->
        [one] { $count } Stunde
       *[other] { $count } Stunden
    }
quiz-problems-minutes =
    { $count ->
        [one] { $count } Minute
       *[other] { $count } Minuten
    }
quiz-problems-seconds =
    { $count ->
        [one] { $count } Sekunde
       *[other] { $count } Sekunden
    }
quiz-problems-question = Frage { $number }: { $problem }
quiz-problems-no-questions = Keine Fragen gefunden. Schreib die Frage in eine Zeile, dann jede Antwort in eine eigene Zeile mit „- “ am Anfang, und beende die richtige mit „ *“.
quiz-problems-option-as-question = die erste Zeile muss die Frage sein, keine Antwort
quiz-problems-stray-line = die Zeile „{ $line }“ ist weder eine Antwort (beginne sie mit „- “) noch eine Erklärung (beginne sie mit „> “); vor eine neue Frage gehört eine Leerzeile
quiz-problems-text-empty = der Fragetext ist leer
quiz-problems-text-too-long = die Frage ist länger als { $max } Zeichen ({ $length })
quiz-problems-no-options = sie hat keine Antworten (schreib jede in eine eigene Zeile mit „- “ am Anfang)
quiz-problems-too-many-options = sie hat { $count } Antworten; Telegram erlaubt höchstens { $max }
quiz-problems-option-empty = eine Antwort ist leer
quiz-problems-option-too-long = die Antwort „{ $option }“ ist länger als { $max } Zeichen ({ $length })
quiz-problems-option-twice = die Antwort „{ $option }“ kommt doppelt vor
quiz-problems-no-correct-option = keine Antwort ist als richtig markiert (beende die richtige mit „ *“)
quiz-problems-correct-option-missing = eine richtige Antwort verweist auf keine der Antworten
quiz-problems-explanation-too-long = die Erklärung ist länger als { $max } Zeichen ({ $length })
quiz-problems-explanation-too-many-lines = die Erklärung hat { $lines } Zeilen; Telegram erlaubt höchstens { $max }
quiz-problems-open-period-out-of-range = ihr Zeitlimit beträgt { $time }; eine Frage bleibt zwischen { $min } und { $max } offen
quiz-problems-regular-poll = das ist eine normale Umfrage, kein Quiz; erstelle sie neu mit eingeschaltetem „Quiz-Modus“ und wähle die richtige Antwort
quiz-problems-correct-answer-hidden = Telegram hat mir die richtige Antwort dieses Quiz nicht verraten (bei weitergeleiteten Quiz bleibt sie verborgen); erstelle das Quiz hier mit dem Umfrage-Editor, statt es weiterzuleiten
quiz-problems-not-a-period = „{ $text }“ ist keine Zeit pro Frage; schreib Sekunden (15 oder 15s), Minuten (2m) oder beides (1m30s)
quiz-problems-period-out-of-range = die Zeit pro Frage muss zwischen { $min } und { $max } liegen, angegeben war „{ $text }“
