# Pieces many texts share (src/bot/texts/format.ts).

# A player with neither a first name nor a username.
player-fallback-name = Player
# A time taken, to a tenth of a second.
time-taken = { NUMBER($seconds, minimumFractionDigits: 1, maximumFractionDigits: 1) } s
# Whole seconds in words: $minutes and $seconds are the parts of the time.
duration =
    { $minutes ->
        [0]
            { $seconds ->
                [one] { $seconds } second
               *[other] { $seconds } seconds
            }
       *[other]
            { $seconds ->
                [0]
                    { $minutes ->
                        [one] { $minutes } minute
                       *[other] { $minutes } minutes
                    }
               *[other] { $minutes } min { $seconds } s
            }
    }
