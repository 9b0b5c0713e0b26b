# Un comando enviado donde no funciona: /play en un grupo, /startquiz en privado
# (src/bot/texts/wrong-chat.ts). $link es un enlace t.me que abre el bot.

# $link abre nuestro chat privado.
wrong-chat-play-in-group = /play sirve para jugar a solas en nuestro chat privado: { $link }. Para lanzar un quiz para todo el grupo, un administrador envía /startquiz <id> aquí.
# $link abre nuestro chat privado con el quiz $quizId listo para jugar.
wrong-chat-play-quiz-in-group = /play sirve para jugar a solas en nuestro chat privado: { $link }. Para lanzar el quiz { $quizId } para todo el grupo, un administrador envía /startquiz { $quizId } aquí.
# $link añade el bot a un grupo.
wrong-chat-startquiz-in-private = /startquiz lanza un quiz en un grupo: añádeme a uno ({ $link }) y un administrador envía /startquiz <id> allí. Para jugar un quiz aquí, a solas: /play <id>.
# $link añade el bot a un grupo y lanza allí el quiz $quizId.
wrong-chat-startquiz-quiz-in-private = /startquiz lanza un quiz en un grupo: añádeme a uno ({ $link } lanza allí el quiz { $quizId }) o un administrador envía /startquiz { $quizId } en un grupo donde ya estoy. Para jugarlo aquí, a solas: /play { $quizId }.
