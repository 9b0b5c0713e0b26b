# Ein Quiz starten und beenden: /startquiz, /play, die Quiz-Links und /stopquiz
# (src/bot/texts/play.ts). Befehle, „15s“, „shuffle“ und „10q“ tippt man genau so.

# Wie man ein Quiz angibt; $command ist /startquiz in einer Gruppe, /play privat.
play-usage = z. B. { $command } 12 oder { $command } 12 15s shuffle (deine Quizze: /myquizzes)
# Ein Quiz-Link, der zu keinem Quiz führt; $usage ist play-usage.
play-usage-broken-link = Dieser Link führt zu keinem Quiz. Frag nach einem neuen Link oder gib die Nummer des Quiz an, { $usage }.
play-usage-no-quiz = Welches Quiz? Gib seine Nummer an, { $usage }.
# $word ist der Anfang dessen, was statt einer Nummer kam.
play-usage-not-an-id = „{ $word }“ ist keine Quiznummer. Gib die Nummer des Quiz an, { $usage }.
# $problem sagt, was mit der Zeit pro Frage nicht stimmt (quiz-problems.ftl).
play-period-problem = Quiz { $quizId } lässt sich nicht starten: { $problem }.
play-draw-problem = Quiz { $quizId } lässt sich nicht starten: eine Auslosung braucht mindestens eine Frage (z. B. spielt 10q 10 zufällig gezogene Fragen).
play-no-such-quiz = Es gibt kein Quiz { $quizId }. Deine Quizze: /myquizzes
# $mode: group oder private.
play-already-running =
    Hier läuft schon ein Quiz (Frage { $position } von { $count }). { $mode ->
        [group] Ein Admin kann es mit /stopquiz beenden.
       *[private] Beende es mit /stopquiz.
    }
play-only-admins-start = Nur die Admins der Gruppe können ein Quiz starten.
play-only-admins-stop = Nur die Admins der Gruppe können das Quiz beenden.
play-stopped-group = Quiz beendet. Das Ergebnis kommt gleich.
play-nothing-to-stop-group = Hier läuft gerade kein Quiz.
play-stopped-private = Spiel beendet. Dein Ergebnis kommt gleich.
play-nothing-to-stop-private = Du spielst gerade kein Quiz. Starte eins mit /play <id>.
