quiz-template-title = Capitais do mundo
quiz-template-question-1 = Capital da França?
    .options = Berlim | Paris | Roma
    .explanation = Paris é a capital desde 508.
quiz-template-question-2 = Quais destas são capitais?
    .options = Camberra | Sydney | Ottawa | Toronto
    .explanation =
        Camberra: Austrália.
        Ottawa: Canadá.
quiz-template-question-3 = A "Grande Maçã", Nova York, é a capital dos EUA.
    .options = Verdadeiro | Falso
    .explanation = A capital é Washington, D.C.
quiz-template-question-4 = Menor temperatura já registrada em Moscou, em °C?
