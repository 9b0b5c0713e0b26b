quiz-template-title = Capitales del mundo
quiz-template-question-1 = ¿Capital de Francia?
    .options = Berlín | París | Roma
    .explanation = París es la capital desde el año 508.
quiz-template-question-2 = ¿Cuáles de estas son capitales?
    .options = Canberra | Sídney | Ottawa | Toronto
    .explanation =
        Canberra: Australia.
        Ottawa: Canadá.
quiz-template-question-3 = La "Gran Manzana", Nueva York, es la capital de EE. UU.
    .options = Verdadero | Falso
    .explanation = La capital es Washington D. C.
quiz-template-question-4 = ¿Temperatura más baja registrada en Moscú, en °C?
