# Archivos de quiz: /import, /template y /export (src/bot/texts/quiz-files.ts).

quiz-files-import-prompt = 📥 Envíame el archivo del cuestionario ({ $formats }, hasta { $maxKb } KB) como respuesta a este mensaje, o con /import como pie del archivo. Columnas y formatos: /template te envía un archivo de ejemplo.
quiz-files-import-how = Para importar un cuestionario desde este archivo, envíalo otra vez con /import como pie (o envía primero /import).
quiz-files-import-in-private = Los archivos de cuestionario se importan en un chat privado conmigo: envía /import allí.
quiz-files-import-too-big = ⚠️ El archivo pesa { $kb } KB; un archivo de cuestionario puede tener como máximo { $maxKb } KB. No se importó nada.
quiz-files-import-too-many-questions =
    ⚠️ El archivo tiene { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }; un cuestionario admite como máximo { $max } (un archivo, { $fileMax }). Divídelo en varios archivos. No se importó nada.
quiz-files-download-failed = Lo siento, no pude descargar el archivo de Telegram. Envíalo de nuevo, por favor.
quiz-files-template-caption = Un archivo de cuestionario de ejemplo. Edítalo y envíamelo de vuelta con /import como pie. Otros formatos: { $others } o { $last }.
quiz-files-template-usage = No hay ninguna plantilla "{ $word }": prueba { $commands }.
quiz-files-export-usage = ¿Qué cuestionario? P. ej. /export 12 o /export 12 json ({ $formats }; tus cuestionarios: /myquizzes).
quiz-files-export-in-private = Los cuestionarios se exportan en un chat privado conmigo (el archivo muestra las respuestas): envía /export allí.
quiz-files-export-not-yours = El cuestionario { $quizId } no es tuyo: solo su autor puede exportarlo. Tus cuestionarios: /myquizzes
quiz-files-export-caption =
    "{ $title }": { $questions ->
        [one] { $questions } pregunta
       *[other] { $questions } preguntas
    }. Envíame este archivo de vuelta con /import para hacer una copia.
quiz-files-export-misfits =
    ⚠️ En un archivo .{ $format } { $what ->
        [settings] el título o el tiempo por pregunta no volverían
        [questions]
            { $count ->
                [one] la pregunta { $numbers } no volvería
               *[other] las preguntas { $numbers } no volverían
            }
       *[both]
            el título o el tiempo por pregunta y { $count ->
                [one] la pregunta { $numbers }
               *[other] las preguntas { $numbers }
            } no volverían
    } exactamente igual (un archivo .txt no admite imágenes, saltos de línea dentro de una pregunta ni opciones que terminen en " *"). Usa /export <id> csv o /export <id> json.
