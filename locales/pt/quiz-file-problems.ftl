# Os problemas de um arquivo de quiz (src/bot/texts/quiz-file-problems.ts), cada um com a sua linha.
# Nomes de colunas, de campos JSON e extensões chegam em variáveis: são palavras do arquivo e não se traduzem.

quiz-file-problems-refused-outcome = Nada foi importado: corrija o arquivo e envie de novo. /template envia um arquivo de exemplo.

quiz-file-problems-at-line = linha { $line }: { $problem }
quiz-file-problems-at-question = pergunta { $question }: { $problem }
quiz-file-problems-at-question-line = pergunta { $question } (linha { $line }): { $problem }

quiz-file-problems-option-empty = a opção { $option } está vazia
quiz-file-problems-option-too-long =
    a opção { $option } ("{ $preview }") tem mais de { $max } { $max ->
        [one] caractere
       *[other] caracteres
    } ({ $length })
quiz-file-problems-option-twice = a opção { $option } ("{ $preview }") repete uma opção anterior

quiz-file-problems-csv-no-options = ela não tem opções (preencha { $first }, { $second }, …)
quiz-file-problems-csv-no-correct-option = nenhuma opção está marcada como correta (coloque o número dela na coluna { $column }, ex.: 2)
quiz-file-problems-csv-correct-option-missing = um número na coluna { $column } não corresponde a nenhuma opção

quiz-file-problems-json-no-options = "{ $field }" está vazio
quiz-file-problems-json-no-correct-option = nenhuma opção está marcada como correta (coloque o número dela em "{ $field }", ex.: [2])
quiz-file-problems-json-correct-option-missing = um número em "{ $field }" não corresponde a nenhuma opção

quiz-file-problems-too-big = o arquivo tem { $size } MB; eu leio arquivos de até { $max } MB. Divida o quiz em vários arquivos.
quiz-file-problems-empty = o arquivo está vazio
quiz-file-problems-binary = isto não é um arquivo de texto (uma imagem, uma planilha ou um arquivo compactado?); envie o quiz como arquivo { $formats } ou { $last }
quiz-file-problems-not-utf8 = o arquivo não está em UTF-8; salve de novo com a codificação UTF-8 (no Excel: "CSV UTF-8")
quiz-file-problems-no-extension = o nome do arquivo não tem extensão; envie um arquivo { $formats } ou { $last }
quiz-file-problems-workbook = ainda não consigo ler planilhas .{ $extension }; salve a planilha como "CSV UTF-8" e envie esse arquivo
quiz-file-problems-unknown-format = não consigo ler arquivos .{ $extension }; envie um arquivo { $formats } ou { $last }
quiz-file-problems-too-many-questions =
    o arquivo tem { $count } { $count ->
        [one] pergunta
       *[other] perguntas
    }; um arquivo comporta no máximo { $max }
quiz-file-problems-csv-no-questions = não há linhas de perguntas abaixo do cabeçalho
quiz-file-problems-json-no-questions = "{ $field }" está vazio
quiz-file-problems-setting-twice = "{ $name }" aparece duas vezes
quiz-file-problems-title-empty = o título está vazio
quiz-file-problems-default-open-period = o tempo padrão por pergunta: { $problem }
quiz-file-problems-block-too-long =
    esta pergunta se estende por { $lines } { $lines ->
        [one] linha
       *[other] linhas
    } (no máximo { $max }); deixe uma linha em branco entre as perguntas
quiz-file-problems-correct-not-a-number = a célula { $column } "{ $preview }" deve conter números de opções, como 2 ou 1 3
quiz-file-problems-seconds-not-a-number = a célula { $column } "{ $preview }" não é um número inteiro de segundos
quiz-file-problems-bad-media = { $column } "{ $preview }" não é nem uma URL https nem um file id do Telegram (uma foto: a URL ou o id; um vídeo ou animação: video:<origem>, animation:<origem>)
quiz-file-problems-csv-no-header = a primeira linha deve ser o cabeçalho: { $required } ({ $optional } e { $last } são opcionais); /template envia um exemplo
quiz-file-problems-csv-missing-column = o cabeçalho não tem a coluna "{ $column }"
quiz-file-problems-csv-unknown-column = o cabeçalho tem uma coluna "{ $preview }" que eu não conheço (conhecidas: { $known })
quiz-file-problems-csv-duplicate-column = o cabeçalho cita "{ $column }" duas vezes
quiz-file-problems-csv-unknown-setting = "{ $preview }" não é uma configuração; acima do cabeçalho só podem vir as linhas "{ $title }" e "{ $period }"
quiz-file-problems-csv-extra-cells =
    { $count ->
        [one] { $count } célula fica
       *[other] { $count } células ficam
    } fora das colunas do cabeçalho; coloque entre aspas duplas o texto que contém o separador
quiz-file-problems-csv-unclosed-quote = uma aspa dupla aberta aqui nunca é fechada
quiz-file-problems-csv-text-after-quote = há texto depois de uma aspa dupla de fechamento; dentro das aspas, escreva a aspa dupla duas vezes ("")
quiz-file-problems-json-ends-early = o JSON termina cedo demais (falta um {"}"} ou ]?)
quiz-file-problems-json-unexpected = isto não é um JSON válido: '{ $found }' inesperado
quiz-file-problems-json-not-object = o arquivo deve conter um único objeto JSON: {"{"} "{ $questions }": [...] {"}"}
quiz-file-problems-json-question-not-object = uma pergunta deve ser um objeto: {"{"} "{ $question }": ..., "{ $options }": [...], "{ $correct }": [...] {"}"}
quiz-file-problems-json-wrong-type =
    "{ $field }" deve ser { $expected ->
        [object] um objeto
        [list] uma lista [...]
        [text] um texto entre aspas duplas
        [list-of-texts] uma lista de textos, como ["Berlim", "Paris"]
        [list-of-numbers] uma lista de números de opções, como [2] ou [1, 3]
       *[whole-number] um número inteiro de segundos, como 30
    }
quiz-file-problems-json-missing-field = falta "{ $field }"
quiz-file-problems-json-unknown-field = "{ $preview }" não é um campo que eu conheça (conhecidos: { $known })
