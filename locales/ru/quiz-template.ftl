quiz-template-title = Столицы мира
quiz-template-question-1 = Столица Франции?
    .options = Берлин | Париж | Рим
    .explanation = Париж — столица с 508 года.
quiz-template-question-2 = Какие из этих городов — столицы?
    .options = Канберра | Сидней | Оттава | Торонто
    .explanation =
        Канберра: Австралия.
        Оттава: Канада.
quiz-template-question-3 = «Большое яблоко», Нью-Йорк, — столица США.
    .options = Верно | Неверно
    .explanation = Столица США — Вашингтон.
quiz-template-question-4 = Самая низкая температура, зарегистрированная в Москве, °C?
