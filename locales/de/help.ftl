# Die Antwort auf /help und /start (src/bot/texts/help.ts). Befehle, ihre Argumente
# (<id>, [15s] [shuffle] [10q], [csv|json|txt]) und die Zeichen des Quizformats bleiben, wie sie sind.

help-text =
    Ich veranstalte Quiz als Telegram-Quiz-Umfragen, in Gruppen oder direkt hier im privaten Chat.

    Erstellen
    /newquiz <Titel> – ein Quiz erstellen: Sende die Fragen in derselben Nachricht oder danach einzeln (als Text oder als Quiz-Umfragen)
    /done – das Quiz speichern, das du gerade erstellst
    /cancel – das Quiz verwerfen, das du gerade erstellst
    /myquizzes – deine Quiz und ihre IDs
    /edit <id> – eines deiner Quiz ändern: Titel, Zeit pro Frage und Fragen, im privaten Chat
    /import – ein Quiz aus einer Datei erstellen (CSV, JSON oder Text; /template schickt ein Beispiel), im privaten Chat
    /export <id> [csv|json|txt] – dein Quiz als Datei, die /import wieder einliest, im privaten Chat

    Spielen
    /play <id> – ein Quiz hier privat spielen
    /startquiz <id> [15s] [shuffle] [10q] – ein Quiz in einer Gruppe starten (Gruppenadmins); optional die Zeit pro Frage, { $minSeconds }s bis { $maxMinutes }m, gemischte Antworten und eine Zufallsauswahl von 10 seiner Fragen (keine wiederholt sich im Chat, bevor alle dran waren)
    /stopquiz – das laufende Quiz der Gruppe beenden (Gruppenadmins)
    /results – das letzte Quiz der Gruppe als CSV-Datei (die Antworten aller Spieler), privat an dich geschickt (Gruppenadmins)
    /leaderboard – die besten Spieler dieses Chats
    /myscore – deine Punkte und Trefferquote
    /language – die Sprache, die ich in diesem Chat spreche (in einer Gruppe wählen sie die Admins)
    /help – diese Nachricht

    Quizformat: eine Leerzeile zwischen den Fragen; die erste Zeile ist die Frage, jede Antwort beginnt mit „- “, die richtige endet mit „ *“ (mehrere erlaubt), und eine optionale Zeile mit „> “ erklärt die Antwort:

    { help-format-example }

    Um in einer Gruppe zu spielen, füge mich dort hinzu: { $groupLink }
help-format-example =
    /newquiz Hauptstädte der Welt
    Hauptstadt von Frankreich?
    - Berlin
    - Paris *
    - Rom
    > Paris ist seit 508 die Hauptstadt.

    Hauptstadt von Japan?
    - Tokio *
    - Kyoto
