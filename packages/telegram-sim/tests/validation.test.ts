import { describe, expect, it } from 'vitest';
import { Params } from '../src/params.js';
import { refusal } from './helpers/bot-api-refusal.js';
import { LIMITS } from '../src/telegram-limits.js';
import { commandEntities, parseBotCommands, parseMessageText, parseReplyMarkup, parseSendPoll, visibleText } from '../src/validation.js';

const NOW = 1_700_000_000;
const poll = (raw: Record<string, unknown>) => parseSendPoll(new Params({ question: 'Q?', options: ['A', 'B'], ...raw }), NOW);
const options = (count: number) => Array.from({ length: count }, (_, i) => ({ text: `option ${i}` }));
const markup = (value: unknown) => parseReplyMarkup(new Params({ reply_markup: value }));
const commands = (value: unknown) => parseBotCommands(new Params({ commands: value }));
const command = (name: string, description = 'does a thing') => ({ command: name, description });

describe('visibleText', () => {
  it('strips HTML tags and decodes the entities Telegram knows', () => {
    expect(visibleText('<b>Round 1</b> &lt;go&gt; &amp; <a href="https://x.y/?a=1&b=2">link</a> &#65;&#x42;&quot; &copy;', 'HTML')).toBe(
      'Round 1 <go> & link AB" &copy;',
    );
    expect(visibleText('<i>case</i>', 'html')).toBe('case');
  });

  it("refuses broken HTML with tdlib's descriptions and UTF-8 byte offsets", () => {
    expect(refusal(() => visibleText('é <x> y', 'HTML'))).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3',
    );
    expect(refusal(() => visibleText('a < b', 'HTML'))).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
    );
    expect(refusal(() => visibleText('<b>bold', 'HTML'))).toBe(
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect(refusal(() => visibleText('<b>x</i>', 'HTML'))).toBe(
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
    );
    expect(refusal(() => visibleText('x</b>', 'HTML'))).toBe("Bad Request: can't parse entities: Unexpected end tag at byte offset 1");
    expect(refusal(() => visibleText('<b', 'HTML'))).toBe("Bad Request: can't parse entities: Unclosed start tag at byte offset 0");
  });

  it('removes MarkdownV2 formatting and escapes', () => {
    const text = '*Q1* _of_ __3__ ~old~ ||hidden|| `co\\`de` [site](https://x.y/a\\)b) Score: 10\\.5\\!';
    expect(visibleText(text, 'MarkdownV2')).toBe('Q1 of 3 old hidden co`de site Score: 10.5!');
    expect(visibleText('```js\nconst a = 1;\n```', 'MarkdownV2')).toBe('const a = 1;');
    expect(visibleText('>quoted\n>lines', 'MarkdownV2')).toBe('quoted\nlines');
  });

  it('refuses unescaped reserved characters and unclosed MarkdownV2 entities', () => {
    expect(refusal(() => visibleText('Well done.', 'MarkdownV2'))).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(refusal(() => visibleText('a *bold', 'MarkdownV2'))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 2",
    );
    expect(refusal(() => visibleText('x > y', 'MarkdownV2'))).toContain("Character '>' is reserved");
  });

  it('removes legacy Markdown formatting and refuses an unclosed entity', () => {
    expect(visibleText('*b* _i_ `c` [t](https://x.y) 1.5!', 'Markdown')).toBe('b i c t 1.5!');
    expect(refusal(() => visibleText('ok *b', 'Markdown'))).toBe(
      "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 3",
    );
  });

  it('trims and cleans like tdlib, parse mode or not', () => {
    expect(visibleText('  \n hello\r\nworld\t!\n ', undefined)).toBe('hello\nworld !');
    expect(visibleText('<b> x </b>', 'HTML')).toBe('x');
    expect(visibleText('<b>x</b>', 'none')).toBe('<b>x</b>');
  });

  it('refuses an unknown parse mode, but not for empty text', () => {
    expect(refusal(() => visibleText('x', 'BBCode'))).toBe('Bad Request: unsupported parse_mode');
    expect(visibleText('', 'BBCode')).toBe('');
  });
});

describe('parseMessageText', () => {
  const text = (raw: Record<string, unknown>) => parseMessageText(new Params(raw), 'text');

  it('returns the raw text, markup included', () => {
    expect(text({ text: '<b>hi</b>', parse_mode: 'HTML' })).toBe('<b>hi</b>');
  });

  it('refuses a missing text, and one with nothing visible', () => {
    expect(refusal(() => text({}))).toBe('Bad Request: message text is empty');
    expect(refusal(() => text({ text: ' \n ' }))).toBe('Bad Request: message must be non-empty');
    expect(refusal(() => text({ text: '<b> </b>', parse_mode: 'HTML' }))).toBe('Bad Request: message must be non-empty');
  });

  it('takes 4096 visible characters and refuses 4097, counted after parsing and in code points', () => {
    expect(text({ text: 'a'.repeat(4096) })).toHaveLength(4096);
    expect(refusal(() => text({ text: 'a'.repeat(4097) }))).toBe('Bad Request: message is too long');
    expect(text({ text: `<b>${'a'.repeat(4096)}</b>`, parse_mode: 'HTML' })).toHaveLength(4103);
    expect(text({ text: '😀'.repeat(4096) })).toHaveLength(8192);
    expect(refusal(() => text({ text: '😀'.repeat(4097) }))).toBe('Bad Request: message is too long');
  });

  it('refuses more than 32 KiB of raw text before parsing it', () => {
    expect(refusal(() => text({ text: ' '.repeat(LIMITS.rawText + 1) }))).toBe('Bad Request: text is too long');
  });
});

describe('parseSendPoll', () => {
  it('applies the documented defaults to a regular poll', () => {
    expect(poll({})).toEqual({
      question: 'Q?',
      options: ['A', 'B'],
      type: 'regular',
      isAnonymous: true,
      allowsMultipleAnswers: false,
      allowsRevoting: true,
      shuffleOptions: false,
      isClosed: false,
    });
  });

  it('reads a quiz with correct_option_ids, explanation and open_period', () => {
    const draft = poll({
      question: ' <b>Capital</b> of France? ',
      question_parse_mode: 'HTML',
      options: [{ text: 'Lyon' }, { text: '<i>Paris</i>', text_parse_mode: 'HTML' }, 'Nice'],
      type: 'quiz',
      is_anonymous: false,
      correct_option_ids: [1],
      explanation: 'It *is*',
      explanation_parse_mode: 'MarkdownV2',
      open_period: 30,
      shuffle_options: true,
    });
    expect(draft).toEqual({
      question: 'Capital of France?',
      options: ['Lyon', 'Paris', 'Nice'],
      type: 'quiz',
      isAnonymous: false,
      allowsMultipleAnswers: false,
      allowsRevoting: false,
      shuffleOptions: true,
      correctOptionIds: [1],
      explanation: 'It is',
      openPeriod: 30,
      isClosed: false,
    });
  });

  it('reads the same poll from form fields (all text) as from JSON', () => {
    const json = poll({ type: 'quiz', correct_option_ids: [0], is_anonymous: false, allows_revoting: true, is_closed: true });
    const form = poll({
      options: '["A","B"]',
      type: 'quiz',
      correct_option_ids: '[0]',
      is_anonymous: 'false',
      allows_revoting: '1',
      is_closed: 'true',
    });
    expect(form).toEqual(json);
    expect(form.isClosed).toBe(true);
  });

  it('takes the older single correct_option_id', () => {
    expect(poll({ type: 'quiz', correct_option_id: 1 }).correctOptionIds).toEqual([1]);
  });

  it('lets several correct options allow multiple answers unless told otherwise', () => {
    const options = ['A', 'B', 'C'];
    expect(poll({ options, type: 'quiz', correct_option_ids: [0, 2] }).allowsMultipleAnswers).toBe(true);
    expect(poll({ options, type: 'quiz', correct_option_ids: [0, 2], allows_multiple_answers: false }).allowsMultipleAnswers).toBe(false);
  });

  it('refuses a quiz without a valid, strictly increasing set of correct options', () => {
    const wrong = 'Bad Request: wrong correct option ID specified';
    expect(refusal(() => poll({ type: 'quiz' }))).toBe(wrong);
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: [] }))).toBe(wrong);
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: [2] }))).toBe(wrong);
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: [-1] }))).toBe(wrong);
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: [1, 0] }))).toBe(wrong);
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: [1, 1] }))).toBe(wrong);
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: '[0' }))).toBe("Bad Request: can't parse correct_option_ids JSON object");
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: { id: 0 } }))).toBe(
      'Bad Request: expected an Array of Integer as correct_option_ids',
    );
    expect(refusal(() => poll({ type: 'quiz', correct_option_ids: [0.5] }))).toBe(
      'Bad Request: expected an Array of Integer as correct_option_ids',
    );
  });

  it('ignores quiz-only parameters on a regular poll, as tdlib reads them only for quizzes', () => {
    const draft = poll({ correct_option_ids: [7], explanation: 'x'.repeat(500) });
    expect(draft.correctOptionIds).toBeUndefined();
    expect(draft.explanation).toBeUndefined();
  });

  it('refuses an unknown poll type', () => {
    expect(refusal(() => poll({ type: 'survey' }))).toBe('Bad Request: unsupported poll type specified');
  });

  it('takes a question of 300 characters and refuses 301 or nothing visible', () => {
    expect(poll({ question: 'q'.repeat(300) }).question).toHaveLength(300);
    expect(refusal(() => poll({ question: 'q'.repeat(301) }))).toBe('Bad Request: poll question length must not exceed 300');
    expect(refusal(() => poll({ question: '   ' }))).toBe('Bad Request: message must be non-empty');
    expect(refusal(() => poll({ question: undefined }))).toBe('Bad Request: message must be non-empty');
  });

  it('takes 1 to 12 options and refuses 0 or 13', () => {
    expect(poll({ options: options(1) }).options).toEqual(['option 0']);
    expect(poll({ options: options(12) }).options).toHaveLength(12);
    expect(refusal(() => poll({ options: [] }))).toBe('Bad Request: poll must have at least 1 option');
    expect(refusal(() => poll({ options: options(13) }))).toBe("Bad Request: poll can't have more than 12 options");
  });

  it('takes options of 100 characters and refuses 101 or nothing visible', () => {
    expect(poll({ options: ['o'.repeat(100), 'B'] }).options[0]).toHaveLength(100);
    expect(refusal(() => poll({ options: ['o'.repeat(101), 'B'] }))).toBe('Bad Request: poll options length must not exceed 100');
    expect(refusal(() => poll({ options: [{ text: ' ' }, 'B'] }))).toBe('Bad Request: message must be non-empty');
  });

  it("refuses options that are not a JSON array of texts, with tdlib's descriptions", () => {
    expect(refusal(() => poll({ options: 'A,B' }))).toBe("Bad Request: can't parse options JSON object");
    expect(refusal(() => poll({ options: undefined }))).toBe("Bad Request: can't parse options JSON object");
    expect(refusal(() => poll({ options: { text: 'A' } }))).toBe('Bad Request: expected an Array of String as options');
    expect(refusal(() => poll({ options: [1, 2] }))).toBe('Bad Request: expected an option to be of type String');
    expect(refusal(() => poll({ options: [{ label: 'A' }] }))).toBe('Bad Request: can\'t find field "text"');
  });

  it('takes an explanation of 200 characters and 2 line feeds, and refuses more', () => {
    const quiz = (explanation: string) => poll({ type: 'quiz', correct_option_ids: [0], explanation });
    expect(quiz('e'.repeat(200)).explanation).toHaveLength(200);
    expect(refusal(() => quiz('e'.repeat(201)))).toBe('Bad Request: poll explanation length must not exceed 200');
    expect(quiz('a\nb\nc').explanation).toBe('a\nb\nc');
    expect(refusal(() => quiz('a\nb\nc\nd'))).toBe('Bad Request: poll explanation must not contain more than 2 line feeds');
    expect(quiz('  ').explanation).toBeUndefined();
  });

  it('takes open_period of 5 to 2628000 s, clamps above as tdlib does, refuses 1 to 4', () => {
    expect(poll({ open_period: 5 }).openPeriod).toBe(5);
    expect(poll({ open_period: 2_628_000 }).openPeriod).toBe(2_628_000);
    expect(poll({ open_period: 2_628_001 }).openPeriod).toBe(2_628_000);
    expect(refusal(() => poll({ open_period: 4 }))).toBe('Bad Request: poll open period must be between 5 and 2628000 seconds');
    expect(poll({ open_period: 0 }).openPeriod).toBeUndefined();
    expect(poll({ open_period: -3 }).openPeriod).toBeUndefined();
  });

  it('takes close_date 5 to 2628000 s ahead of now and refuses one second outside', () => {
    const outside = 'Bad Request: poll close date must be between 5 and 2628000 seconds in the future';
    expect(poll({ close_date: NOW + 5 }).closeDate).toBe(NOW + 5);
    expect(poll({ close_date: NOW + 2_628_000 }).closeDate).toBe(NOW + 2_628_000);
    expect(refusal(() => poll({ close_date: NOW + 4 }))).toBe(outside);
    expect(refusal(() => poll({ close_date: NOW + 2_628_001 }))).toBe(outside);
  });

  it('drops close_date when open_period is given, as tdlib does', () => {
    const draft = poll({ open_period: 60, close_date: NOW + 4 });
    expect(draft.openPeriod).toBe(60);
    expect(draft.closeDate).toBeUndefined();
  });
});

describe('parseReplyMarkup', () => {
  const keyboard = (count: number) => ({
    inline_keyboard: [Array.from({ length: count }, (_, i) => ({ text: `b${i}`, callback_data: `${i}` }))],
  });

  it('is undefined without markup or with markup that asks for nothing', () => {
    expect(parseReplyMarkup(new Params({}))).toBeUndefined();
    expect(markup({})).toBeUndefined();
    expect(markup({ inline_keyboard: [] })).toBeUndefined();
  });

  it('returns an inline keyboard, a reply keyboard, a removal or a forced reply', () => {
    const inline = {
      inline_keyboard: [
        [
          { text: 'A', callback_data: 'a' },
          { text: 'Site', url: 'https://x.y' },
        ],
      ],
    };
    expect(markup(inline)).toEqual(inline);
    expect(markup(JSON.stringify(inline))).toEqual(inline);
    expect(markup({ keyboard: [['Yes', { text: 'No' }]], resize_keyboard: true })).toEqual({
      keyboard: [['Yes', { text: 'No' }]],
      resize_keyboard: true,
    });
    expect(markup({ remove_keyboard: true })).toEqual({ remove_keyboard: true });
    expect(markup({ force_reply: true })).toEqual({ force_reply: true });
  });

  it('takes callback_data of 64 bytes and refuses 65', () => {
    const data = (value: string) => ({ inline_keyboard: [[{ text: 'A', callback_data: value }]] });
    expect(markup(data('é'.repeat(32)))).toBeDefined();
    expect(refusal(() => markup(data('é'.repeat(32) + 'x')))).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('takes 100 buttons and refuses 101', () => {
    expect(markup(keyboard(100))).toBeDefined();
    expect(refusal(() => markup(keyboard(101)))).toBe('Bad Request: reply markup is too long');
  });

  it("refuses malformed markup with tdlib's descriptions", () => {
    expect(refusal(() => markup('{bad'))).toBe("Bad Request: can't parse reply keyboard markup JSON object");
    expect(refusal(() => markup('[1]'))).toBe('Bad Request: object expected as reply markup');
    expect(refusal(() => markup({ inline_keyboard: [{ text: 'A' }] }))).toBe(
      'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    );
    expect(refusal(() => markup({ inline_keyboard: [['A']] }))).toBe(
      "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object",
    );
    expect(refusal(() => markup({ inline_keyboard: [[{ text: 'A' }]] }))).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    expect(refusal(() => markup({ inline_keyboard: [[{ text: 'A', callback_data: '' }]] }))).toContain('Text buttons are unallowed');
    expect(refusal(() => markup({ inline_keyboard: [[{ callback_data: 'a' }]] }))).toBe(
      'Bad Request: can\'t parse inline keyboard button: Can\'t find field "text"',
    );
    expect(refusal(() => markup({ inline_keyboard: [[{ text: '', callback_data: 'a' }]] }))).toBe('Bad Request: BUTTON_TEXT_INVALID');
    expect(refusal(() => markup({ keyboard: [[1]] }))).toBe(
      "Bad Request: can't parse keyboard button: KeyboardButton must be a String or an Object",
    );
  });
});

describe('parseBotCommands', () => {
  it('is empty without commands', () => {
    expect(parseBotCommands(new Params({}))).toEqual([]);
    expect(commands([])).toEqual([]);
  });

  it('trims, drops a leading slash and keeps the order', () => {
    expect(commands([command(' /start ', ' Begin '), command('top', 'Leaderboard')])).toEqual([
      command('start', 'Begin'),
      command('top', 'Leaderboard'),
    ]);
  });

  it('takes a 32-character command and refuses 33 or none', () => {
    expect(commands([command('c'.repeat(32))])[0]?.command).toHaveLength(32);
    expect(refusal(() => commands([command('c'.repeat(33))]))).toBe('Bad Request: command length must not exceed 32');
    expect(refusal(() => commands([command(' / ')]))).toBe('Bad Request: command must be non-empty');
  });

  it('takes a 256-character description and refuses 257 or none', () => {
    expect(commands([command('go', 'd'.repeat(256))])[0]?.description).toHaveLength(256);
    expect(refusal(() => commands([command('go', 'd'.repeat(257))]))).toBe('Bad Request: command description length must not exceed 256');
    expect(refusal(() => commands([command('go', ' ')]))).toBe('Bad Request: command description must be non-empty');
  });

  it('takes 100 commands and refuses 101', () => {
    const many = (count: number) => Array.from({ length: count }, (_, i) => command(`c${i}`));
    expect(commands(many(100))).toHaveLength(100);
    expect(refusal(() => commands(many(101)))).toBe('Bad Request: BOT_COMMANDS_TOO_MUCH');
  });

  it('refuses anything but lowercase letters, digits and underscores', () => {
    expect(commands([command('new_quiz2')])[0]?.command).toBe('new_quiz2');
    for (const name of ['Start', 'new-quiz', 'quiz!', 'тест']) {
      expect(refusal(() => commands([command(name)]))).toBe('Bad Request: BOT_COMMAND_INVALID');
    }
  });

  it("refuses malformed commands with tdlib's descriptions", () => {
    expect(refusal(() => commands('[{'))).toBe("Bad Request: can't parse commands JSON object");
    expect(refusal(() => commands({ command: 'a' }))).toBe('Bad Request: expected an Array of BotCommand');
    expect(refusal(() => commands(['start']))).toBe("Bad Request: can't parse BotCommand: expected an Object");
    expect(refusal(() => commands([{ command: 'start' }]))).toBe('Bad Request: can\'t parse BotCommand: Can\'t find field "description"');
  });
});

describe('commandEntities', () => {
  const commandsIn = (text: string) => commandEntities(text).map((entity) => text.slice(entity.offset, entity.offset + entity.length));

  it('marks every command, with its bot username', () => {
    expect(commandEntities('/start now')).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(commandsIn('/answer 2 then /top@quiz_bot, ok')).toEqual(['/answer', '/top@quiz_bot']);
  });

  it('counts offsets in UTF-16 code units', () => {
    expect(commandEntities('😀 /go')).toEqual([{ type: 'bot_command', offset: 3, length: 3 }]);
  });

  it('skips slashes inside words, paths and tags', () => {
    expect(commandsIn('and/or a//b </b> https://x.y/path')).toEqual([]);
    expect(commandsIn('/startнет /ok')).toEqual(['/ok']);
    expect(commandsIn('/ alone')).toEqual([]);
  });

  it('needs a 3-32 character username after @ and 1-64 command characters', () => {
    expect(commandsIn('/top@ab')).toEqual([]);
    expect(commandsIn(`/top@${'b'.repeat(32)}`)).toHaveLength(1);
    expect(commandsIn(`/top@${'b'.repeat(33)}`)).toEqual([]);
    expect(commandsIn(`/${'c'.repeat(64)}`)).toHaveLength(1);
    expect(commandsIn(`/${'c'.repeat(65)}`)).toEqual([]);
  });
});
