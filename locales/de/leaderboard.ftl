# /leaderboard, /myscore und der Knopf „Mein Platz“ unter dem Ergebnis eines Gruppenquiz
# (src/bot/texts/leaderboard.ts). Punktstände wie 40/50 stehen in Ziffern.

leaderboard-my-rank-button = Mein Platz

## /leaderboard; $chat ist der Name der Gruppe.
leaderboard-empty = Noch keine Punkte. Spiel ein Quiz (/play <id> privat oder /startquiz <id> in einer Gruppe), dann erscheinen hier die besten Spieler.
leaderboard-empty-in-chat = Noch keine Punkte in { $chat }. Spiel ein Quiz (/play <id> privat oder /startquiz <id> in einer Gruppe), dann erscheinen hier die besten Spieler.
leaderboard-head = 🏆 Die besten Spieler
leaderboard-head-in-chat = 🏆 Die besten Spieler in { $chat }
# $place ist eine Medaille oder „4.“; $correct/$answered die Antworten des Spielers in all seinen Quizzen.
leaderboard-line =
    { $place } { $name } – { $points ->
        [one] { $points } Punkt
       *[other] { $points } Punkte
    } ({ $quizzes ->
        [one] { $quizzes } Quiz
       *[other] { $quizzes } Quizze
    }, { $correct }/{ $answered } richtig)
# Spieler, die nicht mehr in die Liste passen.
leaderboard-more-players =
    …und { $n ->
        [one] { $n } weiterer Spieler
       *[other] { $n } weitere Spieler
    }

## /myscore: die Summen eines Spielers über alle Chats.
# $answers ist leaderboard-my-answers oder leaderboard-my-no-answers.
leaderboard-my-score =
    📊 { $name }

    ⭐ { $points ->
        [one] { $points } Punkt
       *[other] { $points } Punkte
    }
    🎲 { $quizzes ->
        [one] { $quizzes } Quiz
       *[other] { $quizzes } Quizze
    } gespielt
    { $answers }

    Es zählt nur dein erstes Spiel jedes Quiz (deine eigenen Quizze nie).
# $accuracy ist ein Prozentwert, z. B. 80%.
leaderboard-my-answers =
    ✅ { $correct } von { $answered ->
        [one] { $answered } Antwort
       *[other] { $answered } Antworten
    } richtig ({ $accuracy })
leaderboard-my-no-answers = ✅ Noch keine Antworten: Spiel ein Quiz mit /play <id> oder mach bei einem in einer Gruppe mit.

## Die Meldung des Knopfs „Mein Platz“: der Platz eines Spielers in einer Runde ($rank 1, 2, ...).
leaderboard-rank-placed =
    Du hast den { $rank }. Platz unter { $players ->
        [one] { $players } Spieler
       *[other] { $players } Spielern
    } belegt – mit { $correct }/{ $questions } richtigen Antworten.
# Ein anderer Spieler hatte dasselbe Ergebnis und denselben Platz.
leaderboard-rank-shared =
    Du teilst dir den { $rank }. Platz unter { $players ->
        [one] { $players } Spieler
       *[other] { $players } Spielern
    } – mit { $correct }/{ $questions } richtigen Antworten.
# Keine richtige Antwort: kein Platz.
leaderboard-rank-unplaced =
    Diesmal keine richtige Antwort (0/{ $questions }), { $players ->
        [one] also keine Platzierung.
       *[other] also kein Platz unter den { $players } Spielern.
    }
leaderboard-rank-not-played = Du hast keine Frage dieses Quiz beantwortet.
