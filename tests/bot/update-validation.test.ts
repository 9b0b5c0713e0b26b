/** The rules an update must meet at intake, and the text cleaning, without a bot or a database. */
import { describe, expect, it } from 'vitest';
import { isVoteIn } from '../../src/bot/intake/option-ids.js';
import { storableText, withStorableText } from '../../src/bot/intake/storable-text.js';
import { checkUpdate } from '../../src/bot/intake/update-validation.js';

const user = { id: 42, is_bot: false, first_name: 'Ada' };
const answer = (fields: Record<string, unknown>) => ({ update_id: 1, poll_answer: { poll_id: 'p1', user, option_ids: [0], ...fields } });
const message = (fields: Record<string, unknown>) => ({
  update_id: 2,
  message: {
    message_id: 5,
    date: 1_700_000_000,
    chat: { id: 42, type: 'private', first_name: 'Ada' },
    from: user,
    text: '/help',
    ...fields,
  },
});

describe('checkUpdate', () => {
  it('passes updates as Telegram sends them, unknown fields included', () => {
    expect(checkUpdate(answer({}))).toMatchObject({ ok: true, kind: 'poll_answer' });
    expect(checkUpdate(answer({ option_ids: [] }))).toMatchObject({ ok: true });
    const checked = checkUpdate(message({ some_future_field: { nested: true } }));
    expect(checked).toMatchObject({ ok: true, kind: 'message', update: { message: { some_future_field: { nested: true } } } });
  });

  it.each([
    ['[99]', [99]],
    ['a repeated option', [1, 1]],
    ['-1', [-1]],
    ['40000', [40_000]],
    ['1.5', [1.5]],
    ['a string', ['0']],
    ['13 options', Array.from({ length: 13 }, (_, i) => i)],
    ['no array', undefined],
  ])('refuses option_ids %s as invalid_option_ids', (_, optionIds) => {
    expect(checkUpdate(answer({ option_ids: optionIds }))).toEqual({ ok: false, kind: 'poll_answer', reason: 'invalid_option_ids' });
  });

  it('refuses ids that are not safe integers, wherever they are', () => {
    expect(checkUpdate(answer({ user: { ...user, id: 2 ** 62 } }))).toMatchObject({ ok: false, reason: 'unsafe_id' });
    expect(checkUpdate({ ...answer({}), update_id: 2 ** 53 })).toMatchObject({ ok: false, reason: 'unsafe_id' });
    expect(checkUpdate(message({ chat: { id: -(2 ** 60), type: 'supergroup', title: 'Big' } }))).toMatchObject({
      ok: false,
      reason: 'unsafe_id',
    });
    expect(checkUpdate(message({ message_id: 0.5 }))).toMatchObject({ ok: false, reason: 'unsafe_id' });
  });

  it('refuses updates of no kind, of two kinds or of a kind the bot does not take', () => {
    expect(checkUpdate({ update_id: 3 })).toEqual({ ok: false, kind: 'other', reason: 'unsupported_type' });
    expect(checkUpdate({ ...answer({}), ...message({}) })).toMatchObject({ ok: false, reason: 'unsupported_type' });
    expect(checkUpdate({ update_id: 3, edited_message: {} })).toMatchObject({ ok: false, kind: 'other', reason: 'unsupported_type' });
    expect(checkUpdate([1, 2])).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses fields of the wrong type and chats of no kind Telegram has', () => {
    expect(checkUpdate(message({ text: 42 }))).toMatchObject({ ok: false, kind: 'message', reason: 'malformed' });
    expect(checkUpdate(message({ chat: { id: 42, type: 'secret' } }))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkUpdate(answer({ user: { id: 42 } }))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkUpdate({ update_id: '1', message: message({}).message })).toMatchObject({ ok: false, reason: 'malformed' });
    // Found by the fuzz test: entities without their text made grammY's command filter throw in the handler.
    expect(checkUpdate(message({ text: undefined, entities: [{ type: 'bot_command', offset: 0, length: 5 }] }))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(checkUpdate(message({ text: '/he', entities: [{ type: 'bot_command', offset: 0, length: 5 }] }))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(checkUpdate(message({ entities: [{ type: 'bot_command', offset: 0, length: 5 }] }))).toMatchObject({ ok: true });
  });

  it('cleans the text PostgreSQL cannot store, and refuses nesting no update has', () => {
    const checked = checkUpdate(message({ text: '/newquiz A\u0000B', from: { ...user, first_name: 'Z\uDC00ed' } }));
    expect(checked).toMatchObject({ ok: true, update: { message: { text: '/newquiz AB', from: { first_name: 'Zed' } } } });
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) deep = { deep };
    expect(checkUpdate(message({ extra: deep }))).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('storable text', () => {
  it('removes U+0000 and lone surrogates and keeps pairs', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('x\uD83Cy\uDF89z')).toBe('xyz');
    expect(storableText('🎉 ok')).toBe('🎉 ok');
  });

  it('returns the same object when there is nothing to clean, and never assigns a forged __proto__', () => {
    const clean = { a: ['b', { c: 'd' }] };
    expect(withStorableText(clean)).toBe(clean);
    const forged = JSON.parse('{"__proto__": {"x": "a\\u0000"}}') as Record<string, unknown>;
    const cleaned = withStorableText(forged);
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(cleaned, '__proto__')?.value).toEqual({ x: 'a' });
  });
});

describe('isVoteIn', () => {
  it('takes distinct options of the poll, or none', () => {
    expect(isVoteIn([], 3)).toBe(true);
    expect(isVoteIn([2, 0], 3)).toBe(true);
    expect(isVoteIn([3], 3)).toBe(false);
    expect(isVoteIn([0, 0], 3)).toBe(false);
    expect(isVoteIn([0, 1, 2, 3], 3)).toBe(false);
  });
});
