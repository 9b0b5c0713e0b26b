# Quiz erstellen: /newquiz in einer Nachricht und die geführte Erstellung (src/bot/texts/create-quiz.ts).

create-quiz-created =
    ✅ Quiz „{ $title }“ mit { $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    } gespeichert (ID { $id }).

    Privat spielen: { $privateLink }
    In einer Gruppe spielen: { $groupLink }
    In einer Gruppe, in der ich schon bin, sendet ein Admin /startquiz { $id }
create-quiz-problems-head =
    { $count ->
        [one] ⚠️ Dein Quiz hat ein Problem:
       *[other] ⚠️ Dein Quiz hat { $count } Probleme:
    }
create-quiz-problems-more = …und { $count } weitere
create-quiz-nothing-saved = Es wurde nichts gespeichert; korrigiere es und sende es noch einmal.
create-quiz-problem-title = Titel: { $problem }
create-quiz-problem-too-many-blocks = Fragen: Das Quiz hat { $count }; ein Quiz fasst höchstens { $max } (verteile sie auf mehrere Quiz)
create-quiz-title-empty = das Quiz hat keinen Titel; schreib ihn direkt hinter /newquiz in dieselbe Zeile, z. B. /newquiz Hauptstädte der Welt
create-quiz-title-multiline = der Titel muss in eine Zeile passen
create-quiz-title-too-long = der Titel ist länger als { $max } Zeichen ({ $length })
create-quiz-title-refused = Diesen Titel kann ich nicht verwenden: { $problem }.
create-quiz-title-answer-refused = Das kann nicht der Titel sein: { $problem }. Sende den Titel des Quiz in einer Zeile oder /cancel.
create-quiz-draft-gone = Bitte sende /newquiz noch einmal.
create-quiz-ask-title = Lass uns ein Quiz erstellen. Wie soll es heißen? Sende den Titel in einer Zeile (bis zu { $max } Zeichen) oder /cancel.
create-quiz-ask-questions =
    Neues Quiz „{ $title }“. Sende jetzt die Fragen, eine oder mehrere pro Nachricht:

    • eine Quiz-Umfrage: Anhängen ➝ Umfrage, „Quiz-Modus“ einschalten und die richtige(n) Antwort(en) wählen;
    • oder Text: die Frage in der ersten Zeile, jede Antwort in einer eigenen Zeile mit „- “ am Anfang, die richtige mit „ *“ am Ende, optional eine Zeile mit „> “ als Erklärung; eine Leerzeile zwischen den Fragen:

    Hauptstadt von Frankreich?
    - Berlin
    - Paris *
    > Paris ist seit 508 die Hauptstadt.

    • oder ein Foto mit einer solchen Frage als Bildunterschrift: Das Bild wird zusammen mit der Frage gezeigt.

    /done speichert das Quiz, /cancel verwirft es.
create-quiz-next-step = Sende die nächste, /done zum Speichern oder /cancel.
create-quiz-question-added = Frage { $number } hinzugefügt: { $question } { create-quiz-next-step }
create-quiz-questions-added = Fragen { $first }–{ $last } hinzugefügt:
create-quiz-too-many-questions =
    Ein Quiz fasst höchstens { $max } Fragen. Deins hat { $has } und deine Nachricht { $adding }, aber { $room ->
        [0] es ist voll
       *[other] es ist nur noch Platz für { $room }
    }. Aus dieser Nachricht wurde nichts hinzugefügt. Sende /done, um das Quiz zu speichern.
create-quiz-draft-kept =
    { $questions ->
        [0] Aus dieser Nachricht wurde nichts hinzugefügt; „{ $title }“ hat noch keine Fragen. Korrigiere sie und sende sie noch einmal.
       *[other] Aus dieser Nachricht wurde nichts hinzugefügt; „{ $title }“ hat weiterhin { $questions ->
            [one] { $questions } Frage
           *[other] { $questions } Fragen
        }. Korrigiere sie und sende sie noch einmal, oder speichere mit /done, was du hast.
    }
create-quiz-draft-exists-untitled = Du erstellst schon ein Quiz: Sende seinen Titel oder /cancel, um es zu verwerfen.
create-quiz-draft-exists =
    Du erstellst schon „{ $title }“ ({ $questions ->
        [one] { $questions } Frage
       *[other] { $questions } Fragen
    }). Sende weitere Fragen, /done zum Speichern oder /cancel, um es zu verwerfen und neu anzufangen.
create-quiz-in-private =
    Lass uns dein Quiz in unserem privaten Chat erstellen, dort kannst du die Fragen einzeln senden: { $link }

    Oder sende alles hier in einer Nachricht: /newquiz <Titel>, dann ab der nächsten Zeile die Fragen (/help zeigt das Format).
create-quiz-title-first = Sende zuerst den Titel des Quiz als Textnachricht (eine Zeile), dann die Fragen.
create-quiz-no-questions = Dein Quiz hat noch keine Fragen. Sende mindestens eine (eine Quiz-Umfrage oder eine Frage im Textformat), dann /done.
create-quiz-no-draft = Du erstellst gerade kein Quiz. Starte eins mit /newquiz <Titel>.
create-quiz-discarded = Verworfen. Es wurde nichts gespeichert.
create-quiz-nothing-to-cancel = Du erstellst gerade kein Quiz, es gibt also nichts abzubrechen.
create-quiz-poll-without-draft = Um ein Quiz aus Quiz-Umfragen zu bauen, sende zuerst /newquiz und dann die Umfragen.
create-quiz-photo-without-draft = Um eine Bildfrage hinzuzufügen, sende zuerst /newquiz und dann das Foto mit der Frage als Bildunterschrift.
create-quiz-one-question-per-photo = Ein Foto, eine Frage: In der Bildunterschrift steht die Frage in der ersten Zeile, darunter die Antworten. Sende die anderen als Text oder als weitere Fotos.
create-quiz-poll-media-dropped = Der Anhang der Umfrage wurde weggelassen: Eine Frage kann ein Foto, ein Video oder eine Animation zeigen, aber keine anderen Dateien oder Standorte.
