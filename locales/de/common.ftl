# Gemeinsame Textbausteine (src/bot/texts/format.ts).

player-fallback-name = Spieler
time-taken = { NUMBER($seconds, minimumFractionDigits: 1, maximumFractionDigits: 1) } s
duration =
    { $minutes ->
        [0]
            { $seconds ->
                [one] { $seconds } Sekunde
               *[other] { $seconds } Sekunden
            }
       *[other]
            { $seconds ->
                [0]
                    { $minutes ->
                        [one] { $minutes } Minute
                       *[other] { $minutes } Minuten
                    }
               *[other] { $minutes } Min. { $seconds } s
            }
    }
