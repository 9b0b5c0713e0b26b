quiz-template-title = Hauptstädte der Welt
quiz-template-question-1 = Hauptstadt von Frankreich?
    .options = Berlin | Paris | Rom
    .explanation = Paris ist seit 508 die Hauptstadt.
quiz-template-question-2 = Welche davon sind Hauptstädte?
    .options = Canberra | Sydney | Ottawa | Toronto
    .explanation =
        Canberra: Australien.
        Ottawa: Kanada.
quiz-template-question-3 = Der „Big Apple“, New York, ist die Hauptstadt der USA.
    .options = Richtig | Falsch
    .explanation = Die Hauptstadt ist Washington, D.C.
quiz-template-question-4 = Tiefste in Moskau gemessene Temperatur, in °C?
