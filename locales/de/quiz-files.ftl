# Quizdateien: /import, /template und /export (src/bot/texts/quiz-files.ts).

quiz-files-import-prompt = 📥 Schick mir die Quizdatei ({ $formats }, bis { $maxKb } KB) als Antwort auf diese Nachricht oder mit /import als Beschriftung. Spalten und Formate: /template schickt dir eine Beispieldatei.
quiz-files-import-how = Um aus dieser Datei ein Quiz zu importieren, schick sie noch einmal mit /import als Beschriftung (oder schick zuerst /import).
quiz-files-import-in-private = Quizdateien werden im privaten Chat mit mir importiert: Schick dort /import.
quiz-files-import-too-big = ⚠️ Die Datei hat { $kb } KB; eine Quizdatei darf höchstens { $maxKb } KB haben. Nichts wurde importiert.
quiz-files-import-too-many-questions =
    ⚠️ Die Datei enthält { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }; ein Quiz fasst höchstens { $max } (eine Datei höchstens { $fileMax }). Teile sie auf mehrere Dateien auf. Nichts wurde importiert.
quiz-files-download-failed = Leider konnte ich die Datei nicht von Telegram herunterladen. Bitte schick sie noch einmal.
quiz-files-template-caption = Eine Beispiel-Quizdatei. Bearbeite sie und schick sie dann mit /import als Beschriftung zurück. Andere Formate: { $others } oder { $last }.
quiz-files-template-usage = Eine Vorlage „{ $word }“ gibt es nicht: Probier { $commands }.
quiz-files-export-usage = Welches Quiz? Z. B. /export 12 oder /export 12 json ({ $formats }; deine Quizze: /myquizzes).
quiz-files-export-in-private = Quizze werden im privaten Chat mit mir exportiert (die Datei zeigt die Antworten): Schick dort /export.
quiz-files-export-not-yours = Quiz { $quizId } gehört nicht dir: Nur sein Autor kann es exportieren. Deine Quizze: /myquizzes
quiz-files-export-caption =
    „{ $title }“: { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }. Schick diese Datei mit /import zurück, um eine Kopie zu erstellen.
quiz-files-export-misfits =
    ⚠️ In einer .{ $format }-Datei { $what ->
        [settings] käme der Titel oder die Zeit pro Frage
        [questions]
            { $count ->
                [one] käme Frage { $numbers }
               *[other] kämen die Fragen { $numbers }
            }
       *[both]
            kämen der Titel oder die Zeit pro Frage und { $count ->
                [one] Frage { $numbers }
               *[other] die Fragen { $numbers }
            }
    } nicht genau so zurück (eine .txt-Datei kennt keine Bilder, keine Zeilenumbrüche innerhalb einer Frage und keine Antwort, die auf " *" endet). Nimm stattdessen /export <id> csv oder /export <id> json.
