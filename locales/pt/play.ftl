# Iniciar e parar uma partida: /startquiz, /play, os links de quiz e /stopquiz
# (src/bot/texts/play.ts). Comandos, "15s", "shuffle" e "10q" são digitados assim mesmo.

# Como indicar um quiz; $command é /startquiz num grupo e /play no privado.
play-usage = por exemplo, { $command } 12 ou { $command } 12 15s shuffle (seus quizzes: /myquizzes)
# Um link de quiz que não leva a nenhum; $usage é play-usage.
play-usage-broken-link = Esse link não leva a nenhum quiz. Peça um link novo ou informe o número do quiz, { $usage }.
play-usage-no-quiz = Qual quiz? Informe o número dele, { $usage }.
# $word é o começo do que foi escrito no lugar de um número.
play-usage-not-an-id = "{ $word }" não é um número de quiz: informe o número do quiz, { $usage }.
# $problem diz o que há de errado com o tempo por pergunta (quiz-problems.ftl).
play-period-problem = Não foi possível iniciar o quiz { $quizId }: { $problem }.
play-draw-problem = Não foi possível iniciar o quiz { $quizId }: um sorteio precisa de pelo menos uma pergunta (por exemplo, 10q joga 10 perguntas sorteadas).
play-no-such-quiz = O quiz { $quizId } não existe. Seus quizzes: /myquizzes
# $mode: group ou private.
play-already-running =
    Já tem um quiz em andamento aqui (pergunta { $position } de { $count }). { $mode ->
        [group] Um administrador pode pará-lo com /stopquiz.
       *[private] Para pará-lo, use /stopquiz.
    }
play-only-admins-start = Só os administradores do grupo podem iniciar um quiz.
play-only-admins-stop = Só os administradores do grupo podem parar o quiz.
play-stopped-group = Quiz encerrado. O resultado já vem.
play-nothing-to-stop-group = Não há nenhum quiz em andamento aqui.
play-stopped-private = Jogo encerrado. Seu resultado já vem.
play-nothing-to-stop-private = Você não está jogando nenhum quiz agora. Comece um com /play <id>.
