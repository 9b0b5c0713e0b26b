# /language (src/bot/texts/language.ts). $name is a language's name in itself (Deutsch, Русский).
language-current-group = This group's language: { $name }. Admins can choose another:
language-current-chosen = I speak { $name } here, as you chose. Choose another:
language-current-auto = I speak { $name } here, the language of your Telegram app. Choose another:
language-auto-button = 🌐 My Telegram app's language
language-set = Done: I speak { $name } here now.
language-set-group = Done: I speak { $name } in this group now.
language-set-auto = Done: I follow your Telegram app's language again ({ $name }).
# $asked is what the user wrote; $codes the codes the bot knows.
language-unknown = I do not speak "{ $asked }". Choose a language with the buttons of /language, or write one of: { $codes }.
language-only-admins = Only the group's admins can change its language.
