# /leaderboard, /myscore e o botão "Minha posição" sob o resultado de um quiz em grupo
# (src/bot/texts/leaderboard.ts). Placares como 40/50 vão em algarismos.
# Em português, 0 e 1 caem na categoria "one": por isso as variantes [0].

leaderboard-my-rank-button = Minha posição

## /leaderboard; $chat é o nome do grupo.
leaderboard-empty = Ainda não há pontuações. Jogue um quiz (/play <id> no privado ou /startquiz <id> num grupo) e os melhores jogadores aparecem aqui.
leaderboard-empty-in-chat = Ainda não há pontuações em { $chat }. Jogue um quiz (/play <id> no privado ou /startquiz <id> num grupo) e os melhores jogadores aparecem aqui.
leaderboard-head = 🏆 Melhores jogadores
leaderboard-head-in-chat = 🏆 Melhores jogadores de { $chat }
# $place é uma medalha ou "4."; $correct/$answered, as respostas do jogador em todos os quizzes dele.
leaderboard-line =
    { $place } { $name } – { $points ->
        [0] 0 pontos
        [one] { $points } ponto
       *[other] { $points } pontos
    } ({ $quizzes ->
        [one] { $quizzes } quiz
       *[other] { $quizzes } quizzes
    }, { $correct }/{ $answered } certas)
# Jogadores que ficaram fora da lista.
leaderboard-more-players =
    …e mais { $n ->
        [one] { $n } jogador
       *[other] { $n } jogadores
    }

## /myscore: os totais de um jogador em todos os chats.
# $answers é leaderboard-my-answers ou leaderboard-my-no-answers.
leaderboard-my-score =
    📊 { $name }

    ⭐ { $points ->
        [0] 0 pontos
        [one] { $points } ponto
       *[other] { $points } pontos
    }
    🎲 { $quizzes ->
        [0] 0 quizzes jogados
        [one] { $quizzes } quiz jogado
       *[other] { $quizzes } quizzes jogados
    }
    { $answers }

    Só conta a sua primeira partida de cada quiz (nunca a dos seus próprios quizzes).
# $accuracy é uma porcentagem, por exemplo 80%.
leaderboard-my-answers =
    ✅ { $correct } de { $answered ->
        [one] { $answered } resposta certa
       *[other] { $answered } respostas certas
    } ({ $accuracy })
leaderboard-my-no-answers = ✅ Nenhuma resposta ainda: jogue um quiz com /play <id> ou participe de um num grupo.

## O aviso do botão "Minha posição": a colocação de um jogador numa partida ($rank 1, 2, ...).
leaderboard-rank-placed =
    Você ficou em { $rank }º lugar entre { $players ->
        [one] { $players } jogador
       *[other] { $players } jogadores
    }, com { $correct }/{ $questions } certas.
# Outro jogador teve o mesmo resultado e a mesma colocação.
leaderboard-rank-shared =
    Você divide o { $rank }º lugar entre { $players ->
        [one] { $players } jogador
       *[other] { $players } jogadores
    }, com { $correct }/{ $questions } certas.
# Sem respostas certas, sem colocação.
leaderboard-rank-unplaced =
    Nenhuma resposta certa desta vez (0/{ $questions }), então você fica sem colocação{ $players ->
        [one] .
       *[other] {" "}entre os { $players } jogadores.
    }
leaderboard-rank-not-played = Você não respondeu nenhuma pergunta deste quiz.
