# Сообщения инфраструктуры бота (src/bot/texts/errors.ts).

errors-something-went-wrong = Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.
errors-unknown-message = Не знаю, что с этим делать. /help покажет, что я умею.
