# Los problemas de un archivo de quiz (src/bot/texts/quiz-file-problems.ts), cada uno con su línea.
# Los nombres de columnas, de campos JSON y las extensiones llegan en variables: son palabras del archivo y no se traducen.

quiz-file-problems-refused-outcome = No se importó nada: corrige el archivo y envíalo de nuevo. /template te envía un archivo de ejemplo.

quiz-file-problems-at-line = línea { $line }: { $problem }
quiz-file-problems-at-question = pregunta { $question }: { $problem }
quiz-file-problems-at-question-line = pregunta { $question } (línea { $line }): { $problem }

quiz-file-problems-option-empty = la opción { $option } está vacía
quiz-file-problems-option-too-long =
    la opción { $option } («{ $preview }») tiene más de { $max } { $max ->
        [one] carácter
       *[other] caracteres
    } ({ $length })
quiz-file-problems-option-twice = la opción { $option } («{ $preview }») repite una opción anterior

quiz-file-problems-csv-no-options = no tiene opciones (rellena { $first }, { $second }, …)
quiz-file-problems-csv-no-correct-option = ninguna opción está marcada como correcta (pon su número en la columna { $column }, p. ej. 2)
quiz-file-problems-csv-correct-option-missing = un número de la columna { $column } no corresponde a ninguna opción

quiz-file-problems-json-no-options = "{ $field }" está vacío
quiz-file-problems-json-no-correct-option = ninguna opción está marcada como correcta (pon su número en "{ $field }", p. ej. [2])
quiz-file-problems-json-correct-option-missing = un número de "{ $field }" no corresponde a ninguna opción

quiz-file-problems-too-big = el archivo pesa { $size } MB; leo archivos de hasta { $max } MB. Divide el cuestionario en varios archivos.
quiz-file-problems-empty = el archivo está vacío
quiz-file-problems-binary = esto no es un archivo de texto (¿una imagen, una hoja de cálculo o un archivo comprimido?); envía el cuestionario como archivo { $formats } o { $last }
quiz-file-problems-not-utf8 = el archivo no está en UTF-8; guárdalo de nuevo con codificación UTF-8 (en Excel: "CSV UTF-8")
quiz-file-problems-no-extension = el nombre del archivo no tiene extensión; envía un archivo { $formats } o { $last }
quiz-file-problems-workbook = todavía no sé leer hojas de cálculo .{ $extension }; guarda la hoja como "CSV UTF-8" y envía ese archivo
quiz-file-problems-unknown-format = no sé leer archivos .{ $extension }; envía un archivo { $formats } o { $last }
quiz-file-problems-too-many-questions =
    el archivo tiene { $count } { $count ->
        [one] pregunta
       *[other] preguntas
    }; un archivo admite como máximo { $max }
quiz-file-problems-csv-no-questions = no hay filas de preguntas debajo del encabezado
quiz-file-problems-json-no-questions = "{ $field }" está vacío
quiz-file-problems-setting-twice = "{ $name }" aparece dos veces
quiz-file-problems-title-empty = el título está vacío
quiz-file-problems-default-open-period = el tiempo por pregunta predeterminado: { $problem }
quiz-file-problems-block-too-long =
    esta pregunta ocupa { $lines } { $lines ->
        [one] línea
       *[other] líneas
    } (como máximo { $max }); deja una línea en blanco entre preguntas
quiz-file-problems-correct-not-a-number = la celda { $column } «{ $preview }» debe contener números de opción, como 2 o 1 3
quiz-file-problems-seconds-not-a-number = la celda { $column } «{ $preview }» no es un número entero de segundos
quiz-file-problems-bad-media = { $column } «{ $preview }» no es ni una URL https ni un file id de Telegram (una foto: la URL o el id; un video o una animación: video:<origen>, animation:<origen>)
quiz-file-problems-csv-no-header = la primera línea debe ser el encabezado: { $required } ({ $optional } y { $last } son opcionales); /template te envía un ejemplo
quiz-file-problems-csv-missing-column = al encabezado le falta la columna "{ $column }"
quiz-file-problems-csv-unknown-column = el encabezado tiene una columna «{ $preview }» que no conozco (conocidas: { $known })
quiz-file-problems-csv-duplicate-column = el encabezado nombra "{ $column }" dos veces
quiz-file-problems-csv-unknown-setting = «{ $preview }» no es un ajuste; encima del encabezado solo pueden ir las filas "{ $title }" y "{ $period }"
quiz-file-problems-csv-extra-cells =
    { $count ->
        [one] { $count } celda queda
       *[other] { $count } celdas quedan
    } fuera de las columnas del encabezado; pon entre comillas dobles el texto que contenga el separador
quiz-file-problems-csv-unclosed-quote = unas comillas dobles que se abren aquí nunca se cierran
quiz-file-problems-csv-text-after-quote = hay texto después de unas comillas de cierre; dentro de las comillas, escribe las comillas dobles dos veces ("")
quiz-file-problems-json-ends-early = el JSON termina antes de tiempo (¿falta un {"}"} o un ]?)
quiz-file-problems-json-unexpected = esto no es un JSON válido: «{ $found }» inesperado
quiz-file-problems-json-not-object = el archivo debe contener un único objeto JSON: {"{"} "{ $questions }": [...] {"}"}
quiz-file-problems-json-question-not-object = una pregunta debe ser un objeto: {"{"} "{ $question }": ..., "{ $options }": [...], "{ $correct }": [...] {"}"}
quiz-file-problems-json-wrong-type =
    "{ $field }" debe ser { $expected ->
        [object] un objeto
        [list] una lista [...]
        [text] un texto entre comillas dobles
        [list-of-texts] una lista de textos, como ["Berlín", "París"]
        [list-of-numbers] una lista de números de opción, como [2] o [1, 3]
       *[whole-number] un número entero de segundos, como 30
    }
quiz-file-problems-json-missing-field = falta "{ $field }"
quiz-file-problems-json-unknown-field = "{ $preview }" no es un campo que yo conozca (conocidos: { $known })
