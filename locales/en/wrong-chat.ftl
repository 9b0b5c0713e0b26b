# A command sent where it does not work: /play in a group, /startquiz in private
# (src/bot/texts/wrong-chat.ts). $link is a t.me link that opens the bot.

# $link opens our private chat.
wrong-chat-play-in-group = /play is for playing alone in our private chat: { $link }. To run a quiz for the whole group, an admin sends /startquiz <id> here.
# $link opens our private chat with quiz $quizId ready to play.
wrong-chat-play-quiz-in-group = /play is for playing alone in our private chat: { $link }. To run quiz { $quizId } for the whole group, an admin sends /startquiz { $quizId } here.
# $link adds the bot to a group.
wrong-chat-startquiz-in-private = /startquiz runs a quiz in a group: add me to one ({ $link }) and an admin sends /startquiz <id> there. To play a quiz here, alone: /play <id>.
# $link adds the bot to a group and starts quiz $quizId there.
wrong-chat-startquiz-quiz-in-private = /startquiz runs a quiz in a group: add me to one ({ $link } starts quiz { $quizId } there), or an admin sends /startquiz { $quizId } in a group where I am. To play it here, alone: /play { $quizId }.
