# Edição de um quiz no privado: /edit <id> e suas ações (src/bot/texts/edit-quiz.ts). Comandos e
# ações (title, time, replace, insert, add, delete, move) são o que o usuário digita: ficam como estão.
# Em português, o plural "one" vale para 0 e 1: onde pode haver 0, há uma variante [0].

edit-quiz-note-options =
    { $count ->
        [one] { $count } opção
       *[other] { $count } opções
    }
edit-quiz-note-correct =
    { $count ->
        [one] { $count } correta
       *[other] { $count } corretas
    }
edit-quiz-note-seconds = { $seconds } s
edit-quiz-note-media =
    { $type ->
        [photo] foto
        [video] vídeo
       *[animation] animação
    }
edit-quiz-question-line = { $number }. { $question } ({ $notes })
edit-quiz-overview-head =
    ✏️ Quiz { $id } "{ $title }": { $questions ->
        [one] { $questions } pergunta
       *[other] { $questions } perguntas
    }, { $seconds } s por pergunta.
edit-quiz-help =
    Para mudar:
    /edit { $id } title <novo título>
    /edit { $id } time <segundos por pergunta>
    /edit { $id } replace <n> e, nas linhas seguintes, a nova pergunta
    /edit { $id } insert <n> e, nas linhas seguintes, as perguntas (entram antes da pergunta n)
    /edit { $id } add e, nas linhas seguintes, as perguntas (entram no final)
    /edit { $id } delete <n>
    /edit { $id } move <n> <m>
    As perguntas são escritas como no /newquiz (/help mostra o formato). Um quiz que já está rodando continua com as perguntas com que começou.
edit-quiz-usage = Qual quiz? Por exemplo, /edit 12 mostra o quiz 12 e como mudá-lo (seus quizzes: /myquizzes).
edit-quiz-in-private = Quizzes são editados no chat privado comigo (as perguntas mostram as respostas): envie /edit lá.
edit-quiz-not-an-id = "{ $word }" não é um número de quiz. { edit-quiz-usage }
edit-quiz-unknown-action = Não sei fazer "{ $word }" com um quiz.
edit-quiz-example =
    { $action ->
        [title] /edit { $id } title Capitais do mundo
        [time] /edit { $id } time 20
        [replace] /edit { $id } replace 3 e, na linha seguinte, a pergunta e as opções ("- " antes de cada uma, " *" depois da correta)
        [insert] /edit { $id } insert 3 e, nas linhas seguintes, as perguntas que entram antes da pergunta 3
        [add] /edit { $id } add e, nas linhas seguintes, as perguntas que entram no final
        [delete] /edit { $id } delete 3
        [move] /edit { $id } move 3 1 (a pergunta 3 vira a pergunta 1)
       *[show] /edit { $id }
    }
edit-quiz-needs-number = { $action } precisa de um número de pergunta: { $example }. O /edit { $id } mostra os números.
edit-quiz-needs-number-not = { $action } precisa de um número de pergunta, não "{ $word }": { $example }. O /edit { $id } mostra os números.
edit-quiz-needs-title = Escreva o novo título depois do comando: { $example }
edit-quiz-needs-time = Escreva os segundos por pergunta depois do comando: { $example } (ou 1m30s)
edit-quiz-needs-question =
    { $action ->
        [replace] Escreva a pergunta nas linhas depois do comando, como no /newquiz: { $example }
       *[other] Escreva as perguntas nas linhas depois do comando, como no /newquiz: { $example }
    }
edit-quiz-extra =
    "{ $text }" é mais do que { $action ->
        [show] /edit { $id }
       *[other] { $action }
    } aceita: { $example }
edit-quiz-no-such-question = O quiz { $id } não tem a pergunta { $number }: as perguntas dele vão de 1 a { $count }. O /edit { $id } mostra todas. Nada foi alterado.
edit-quiz-no-such-place = As perguntas podem entrar antes da pergunta 1 até a { $end } ({ $end }: no final), não antes da { $number }. Nada foi alterado.
edit-quiz-last-question = A pergunta 1 é a única do quiz { $id }, e um quiz precisa de pelo menos uma. Substitua-a (/edit { $id } replace 1) ou apague o quiz inteiro em /myquizzes. Nada foi alterado.
edit-quiz-too-many =
    Um quiz comporta no máximo { $max } perguntas. O quiz { $id } tem { $count } e a sua mensagem tem { $adding }, mas { $room ->
        [0] ele já está cheio
        [one] só cabe mais { $room }
       *[other] só cabem mais { $room }
    }. Nada foi alterado.
edit-quiz-same-place = A pergunta { $number } já está nessa posição. Nada foi alterado.
edit-quiz-nothing-changed = Nada foi alterado; corrija e envie o comando de novo.
edit-quiz-replace-takes-one = replace aceita uma pergunta só, e sua mensagem tem { $count }. Para adicionar perguntas, use insert ou add.
edit-quiz-now =
    O quiz { $id } agora tem { $count ->
        [0] nenhuma pergunta
        [one] { $count } pergunta
       *[other] { $count } perguntas
    }. O /edit { $id } mostra as perguntas.
edit-quiz-title-changed = ✅ O quiz { $id } agora se chama "{ $title }".
edit-quiz-time-changed = ✅ As perguntas do quiz { $id } agora ficam abertas por { $seconds } s (a menos que a pergunta tenha um tempo próprio).
edit-quiz-deleted = ✅ Pergunta { $number } apagada: { $question }
edit-quiz-moved = ✅ A pergunta { $from } agora é a pergunta { $to }:
edit-quiz-replaced = ✅ Pergunta { $number } substituída:
edit-quiz-added-one = ✅ Pergunta { $number } adicionada:
edit-quiz-added-many = ✅ Perguntas { $first }-{ $last } adicionadas:
edit-quiz-added-more = …e mais { $count }
edit-quiz-time-refused = Não dá para usar esse tempo: { $problem }. Nada foi alterado.
edit-quiz-photo-without-question = Uma foto vai com uma pergunta: coloque na legenda /edit 12 replace 3 (ou insert 3, ou add) e a pergunta nas linhas seguintes. Nada foi alterado.
