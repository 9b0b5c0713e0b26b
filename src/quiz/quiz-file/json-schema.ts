/**
 * The JSON quiz file's fields, the one owner of their names:
 *
 *     {
 *       "title": "World capitals",          // optional
 *       "open_period_s": 30,                // optional: default seconds per question
 *       "questions": [                      // required, 1 to 1,000
 *         {
 *           "question": "Capital of France?",
 *           "options": ["Berlin", "Paris", "Rome"],
 *           "correct": [2],                 // 1-based option numbers, one or several
 *           "explanation": "Since 508.",    // optional
 *           "open_period_s": 20,            // optional: this question's seconds
 *           "media": "https://example.com/paris.jpg",  // optional: as media-cell.ts writes it
 *           "explanation_media": "video:AgAC..."       // optional
 *         }
 *       ]
 *     }
 *
 * Any other field is a problem (a misspelt "answer" would otherwise be dropped unnoticed).
 */
export const JSON_QUIZ_FIELDS = { title: 'title', openPeriodS: 'open_period_s', questions: 'questions' } as const;

export const JSON_QUESTION_FIELDS = {
  question: 'question',
  options: 'options',
  correct: 'correct',
  explanation: 'explanation',
  openPeriodS: 'open_period_s',
  media: 'media',
  explanationMedia: 'explanation_media',
} as const;
