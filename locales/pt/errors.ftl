# Mensagens da infraestrutura do bot (src/bot/texts/errors.ts).

errors-something-went-wrong = Desculpe, algo deu errado do meu lado. Tente de novo daqui a pouco.
errors-unknown-message = Não sei o que fazer com isso. /help mostra o que eu sei fazer.
