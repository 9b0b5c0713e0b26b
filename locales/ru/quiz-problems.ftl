# Ошибки в тексте викторины, в вопросе или во времени на вопрос (src/bot/texts/quiz-problems.ts).
# Большинство — части фразы после «Вопрос N: », поэтому со строчной буквы.

quiz-problems-hours =
    { $count ->
        [one] { $count } час
        [few] { $count } часа
       *[many] { $count } часов
    }
quiz-problems-minutes =
    { $count ->
        [one] { $count } минута
        [few] { $count } минуты
       *[many] { $count } минут
    }
quiz-problems-seconds =
    { $count ->
        [one] { $count } секунда
        [few] { $count } секунды
       *[many] { $count } секунд
    }
quiz-problems-question = Вопрос { $number }: { $problem }
quiz-problems-no-questions = Вопросы не найдены. Напишите вопрос в одной строке, затем каждый вариант ответа с новой строки, начиная с «- », а правильный закончите на « *».
quiz-problems-option-as-question = первой строкой должен быть вопрос, а не вариант ответа
quiz-problems-stray-line = строка «{ $line }» — не вариант ответа (начните её с «- ») и не пояснение (начните с «> »); перед новым вопросом нужна пустая строка
quiz-problems-text-empty = текст вопроса пустой
quiz-problems-text-too-long =
    вопрос длиннее { $max ->
        [one] { $max } символа
       *[other] { $max } символов
    } ({ $length })
quiz-problems-no-options = нет вариантов ответа (пишите каждый с новой строки, начиная с «- »)
quiz-problems-too-many-options =
    в нём { $count ->
        [one] { $count } вариант
        [few] { $count } варианта
       *[many] { $count } вариантов
    } ответа, а Telegram разрешает не больше { $max }
quiz-problems-option-empty = один из вариантов ответа пустой
quiz-problems-option-too-long =
    вариант «{ $option }» длиннее { $max ->
        [one] { $max } символа
       *[other] { $max } символов
    } ({ $length })
quiz-problems-option-twice = вариант «{ $option }» повторяется
quiz-problems-no-correct-option = ни один вариант не отмечен как правильный (закончите правильный на « *»)
quiz-problems-correct-option-missing = правильный ответ не указывает ни на один вариант
quiz-problems-explanation-too-long =
    пояснение длиннее { $max ->
        [one] { $max } символа
       *[other] { $max } символов
    } ({ $length })
quiz-problems-explanation-too-many-lines =
    в пояснении { $lines ->
        [one] { $lines } строка
        [few] { $lines } строки
       *[many] { $lines } строк
    }, а Telegram разрешает не больше { $max }
quiz-problems-open-period-out-of-range = время на вопрос — { $time }, а вопрос может быть открыт от { $min } до { $max }
quiz-problems-regular-poll = это обычный опрос, а не викторина; создайте его заново с включённым режимом «Викторина» и отметьте правильный ответ
quiz-problems-correct-answer-hidden = Telegram не сообщил мне правильный ответ этой викторины (в пересланных викторинах он скрыт); создайте викторину здесь, в редакторе опросов, а не пересылайте её
quiz-problems-not-a-period = «{ $text }» — это не время на вопрос; укажите секунды (15 или 15s), минуты (2m) или и то и другое (1m30s)
quiz-problems-period-out-of-range = время на вопрос должно быть от { $min } до { $max }, а указано «{ $text }»
