# Die Probleme einer Quizdatei (src/bot/texts/quiz-file-problems.ts), jedes mit seiner Zeile.
# Spalten- und JSON-Feldnamen und Dateiendungen kommen in Variablen: Sie sind Wörter der Datei und werden nicht übersetzt.

quiz-file-problems-refused-outcome = Nichts wurde importiert: Korrigiere die Datei und schick sie noch einmal. /template schickt dir eine Beispieldatei.

quiz-file-problems-at-line = Zeile { $line }: { $problem }
quiz-file-problems-at-question = Frage { $question }: { $problem }
quiz-file-problems-at-question-line = Frage { $question } (Zeile { $line }): { $problem }

quiz-file-problems-option-empty = Antwort { $option } ist leer
quiz-file-problems-option-too-long = Antwort { $option } („{ $preview }“) ist länger als { $max } Zeichen ({ $length })
quiz-file-problems-option-twice = Antwort { $option } („{ $preview }“) wiederholt eine frühere Antwort

quiz-file-problems-csv-no-options = sie hat keine Antworten (fülle { $first }, { $second }, …)
quiz-file-problems-csv-no-correct-option = keine Antwort ist als richtig markiert (trag ihre Nummer in die Spalte { $column } ein, z. B. 2)
quiz-file-problems-csv-correct-option-missing = eine Nummer in der Spalte { $column } passt zu keiner Antwort

quiz-file-problems-json-no-options = „{ $field }“ ist leer
quiz-file-problems-json-no-correct-option = keine Antwort ist als richtig markiert (gib ihre Nummer in „{ $field }“ an, z. B. [2])
quiz-file-problems-json-correct-option-missing = eine Nummer in „{ $field }“ passt zu keiner Antwort

quiz-file-problems-too-big = die Datei hat { $size } MB; ich lese Dateien bis { $max } MB. Teile das Quiz auf mehrere Dateien auf.
quiz-file-problems-empty = die Datei ist leer
quiz-file-problems-binary = das ist keine Textdatei (ein Bild, eine Tabelle oder ein Archiv?); schick das Quiz als Datei im Format { $formats } oder { $last }
quiz-file-problems-not-utf8 = die Datei ist nicht in UTF-8; speichere sie noch einmal mit UTF-8-Kodierung (in Excel: „CSV UTF-8“)
quiz-file-problems-no-extension = der Dateiname hat keine Endung; schick eine Datei im Format { $formats } oder { $last }
quiz-file-problems-workbook = .{ $extension }-Tabellen kann ich noch nicht lesen; speichere das Blatt als „CSV UTF-8“ und schick diese Datei
quiz-file-problems-unknown-format = .{ $extension }-Dateien kann ich nicht lesen; schick eine Datei im Format { $formats } oder { $last }
quiz-file-problems-too-many-questions =
    die Datei hat { $count } { $count ->
        [one] Frage
       *[other] Fragen
    }; eine Datei fasst höchstens { $max }
quiz-file-problems-csv-no-questions = unter der Kopfzeile stehen keine Fragezeilen
quiz-file-problems-json-no-questions = „{ $field }“ ist leer
quiz-file-problems-setting-twice = „{ $name }“ steht zweimal da
quiz-file-problems-title-empty = der Titel ist leer
quiz-file-problems-default-open-period = die Standardzeit pro Frage: { $problem }
quiz-file-problems-block-too-long =
    diese Frage zieht sich über { $lines } { $lines ->
        [one] Zeile
       *[other] Zeilen
    } (höchstens { $max }); setz eine Leerzeile zwischen die Fragen
quiz-file-problems-correct-not-a-number = die Zelle { $column } „{ $preview }“ muss Antwortnummern enthalten, etwa 2 oder 1 3
quiz-file-problems-seconds-not-a-number = die Zelle { $column } „{ $preview }“ ist keine ganze Zahl von Sekunden
quiz-file-problems-bad-media = { $column } „{ $preview }“ ist weder eine https-URL noch eine Telegram-File-ID (ein Foto: die URL oder ID; ein Video oder eine Animation: video:<Quelle>, animation:<Quelle>)
quiz-file-problems-csv-no-header = die erste Zeile muss die Kopfzeile sein: { $required } ({ $optional } und { $last } optional); /template schickt dir ein Beispiel
quiz-file-problems-csv-missing-column = in der Kopfzeile fehlt die Spalte „{ $column }“
quiz-file-problems-csv-unknown-column = die Kopfzeile hat eine Spalte „{ $preview }“, die ich nicht kenne (bekannt: { $known })
quiz-file-problems-csv-duplicate-column = die Kopfzeile nennt „{ $column }“ zweimal
quiz-file-problems-csv-unknown-setting = „{ $preview }“ ist keine Einstellung; über der Kopfzeile dürfen nur die Zeilen „{ $title }“ und „{ $period }“ stehen
quiz-file-problems-csv-extra-cells =
    { $count ->
        [one] { $count } Zelle liegt
       *[other] { $count } Zellen liegen
    } außerhalb der Spalten der Kopfzeile; setz einen Text, der das Trennzeichen enthält, in doppelte Anführungszeichen
quiz-file-problems-csv-unclosed-quote = ein hier geöffnetes doppeltes Anführungszeichen wird nie geschlossen
quiz-file-problems-csv-text-after-quote = nach einem schließenden doppelten Anführungszeichen folgt Text; innerhalb von Anführungszeichen schreib ein doppeltes Anführungszeichen zweimal ("")
quiz-file-problems-json-ends-early = das JSON endet zu früh (fehlt eine {"}"} oder ]?)
quiz-file-problems-json-unexpected = das ist kein gültiges JSON: unerwartetes „{ $found }“
quiz-file-problems-json-not-object = die Datei muss genau ein JSON-Objekt enthalten: {"{"} "{ $questions }": [...] {"}"}
quiz-file-problems-json-question-not-object = eine Frage muss ein Objekt sein: {"{"} "{ $question }": ..., "{ $options }": [...], "{ $correct }": [...] {"}"}
quiz-file-problems-json-wrong-type =
    „{ $field }“ muss { $expected ->
        [object] ein Objekt sein
        [list] eine Liste [...] sein
        [text] ein Text in doppelten Anführungszeichen sein
        [list-of-texts] eine Liste von Texten sein, etwa ["Berlin", "Paris"]
        [list-of-numbers] eine Liste von Antwortnummern sein, etwa [2] oder [1, 3]
       *[whole-number] eine ganze Zahl von Sekunden sein, etwa 30
    }
quiz-file-problems-json-missing-field = „{ $field }“ fehlt
quiz-file-problems-json-unknown-field = „{ $preview }“ ist kein Feld, das ich kenne (bekannt: { $known })
