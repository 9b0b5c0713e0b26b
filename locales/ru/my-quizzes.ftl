# /myquizzes: список, кнопки удаления и ответы на них (src/bot/texts/my-quizzes.ts).

my-quizzes-empty = У вас пока нет викторин. Отправьте /newquiz <название>, чтобы создать первую; формат покажет /help.
my-quizzes-head = 📚 Ваши викторины ({ $count }):
my-quizzes-line =
    🔹 { $title } (id { $id }) – { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    }, { $date }
my-quizzes-more =
    …и ещё { $count ->
        [one] { $count } викторина
        [few] { $count } викторины
       *[many] { $count } викторин
    }
my-quizzes-tail = Сыграть здесь: /play <id>, провести в группе: /startquiz <id>.
my-quizzes-confirm-delete = Удалить викторину #{ $id } «{ $title }»? Результаты уже сыгранных игр сохранятся.
my-quizzes-deleted = Викторина #{ $id } удалена.
my-quizzes-already-deleted = Эта викторина уже удалена.
my-quizzes-no-such-quiz = Такой викторины нет.
my-quizzes-owner-only-delete = Удалить викторину может только её автор.
my-quizzes-owner-only-answer = Ответить на это может только автор викторины.
my-quizzes-button-delete = 🗑 Удалить #{ $id }
my-quizzes-button-confirm-delete = Да, удалить
my-quizzes-button-keep = Оставить
