# /results: um admin do grupo recebe no privado o último quiz terminado como arquivo CSV (src/bot/texts/run-results.ts).
# O arquivo em si (colunas, yes/no) fica em inglês: são dados que programas leem.

run-results-only-admins = Só os admins do grupo podem receber o arquivo de resultados do quiz.
run-results-anonymous = Eu envio o arquivo de resultados no privado, então preciso saber quem é você: envie /results com a sua própria conta, não como o grupo.
run-results-in-private = /results funciona em um grupo: um admin envia o comando lá e eu mando aqui os resultados do último quiz do grupo, como arquivo CSV.
run-results-no-finished-quiz = Nenhum quiz terminou neste chat ainda. Um admin pode iniciar um com /startquiz <id>.
run-results-untitled-quiz = Quiz { $quizId }
run-results-nobody-played = Ninguém respondeu ao último quiz daqui ("{ $title }"): não há resultados para enviar.
run-results-sent = { $admin }, enviei os resultados para você no privado.
run-results-start-private = Ainda não consigo escrever para você no privado: primeiro me inicie lá ({ $link }) e depois envie /results aqui de novo.
run-results-caption =
    📊 Resultados de "{ $title }": { $players ->
        [one] { $players } jogador
       *[other] { $players } jogadores
    }, { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }. O arquivo mostra as respostas de cada jogador: deixe-o só entre os admins.
run-results-caption-in-chat =
    📊 Resultados de "{ $title }" em { $chat }: { $players ->
        [one] { $players } jogador
       *[other] { $players } jogadores
    }, { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }. O arquivo mostra as respostas de cada jogador: deixe-o só entre os admins.
