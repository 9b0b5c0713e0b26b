# Iniciar y detener una partida: /startquiz, /play, los enlaces a un quiz y /stopquiz
# (src/bot/texts/play.ts). Los comandos, «15s», «shuffle» y «10q» se escriben tal cual.

# Cómo indicar un quiz; $command es /startquiz en un grupo y /play en privado.
play-usage = p. ej., { $command } 12 o { $command } 12 15s shuffle (tus cuestionarios: /myquizzes)
# Un enlace a un quiz que no lleva a ninguno; $usage es play-usage.
play-usage-broken-link = Ese enlace no lleva a ningún cuestionario. Pide un enlace nuevo o indica el número del cuestionario, { $usage }.
play-usage-no-quiz = ¿Qué cuestionario? Indica su número, { $usage }.
# $word es el comienzo de lo que se escribió en lugar de un número.
play-usage-not-an-id = «{ $word }» no es un número de cuestionario: indica el número del cuestionario, { $usage }.
# $problem dice qué falla en el tiempo por pregunta (quiz-problems.ftl).
play-period-problem = No se puede iniciar el cuestionario { $quizId }: { $problem }.
play-draw-problem = No se puede iniciar el cuestionario { $quizId }: un sorteo necesita al menos una pregunta (p. ej., 10q juega 10 preguntas elegidas al azar).
play-no-such-quiz = No existe el cuestionario { $quizId }. Tus cuestionarios: /myquizzes
# $mode: group o private.
play-already-running =
    Ya hay un cuestionario en curso aquí (pregunta { $position } de { $count }). { $mode ->
        [group] Un administrador puede detenerlo con /stopquiz.
       *[private] Detenlo con /stopquiz.
    }
play-only-admins-start = Solo los administradores del grupo pueden iniciar un cuestionario.
play-only-admins-stop = Solo los administradores del grupo pueden detener el cuestionario.
play-stopped-group = Cuestionario detenido. Los resultados llegan enseguida.
play-nothing-to-stop-group = No hay ningún cuestionario en curso aquí.
play-stopped-private = Partida detenida. Tus resultados llegan enseguida.
play-nothing-to-stop-private = Ahora mismo no estás jugando ningún cuestionario. Empieza uno con /play <id>.
