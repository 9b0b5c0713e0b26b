# Un comando enviado donde no funciona: /play en un grupo, /startquiz en privado
# (src/bot/texts/wrong-chat.ts). $link es un enlace t.me que abre el bot.

# $link abre nuestro chat privado.
wrong-chat-play-in-group = /play sirve para jugar a solas en nuestro chat privado: { $link }. Para lanzar un cuestionario para todo el grupo, un administrador envía /startquiz <id> aquí.
# $link abre nuestro chat privado con el quiz $quizId listo para jugar.
wrong-chat-play-quiz-in-group = /play sirve para jugar a solas en nuestro chat privado: { $link }. Para lanzar el cuestionario { $quizId } para todo el grupo, un administrador envía /startquiz { $quizId } aquí.
# $link añade el bot a un grupo.
wrong-chat-startquiz-in-private = /startquiz lanza un cuestionario en un grupo: añádeme a uno ({ $link }) y un administrador envía /startquiz <id> allí. Para jugar un cuestionario aquí, a solas: /play <id>.
# $link añade el bot a un grupo y lanza allí el quiz $quizId.
wrong-chat-startquiz-quiz-in-private = /startquiz lanza un cuestionario en un grupo: añádeme a uno ({ $link } lanza allí el cuestionario { $quizId }) o un administrador envía /startquiz { $quizId } en un grupo donde ya estoy. Para jugarlo aquí, a solas: /play { $quizId }.
