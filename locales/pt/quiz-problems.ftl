# Os problemas de um quiz, de uma pergunta ou de um tempo por pergunta (src/bot/texts/quiz-problems.ts).
# Quase todos vêm depois de "Pergunta N: ", por isso começam com minúscula.

quiz-problems-hours =
    { $count ->
        [one] { $count } hora
       *[other] { $count } horas
    }
quiz-problems-minutes =
    { $count ->
        [one] { $count } minuto
       *[other] { $count } minutos
    }
# Em português, o plural "one" vale também para 0: por isso a variante [0].
quiz-problems-seconds =
    { $count ->
        [0] { $count } segundos
        [one] { $count } segundo
       *[other] { $count } segundos
    }
quiz-problems-question = Pergunta { $number }: { $problem }
quiz-problems-no-questions = Nenhuma pergunta encontrada. Escreva a pergunta em uma linha, depois cada opção em uma linha própria começando com "- ", e termine a correta com " *".
quiz-problems-option-as-question = a primeira linha deve ser a pergunta, não uma opção
quiz-problems-stray-line = a linha "{ $line }" não é uma opção (comece com "- ") nem uma explicação (comece com "> "); deixe uma linha em branco antes de uma nova pergunta
quiz-problems-text-empty = o texto da pergunta está vazio
quiz-problems-text-too-long = a pergunta tem mais de { $max } caracteres ({ $length })
quiz-problems-no-options = ela não tem opções (escreva cada uma em uma linha própria começando com "- ")
quiz-problems-too-many-options = ela tem { $count } opções; o Telegram permite no máximo { $max }
quiz-problems-option-empty = uma opção está vazia
quiz-problems-option-too-long = a opção "{ $option }" tem mais de { $max } caracteres ({ $length })
quiz-problems-option-twice = a opção "{ $option }" aparece duas vezes
quiz-problems-no-correct-option = nenhuma opção está marcada como correta (termine a correta com " *")
quiz-problems-correct-option-missing = uma resposta correta não corresponde a nenhuma opção
quiz-problems-explanation-too-long = a explicação tem mais de { $max } caracteres ({ $length })
quiz-problems-explanation-too-many-lines = a explicação tem { $lines } linhas; o Telegram permite no máximo { $max }
quiz-problems-open-period-out-of-range = o tempo limite dela é de { $time }; uma pergunta fica aberta entre { $min } e { $max }
quiz-problems-regular-poll = esta é uma enquete comum, não um quiz; crie de novo com o "Modo Quiz" ativado no editor de enquetes e marque a resposta correta
quiz-problems-correct-answer-hidden = o Telegram não me informou a resposta correta deste quiz (ele a esconde em quizzes encaminhados); crie o quiz aqui com o editor de enquetes em vez de encaminhá-lo
quiz-problems-not-a-period = "{ $text }" não é um tempo por pergunta; escreva segundos (15 ou 15s), minutos (2m) ou os dois (1m30s)
quiz-problems-period-out-of-range = o tempo por pergunta deve ficar entre { $min } e { $max }, mas veio "{ $text }"
