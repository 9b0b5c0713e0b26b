# Arquivos de quiz: /import, /template e /export (src/bot/texts/quiz-files.ts).

quiz-files-import-prompt = 📥 Envie o arquivo do quiz ({ $formats }, até { $maxKb } KB) como resposta a esta mensagem, ou com /import na legenda. Colunas e formatos: /template envia um arquivo de exemplo.
quiz-files-import-how = Para importar um quiz deste arquivo, envie-o de novo com /import na legenda (ou envie /import antes).
quiz-files-import-in-private = Arquivos de quiz são importados no chat privado comigo: envie /import lá.
quiz-files-import-too-big = ⚠️ O arquivo tem { $kb } KB; um arquivo de quiz pode ter no máximo { $maxKb } KB. Nada foi importado.
quiz-files-import-too-many-questions =
    ⚠️ O arquivo tem { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }; um quiz comporta no máximo { $max } (um arquivo, no máximo { $fileMax }). Divida-o em vários arquivos. Nada foi importado.
quiz-files-download-failed = Desculpe, não consegui baixar o arquivo do Telegram. Envie-o de novo, por favor.
quiz-files-template-caption = Um arquivo de quiz de exemplo. Edite-o e depois envie de volta com /import na legenda. Outros formatos: { $others } ou { $last }.
quiz-files-template-usage = Não existe o modelo "{ $word }": tente { $commands }.
quiz-files-export-usage = Qual quiz? Ex.: /export 12 ou /export 12 json ({ $formats }; seus quizzes: /myquizzes).
quiz-files-export-in-private = Quizzes são exportados no chat privado comigo (o arquivo mostra as respostas): envie /export lá.
quiz-files-export-not-yours = O quiz { $quizId } não é seu: só o autor pode exportá-lo. Seus quizzes: /myquizzes
quiz-files-export-caption =
    "{ $title }": { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }. Envie este arquivo de volta com /import para fazer uma cópia.
quiz-files-export-misfits =
    ⚠️ Num arquivo .{ $format }, { $what ->
        [settings] o título ou o tempo por pergunta não voltariam
        [questions]
            { $count ->
                [one] a pergunta { $numbers } não voltaria
               *[other] as perguntas { $numbers } não voltariam
            }
       *[both]
            o título ou o tempo por pergunta e { $count ->
                [one] a pergunta { $numbers }
               *[other] as perguntas { $numbers }
            } não voltariam
    } do mesmo jeito (um arquivo .txt não guarda imagens, quebras de linha dentro de uma pergunta nem opções terminadas em " *"). Use /export <id> csv ou /export <id> json.
