# A resposta a /help e /start (src/bot/texts/help.ts). Comandos, seus argumentos
# (<id>, [15s] [shuffle] [10q], [csv|json|txt]) e as marcas do formato ficam como estão.

help-text =
    Eu faço quizzes com as enquetes no modo quiz do Telegram, em grupos ou aqui mesmo, no privado.

    Criar
    /newquiz <título> – cria um quiz: envie as perguntas na mesma mensagem ou uma a uma depois (como texto ou como enquetes no modo quiz)
    /done – salva o quiz que você está criando
    /cancel – descarta o quiz que você está criando
    /myquizzes – seus quizzes e os ids deles
    /edit <id> – muda um quiz seu: o título, o tempo por pergunta e as perguntas, no privado
    /import – cria um quiz a partir de um arquivo (CSV, JSON ou texto; /template envia um exemplo), no privado
    /export <id> [csv|json|txt] – seu quiz como um arquivo que o /import lê de volta, no privado

    Jogar
    /play <id> – joga um quiz aqui, no privado
    /startquiz <id> [15s] [shuffle] [10q] – roda um quiz em um grupo (admins do grupo); opcionalmente o tempo por pergunta, de { $minSeconds }s a { $maxMinutes }m, opções embaralhadas e um sorteio de 10 das perguntas (nenhuma se repete no chat até todas terem saído)
    /stopquiz – para o quiz em andamento no grupo (admins do grupo)
    /results – o último quiz do grupo em um arquivo CSV (as respostas de cada jogador), enviado para você no privado (admins do grupo)
    /leaderboard – os melhores jogadores deste chat
    /myscore – seus pontos e sua taxa de acerto
    /language – o idioma em que eu falo neste chat (em um grupo, quem escolhe são os admins)
    /help – esta mensagem

    Formato do quiz: uma linha em branco entre as perguntas; a primeira linha é a pergunta, cada opção começa com "- ", a correta termina com " *" (pode haver várias) e uma linha opcional com "> " explica a resposta:

    { help-format-example }

    Para jogar em um grupo, me adicione lá: { $groupLink }
help-format-example =
    /newquiz Capitais do mundo
    Capital da França?
    - Berlim
    - Paris *
    - Roma
    > Paris é a capital desde 508.

    Capital do Japão?
    - Tóquio *
    - Quioto
