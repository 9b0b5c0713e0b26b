# O que uma partida diz no chat (src/bot/texts/run.ts): o anúncio, a pergunta de cada enquete e
# o resultado. Placares como 9/10 e posições vão em algarismos.
# Em português, 0 e 1 caem na categoria "one": por isso as variantes [0].

## O anúncio, antes da primeira pergunta.
run-announce-title = 🎲 Prepare-se para o quiz "{ $title }"
# $duration é o tempo por pergunta por extenso ("15 segundos", "1 min 30 s": common.ftl).
run-announce-facts =
    🖊 { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }
    ⏱ { $duration } por pergunta
# Só em grupos.
run-announce-answers-visible = 📰 As respostas ficam visíveis para todo o grupo
run-announce-first-question = A primeira pergunta chega em instantes.
# Só em grupos.
run-announce-admins-stop = Os administradores podem encerrar o quiz com /stopquiz.

# A pergunta de uma enquete com sua posição: [2/10] Capital da França?
run-poll-question = [{ $position }/{ $count }] { $text }

## O resultado.
run-end-stopped = 🛑 O quiz "{ $title }" foi encerrado antes do fim.
run-end-finished = 🏁 O quiz "{ $title }" terminou!
run-end-no-one-answered = Ninguém respondeu.
run-end-counts =
    { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    } · { $players ->
        [one] { $players } jogador
       *[other] { $players } jogadores
    }
# $place é uma medalha ou "4."; $time, o tempo das respostas certas; $points, um dos textos
# run-credit-*.
run-end-placed-line = { $place } { $name } – { $correct }/{ $questions } certas · { $time } · { $points }
# Quem não acertou nenhuma: sem colocação e sem pontos.
run-end-unplaced-line = • { $name } – { $correct }/{ $questions } certas · sem pontos
# Jogadores que ficaram fora da lista.
run-end-more-players =
    …e mais { $n ->
        [one] { $n } jogador
       *[other] { $n } jogadores
    }
run-end-congratulations = 🏆 Parabéns aos vencedores!
run-end-nobody-correct = Ninguém acertou nenhuma.

## O que um jogador colocado soma aos seus pontos totais.
run-credit-points =
    { $points ->
        [0] 0 pontos
        [one] { $points } ponto
       *[other] { $points } pontos
    }
run-credit-replay = sem pontos: partida repetida
run-credit-own-quiz = sem pontos: quiz próprio
