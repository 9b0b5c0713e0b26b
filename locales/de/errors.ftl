# Meldungen der Infrastruktur des Bots (src/bot/texts/errors.ts).

errors-something-went-wrong = Entschuldige, bei mir ist etwas schiefgelaufen. Versuch es gleich noch einmal.
errors-unknown-message = Damit kann ich nichts anfangen. /help zeigt, was ich kann.
