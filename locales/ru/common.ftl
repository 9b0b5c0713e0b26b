# Общие части текстов (src/bot/texts/format.ts).

player-fallback-name = Игрок
time-taken = { NUMBER($seconds, minimumFractionDigits: 1, maximumFractionDigits: 1) } с
duration =
    { $minutes ->
        [0]
            { $seconds ->
                [one] { $seconds } секунда
                [few] { $seconds } секунды
               *[many] { $seconds } секунд
            }
       *[other]
            { $seconds ->
                [0]
                    { $minutes ->
                        [one] { $minutes } минута
                        [few] { $minutes } минуты
                       *[many] { $minutes } минут
                    }
               *[other] { $minutes } мин { $seconds } с
            }
    }
