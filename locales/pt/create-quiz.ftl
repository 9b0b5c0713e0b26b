# Criação de quizzes: /newquiz em uma mensagem só e o modo guiado (src/bot/texts/create-quiz.ts).
# Em português, o plural "one" vale para 0 e 1: onde pode haver 0, há uma variante [0].

create-quiz-created =
    ✅ Quiz "{ $title }" salvo com { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    } (id { $id }).

    Jogue no privado: { $privateLink }
    Jogue em um grupo: { $groupLink }
    Em um grupo onde eu já estou, um admin envia /startquiz { $id }
create-quiz-problems-head =
    { $count ->
        [one] ⚠️ Seu quiz tem um problema:
       *[other] ⚠️ Seu quiz tem { $count } problemas:
    }
create-quiz-problems-more = …e mais { $count }
create-quiz-nothing-saved = Nada foi salvo; corrija e envie de novo.
create-quiz-problem-title = Título: { $problem }
create-quiz-problem-too-many-blocks = Perguntas: o quiz tem { $count }; um quiz comporta no máximo { $max } (divida em vários quizzes)
create-quiz-title-empty = o quiz não tem título; escreva logo depois de /newquiz, na mesma linha, por exemplo /newquiz Capitais do mundo
create-quiz-title-multiline = o título precisa caber em uma linha
create-quiz-title-too-long = o título tem mais de { $max } caracteres ({ $length })
create-quiz-title-refused = Não dá para usar esse título: { $problem }.
create-quiz-title-answer-refused = Isso não pode ser o título: { $problem }. Envie o título do quiz em uma linha ou /cancel.
create-quiz-draft-gone = Envie /newquiz de novo, por favor.
create-quiz-ask-title = Vamos criar um quiz. Qual vai ser o título? Envie em uma linha (até { $max } caracteres) ou /cancel.
create-quiz-ask-questions =
    Criando "{ $title }". Agora envie as perguntas, uma ou várias por mensagem:

    • uma enquete no modo quiz: anexar ➝ Enquete, ative o "Modo Quiz" e marque a(s) resposta(s) correta(s);
    • ou texto: a pergunta na primeira linha, cada opção em uma linha própria começando com "- ", a correta terminando com " *" e, se quiser, uma linha com "> " para explicar; uma linha em branco entre as perguntas:

    Capital da França?
    - Berlim
    - Paris *
    > Paris é a capital desde 508.

    • ou uma foto com uma dessas perguntas na legenda: a imagem aparece junto com a pergunta.

    /done salva o quiz, /cancel descarta.
create-quiz-next-step = Envie a próxima, /done para salvar ou /cancel.
create-quiz-question-added = Pergunta { $number } adicionada: { $question } { create-quiz-next-step }
create-quiz-questions-added = Perguntas { $first }-{ $last } adicionadas:
create-quiz-too-many-questions =
    Um quiz comporta no máximo { $max } perguntas. O seu tem { $has } e a sua mensagem tem { $adding }, mas { $room ->
        [0] ele já está cheio
        [one] só cabe mais { $room }
       *[other] só cabem mais { $room }
    }. Nada dessa mensagem foi adicionado. Envie /done para salvar o quiz.
create-quiz-draft-kept =
    { $questions ->
        [0] Nada dessa mensagem foi adicionado; "{ $title }" ainda não tem perguntas. Corrija e envie de novo.
       *[other] Nada dessa mensagem foi adicionado; "{ $title }" continua com { $questions ->
            [one] { $questions } pergunta
           *[other] { $questions } perguntas
        }. Corrija e envie de novo, ou use /done para salvar o que já tem.
    }
create-quiz-draft-exists-untitled = Você já está criando um quiz: envie o título ou /cancel para descartá-lo.
create-quiz-draft-exists =
    Você já está criando "{ $title }" ({ $questions ->
        [0] nenhuma pergunta ainda
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }). Envie mais perguntas, /done para salvar ou /cancel para descartar e começar de novo.
create-quiz-in-private =
    Vamos criar seu quiz no nosso chat privado, onde você pode enviar as perguntas uma a uma: { $link }

    Ou envie tudo aqui em uma mensagem só: /newquiz <título> e as perguntas a partir da linha seguinte (/help mostra o formato).
create-quiz-title-first = Primeiro envie o título do quiz como mensagem de texto (uma linha), depois as perguntas.
create-quiz-no-questions = Seu quiz ainda não tem perguntas. Envie pelo menos uma (uma enquete no modo quiz ou uma pergunta no formato de texto) e depois /done.
create-quiz-no-draft = Você não está criando nenhum quiz agora. Comece um com /newquiz <título>.
create-quiz-discarded = Descartado. Nada foi salvo.
create-quiz-nothing-to-cancel = Você não está criando nenhum quiz, então não há nada para cancelar.
create-quiz-poll-without-draft = Para montar um quiz com enquetes, envie /newquiz primeiro e depois me mande as enquetes.
create-quiz-photo-without-draft = Para adicionar uma pergunta com imagem, envie /newquiz primeiro e depois a foto com a pergunta na legenda.
create-quiz-one-question-per-photo = Cada foto leva uma pergunta: na legenda, a pergunta na primeira linha e as opções embaixo. Envie as outras como texto ou em outras fotos.
create-quiz-poll-media-dropped = O anexo da enquete ficou de fora: uma pergunta pode mostrar uma foto, um vídeo ou uma animação, mas não outros arquivos nem locais.
