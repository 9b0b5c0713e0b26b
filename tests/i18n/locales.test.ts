/**
 * The languages stay complete: every locale has exactly English's messages and attributes, uses
 * no variable English does not pass, and every message id the code names exists. A translation
 * with a Fluent syntax error loses its message (Fluent skips the broken entry), so it fails here
 * as a missing key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locales.js';
import { LOCALES_DIRECTORY } from '../../src/i18n/translator.js';

/** A parsed message (the AST type @fluent/bundle does not export by name). */
type Message = FluentResource['body'][number];
type Pattern = NonNullable<Message['value']>;

/** Every message of a locale (all its .ftl files), by id. */
function messagesOf(locale: string): Map<string, Message> {
  const directory = join(LOCALES_DIRECTORY, locale);
  const messages = new Map<string, Message>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ftl'))) {
    const resource = new FluentResource(readFileSync(join(directory, file), 'utf8'));
    for (const message of resource.body) {
      if (message.id.startsWith('-')) continue; // terms are private to a locale
      expect(messages.has(message.id), `${locale}/${file}: ${message.id} is defined twice`).toBe(false);
      messages.set(message.id, message);
    }
  }
  return messages;
}

/** The variables a pattern reads ($name), selectors and function arguments included. */
function variablesOf(pattern: Pattern | null, into = new Set<string>()): Set<string> {
  if (pattern === null || typeof pattern === 'string') return into;
  for (const element of pattern) {
    if (typeof element !== 'string') visitExpression(element as unknown as Expression, into);
  }
  return into;
}

interface Expression {
  type: string;
  name?: string;
  selector?: Expression;
  variants?: { value: Pattern }[];
  args?: (Expression | { type: 'narg'; value: Expression })[];
}

function visitExpression(expression: Expression, into: Set<string>): void {
  if (expression.type === 'var' && expression.name) into.add(expression.name);
  if (expression.selector) visitExpression(expression.selector, into);
  for (const variant of expression.variants ?? []) variablesOf(variant.value, into);
  for (const arg of expression.args ?? []) visitExpression(arg.type === 'narg' ? (arg as { value: Expression }).value : arg, into);
}

function attributeNames(message: Message): string[] {
  return Object.keys(message.attributes).sort();
}

const english = messagesOf('en');

describe('locales', () => {
  it('has messages in English', () => {
    expect(english.size).toBeGreaterThan(10);
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has exactly the messages and attributes English has`, () => {
      const translated = messagesOf(locale);
      const missing = [...english.keys()].filter((id) => !translated.has(id));
      const extra = [...translated.keys()].filter((id) => !english.has(id));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      for (const [id, message] of english) {
        expect(attributeNames(translated.get(id) as Message), `${locale}: ${id}`).toEqual(attributeNames(message));
      }
    });

    it(`${locale} uses only variables English passes`, () => {
      const translated = messagesOf(locale);
      const unknown: string[] = [];
      for (const [id, message] of translated) {
        const known = variablesOf(english.get(id)?.value ?? null);
        for (const name of variablesOf(message.value)) if (!known.has(name)) unknown.push(`${id}: $${name}`);
      }
      expect(unknown).toEqual([]);
    });
  }

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} is translated: no sentence of three words or more is English's, copied`, () => {
      const render = (lang: string, message: Message): string => {
        const bundle = new FluentBundle(lang, { useIsolating: false });
        const args = Object.fromEntries([...variablesOf(message.value)].map((name) => [name, 3]));
        return message.value === null ? '' : bundle.formatPattern(message.value, args, []);
      };
      const translated = messagesOf(locale);
      const copied = [...english]
        .filter(([id, message]) => {
          const theirs = translated.get(id);
          if (!theirs) return false;
          const text = render('en', message);
          return (text.match(/\p{L}{2,}/gu) ?? []).length >= 3 && render(locale, theirs) === text;
        })
        .map(([id]) => id);
      expect(copied).toEqual([]);
    });
  }

  it('has every message the code asks for by a literal id', () => {
    const root = join(LOCALES_DIRECTORY, '..', 'src');
    const asked = new Map<string, string>();
    const walk = (directory: string): void => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          // t('id'), ctx.t('id'), translate('id'): the call forms the code uses.
          for (const match of readFileSync(path, 'utf8').matchAll(/\bt\(\s*'([a-z0-9-]+)'/g)) {
            asked.set(match[1] as string, relative(root, path));
          }
        }
      }
    };
    walk(root);
    expect(asked.size).toBeGreaterThan(0);
    const missing = [...asked].filter(([id]) => !english.has(id)).map(([id, file]) => `${file}: ${id}`);
    expect(missing).toEqual([]);
  });
});
