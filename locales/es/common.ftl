# Piezas comunes de los textos (src/bot/texts/format.ts).

player-fallback-name = Jugador
time-taken = { NUMBER($seconds, minimumFractionDigits: 1, maximumFractionDigits: 1) } s
duration =
    { $minutes ->
        [0]
            { $seconds ->
                [one] { $seconds } segundo
               *[other] { $seconds } segundos
            }
       *[other]
            { $seconds ->
                [0]
                    { $minutes ->
                        [one] { $minutes } minuto
                       *[other] { $minutes } minutos
                    }
               *[other] { $minutes } min { $seconds } s
            }
    }
