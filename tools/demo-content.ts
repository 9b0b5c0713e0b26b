/**
 * What the demo's author types, in each language the bot speaks (`DEMO_LANG`): a quiz in the
 * text format (/help explains it), and the question sent as a photo's caption. The format's
 * markers (`-` an option, `*` a correct one, `>` the explanation) are the same in every language.
 */
import type { Locale } from '../src/i18n/locales.js';

export interface DemoContent {
  title: string;
  questions: string;
  photoQuestion: string;
}

export const DEMO_CONTENT: Readonly<Record<Locale, DemoContent>> = {
  en: {
    title: 'World capitals',
    questions: `Capital of Japan?
- Tokyo *
- Kyoto
- Osaka

Which of these are capitals? (pick all)
- Canberra *
- Sydney
- Ottawa *
- Toronto

Capital of Peru?
- Quito
- Lima *
- Bogotá
> Lima was founded in 1535.

Capital of Kenya?
- Nairobi *
- Mombasa`,
    photoQuestion: `Which city is this?
- Paris *
- Lyon
- Marseille`,
  },
  ru: {
    title: 'Столицы мира',
    questions: `Столица Японии?
- Токио *
- Киото
- Осака

Какие из этих городов — столицы? (выберите все)
- Канберра *
- Сидней
- Оттава *
- Торонто

Столица Перу?
- Кито
- Лима *
- Богота
> Лиму основали в 1535 году.

Столица Кении?
- Найроби *
- Момбаса`,
    photoQuestion: `Что это за город?
- Париж *
- Лион
- Марсель`,
  },
  es: {
    title: 'Capitales del mundo',
    questions: `¿Capital de Japón?
- Tokio *
- Kioto
- Osaka

¿Cuáles de estas son capitales? (elige todas)
- Canberra *
- Sídney
- Ottawa *
- Toronto

¿Capital de Perú?
- Quito
- Lima *
- Bogotá
> Lima fue fundada en 1535.

¿Capital de Kenia?
- Nairobi *
- Mombasa`,
    photoQuestion: `¿Qué ciudad es esta?
- París *
- Lyon
- Marsella`,
  },
  de: {
    title: 'Hauptstädte der Welt',
    questions: `Hauptstadt von Japan?
- Tokio *
- Kyoto
- Osaka

Welche davon sind Hauptstädte? (alle wählen)
- Canberra *
- Sydney
- Ottawa *
- Toronto

Hauptstadt von Peru?
- Quito
- Lima *
- Bogotá
> Lima wurde 1535 gegründet.

Hauptstadt von Kenia?
- Nairobi *
- Mombasa`,
    photoQuestion: `Welche Stadt ist das?
- Paris *
- Lyon
- Marseille`,
  },
  pt: {
    title: 'Capitais do mundo',
    questions: `Capital do Japão?
- Tóquio *
- Quioto
- Osaka

Quais destas são capitais? (escolha todas)
- Camberra *
- Sydney
- Ottawa *
- Toronto

Capital do Peru?
- Quito
- Lima *
- Bogotá
> Lima foi fundada em 1535.

Capital do Quênia?
- Nairóbi *
- Mombaça`,
    photoQuestion: `Que cidade é esta?
- Paris *
- Lyon
- Marselha`,
  },
};
