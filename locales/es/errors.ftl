# Mensajes de la infraestructura del bot (src/bot/texts/errors.ts).

errors-something-went-wrong = Lo siento, algo falló por mi parte. Vuelve a intentarlo en un momento.
errors-unknown-message = No sé qué hacer con eso. /help muestra lo que puedo hacer.
