# Um comando enviado onde não funciona: /play num grupo, /startquiz no privado
# (src/bot/texts/wrong-chat.ts). $link é um link t.me que abre o bot.

# $link abre o nosso chat privado.
wrong-chat-play-in-group = /play é para jogar sozinho no nosso chat privado: { $link }. Para rodar um quiz com o grupo todo, um administrador envia /startquiz <id> aqui.
# $link abre o nosso chat privado com o quiz $quizId pronto para jogar.
wrong-chat-play-quiz-in-group = /play é para jogar sozinho no nosso chat privado: { $link }. Para rodar o quiz { $quizId } com o grupo todo, um administrador envia /startquiz { $quizId } aqui.
# $link adiciona o bot a um grupo.
wrong-chat-startquiz-in-private = /startquiz roda um quiz num grupo: me adicione a um ({ $link }) e um administrador envia /startquiz <id> lá. Para jogar um quiz aqui, sozinho: /play <id>.
# $link adiciona o bot a um grupo e inicia lá o quiz $quizId.
wrong-chat-startquiz-quiz-in-private = /startquiz roda um quiz num grupo: me adicione a um ({ $link } inicia lá o quiz { $quizId }) ou um administrador envia /startquiz { $quizId } num grupo em que eu já esteja. Para jogá-lo aqui, sozinho: /play { $quizId }.
