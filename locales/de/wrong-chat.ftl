# Ein Befehl am falschen Ort: /play in einer Gruppe, /startquiz im privaten Chat
# (src/bot/texts/wrong-chat.ts). $link ist ein t.me-Link, der den Bot öffnet.

# $link öffnet unseren privaten Chat.
wrong-chat-play-in-group = /play ist zum Alleinspielen in unserem privaten Chat: { $link }. Für ein Quiz mit der ganzen Gruppe sendet ein Admin hier /startquiz <id>.
# $link öffnet unseren privaten Chat mit Quiz $quizId, bereit zum Spielen.
wrong-chat-play-quiz-in-group = /play ist zum Alleinspielen in unserem privaten Chat: { $link }. Für Quiz { $quizId } mit der ganzen Gruppe sendet ein Admin hier /startquiz { $quizId }.
# $link fügt den Bot einer Gruppe hinzu.
wrong-chat-startquiz-in-private = /startquiz startet ein Quiz in einer Gruppe: Füg mich einer hinzu ({ $link }), dann sendet ein Admin dort /startquiz <id>. Um hier allein ein Quiz zu spielen: /play <id>.
# $link fügt den Bot einer Gruppe hinzu und startet dort Quiz $quizId.
wrong-chat-startquiz-quiz-in-private = /startquiz startet ein Quiz in einer Gruppe: Füg mich einer hinzu ({ $link } startet dort Quiz { $quizId }), oder ein Admin sendet /startquiz { $quizId } in einer Gruppe, in der ich schon bin. Um es hier allein zu spielen: /play { $quizId }.
