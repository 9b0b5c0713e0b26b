# The example quiz of /template (src/bot/texts/quiz-template.ts). Options are separated by " | ";
# the explanation of question 2 is on two lines, as the template shows that a cell can be.
quiz-template-title = World capitals
quiz-template-question-1 = Capital of France?
    .options = Berlin | Paris | Rome
    .explanation = Paris has been the capital since 508.
quiz-template-question-2 = Which of these are capitals?
    .options = Canberra | Sydney | Ottawa | Toronto
    .explanation =
        Canberra: Australia.
        Ottawa: Canada.
quiz-template-question-3 = The "Big Apple", New York, is the capital of the USA.
    .options = True | False
    .explanation = The capital is Washington, D.C.
quiz-template-question-4 = Lowest temperature recorded in Moscow, °C?
