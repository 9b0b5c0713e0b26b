import { describe, expect, it } from 'vitest';
import { Params } from '../src/params.js';
import { refusal } from './helpers/bot-api-refusal.js';
import { UploadedFile } from '../src/request-body.js';

describe('Params', () => {
  it('reads JSON-typed values as the text tdlib sees for them', () => {
    const params = new Params({ chat_id: -1001, flag: true, off: false, markup: { a: [1] }, nothing: null, text: 'hi' });
    expect(params.optionalString('chat_id')).toBe('-1001');
    expect(params.optionalString('flag')).toBe('true');
    expect(params.optionalBool('off')).toBe(false);
    expect(params.optionalString('markup')).toBe('{"a":[1]}');
    expect(params.optionalJson('markup')).toEqual({ a: [1] });
    // tdlib keeps a JSON null as the text "null": it is not "absent" there.
    expect(params.optionalString('nothing')).toBe('null');
    expect(params.optionalString('text')).toBe('hi');
  });

  it('treats undefined as absent and empty text as missing', () => {
    const params = new Params({ gone: undefined, empty: '', zero: 0 });
    expect(params.has('gone')).toBe(false);
    expect(params.has('empty')).toBe(false);
    expect(params.has('zero')).toBe(true);
    expect(params.optionalString('empty')).toBeUndefined();
    expect(params.optionalInt('empty')).toBeUndefined();
    expect(params.optionalJson('empty')).toBeUndefined();
  });

  describe('integers', () => {
    it('parse like td::to_integer: leading digits, 0 for anything else', () => {
      const read = (text: string) => new Params({ n: text }).optionalInt('n');
      expect(read('42')).toBe(42);
      expect(read('-5')).toBe(-5);
      expect(read('12abc')).toBe(12);
      expect(read('abc')).toBe(0);
      expect(read(' 5')).toBe(0);
      expect(read('+5')).toBe(0);
      expect(read('-')).toBe(0);
      expect(read('-1001234567890')).toBe(-1001234567890);
      expect(new Params({}).optionalInt('n')).toBeUndefined();
    });

    it('requiredInt answers tdlib wording when the id is missing', () => {
      expect(refusal(() => new Params({}).requiredInt('message_id'))).toBe('Bad Request: message identifier is not specified');
      expect(refusal(() => new Params({ user_id: '' }).requiredInt('user_id'))).toBe('Bad Request: invalid user_id specified');
      expect(refusal(() => new Params({}).requiredInt('limit'))).toBe('Bad Request: parameter "limit" is required');
      expect(new Params({ message_id: '7' }).requiredInt('message_id')).toBe(7);
    });
  });

  it('requiredString refuses a missing or empty parameter as get_required_string_arg does', () => {
    expect(refusal(() => new Params({}).requiredString('action'))).toBe('Bad Request: parameter "action" is required');
    expect(refusal(() => new Params({ action: '' }).requiredString('action'))).toBe('Bad Request: parameter "action" is required');
    expect(new Params({ action: 'typing' }).requiredString('action')).toBe('typing');
  });

  it('optionalBool follows to_bool: true, yes or 1 in any case; present but empty is false', () => {
    const read = (value: unknown) => new Params({ b: value }).optionalBool('b');
    for (const yes of ['true', 'TRUE', ' yes ', '1', true, 1]) expect(read(yes)).toBe(true);
    for (const no of ['false', '0', 'on', '', 'truthy', false, 0]) expect(read(no)).toBe(false);
    expect(new Params({}).optionalBool('b')).toBeUndefined();
  });

  it("optionalJson answers tdlib's can't-parse wording, naming well-known parameters as tdlib does", () => {
    expect(refusal(() => new Params({ reply_markup: '{oops' }).optionalJson('reply_markup'))).toBe(
      "Bad Request: can't parse reply keyboard markup JSON object",
    );
    expect(refusal(() => new Params({ options: 'a,b' }).optionalJson('options'))).toBe("Bad Request: can't parse options JSON object");
    expect(refusal(() => new Params({ x: '[' }).optionalJson('x', 'allowed updates'))).toBe(
      "Bad Request: can't parse allowed updates JSON object",
    );
    expect(new Params({ allowed_updates: '["message"]' }).optionalJson('allowed_updates')).toEqual(['message']);
  });

  describe('chatId', () => {
    it('is a number for a numeric id, whether sent as number or text', () => {
      expect(new Params({ chat_id: -100123 }).chatId()).toBe(-100123);
      expect(new Params({ chat_id: '-100123' }).chatId()).toBe(-100123);
      expect(new Params({ from_chat_id: '5' }).chatId('from_chat_id')).toBe(5);
    });

    it('is the username without @ for @username', () => {
      expect(new Params({ chat_id: '@Quiz_Group' }).chatId()).toBe('Quiz_Group');
    });

    it('refuses an empty id and an id no chat can have', () => {
      expect(refusal(() => new Params({}).chatId())).toBe('Bad Request: chat_id is empty');
      expect(refusal(() => new Params({ chat_id: '' }).chatId())).toBe('Bad Request: chat_id is empty');
      expect(refusal(() => new Params({ chat_id: 'abc' }).chatId())).toBe('Bad Request: chat not found');
      expect(refusal(() => new Params({ chat_id: '@' }).chatId())).toBe('Bad Request: chat not found');
      expect(refusal(() => new Params({ chat_id: 0 }).chatId())).toBe('Bad Request: chat not found');
    });
  });

  it('keeps uploaded files out of the text parameters, as tdlib keeps them apart', () => {
    const upload = new UploadedFile('notes.txt', 'text/plain', Buffer.from('hello world'));
    const params = new Params({ document: upload, caption: 'x' });
    expect(params.has('document')).toBe(false);
    expect(params.optionalString('document')).toBeUndefined();
    expect(params.optionalString('caption')).toBe('x');
    expect(params.file('document')).toBe(upload);
  });
});
