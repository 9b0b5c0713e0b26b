# La respuesta a /help y /start (src/bot/texts/help.ts). Los comandos, sus argumentos
# (<id>, [15s] [shuffle] [10q], [csv|json|txt]) y las marcas del formato no se traducen.

help-text =
    Organizo cuestionarios con las encuestas en modo cuestionario de Telegram, en grupos o aquí mismo, en privado.

    Crear
    /newquiz <título> – crea un cuestionario: envía sus preguntas en el mismo mensaje o una a una después (como texto o como encuestas en modo cuestionario)
    /done – guarda el cuestionario que estás creando
    /cancel – descarta el cuestionario que estás creando
    /myquizzes – tus cuestionarios y sus ids
    /edit <id> – cambia uno de tus cuestionarios: el título, el tiempo por pregunta y las preguntas, en privado
    /import – crea un cuestionario a partir de un archivo (CSV, JSON o texto; /template envía un ejemplo), en privado
    /export <id> [csv|json|txt] – tu cuestionario como archivo que /import vuelve a leer, en privado

    Jugar
    /play <id> – juega un cuestionario aquí, en privado
    /startquiz <id> [15s] [shuffle] [10q] – lanza un cuestionario en un grupo (admins del grupo); opcionalmente, el tiempo por pregunta, de { $minSeconds }s a { $maxMinutes }m, las opciones mezcladas y 10 de sus preguntas al azar (ninguna se repite en el chat hasta que hayan salido todas)
    /stopquiz – detiene el cuestionario en curso del grupo (admins del grupo)
    /results – el último cuestionario del grupo en un archivo CSV (las respuestas de cada jugador), enviado a tu chat privado (admins del grupo)
    /leaderboard – los mejores jugadores de este chat
    /myscore – tus puntos y tu precisión
    /language – el idioma en el que hablo en este chat (en un grupo lo eligen sus admins)
    /help – este mensaje

    Formato: una línea en blanco entre preguntas; la primera línea es la pregunta, cada opción empieza por "- ", la correcta termina en " *" (puede haber varias) y una línea opcional con "> " explica la respuesta:

    { help-format-example }

    Para jugar en un grupo, añádeme allí: { $groupLink }
help-format-example =
    /newquiz Capitales del mundo
    ¿Capital de Francia?
    - Berlín
    - París *
    - Roma
    > París es la capital desde el año 508.

    ¿Capital de Japón?
    - Tokio *
    - Kioto
