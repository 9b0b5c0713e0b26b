/**
 * A strict JSON reader (RFC 8259) that remembers lines: where each array element and each
 * object field starts, and where the text stops being JSON. JSON.parse says neither (Node 20's
 * messages carry no position), and an author of a 300-question file needs both.
 */

/** The lines of what was read: each array's elements, each object's fields. */
export interface JsonLines {
  elements: WeakMap<readonly unknown[], number[]>;
  fields: WeakMap<object, Map<string, number>>;
}

export type JsonRead = { ok: true; value: unknown; lines: JsonLines } | { ok: false; line: number; found: string | null };

/** Nesting deeper than this is refused rather than risking the stack; a quiz file needs 3 levels. */
const DEPTH_MAX = 64;

class JsonSyntaxError extends Error {
  readonly code = 'json_syntax';
  constructor(
    readonly line: number,
    readonly found: string | null,
  ) {
    super(`JSON syntax error on line ${line}`);
  }
}

/** Reads `text` as one JSON value. Objects come back without a prototype, so any key is plain data. */
export function readJson(text: string): JsonRead {
  const reader = new Reader(text);
  try {
    reader.space();
    const value = reader.value(0);
    reader.space();
    if (!reader.atEnd()) reader.fail();
    return { ok: true, value, lines: reader.lines };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, line: error.line, found: error.found };
    throw error;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Reader {
  readonly lines: JsonLines = { elements: new WeakMap(), fields: new WeakMap() };
  #i = 0;
  #line = 1;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  atEnd(): boolean {
    return this.#i >= this.#text.length;
  }

  fail(): never {
    const c = this.#text.codePointAt(this.#i);
    throw new JsonSyntaxError(this.#line, c === undefined ? null : String.fromCodePoint(c));
  }

  space(): void {
    for (;;) {
      const c = this.#text[this.#i];
      if (c === '\n' || (c === '\r' && this.#text[this.#i + 1] !== '\n')) this.#line++;
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return;
      this.#i++;
    }
  }

  value(depth: number): unknown {
    if (depth > DEPTH_MAX) this.fail();
    const c = this.#text[this.#i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.#text.startsWith(word, this.#i)) {
        this.#i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.#i;
    const number = NUMBER.exec(this.#text);
    if (number === null) this.fail();
    this.#i += number[0].length;
    return Number(number[0]);
  }

  object(depth: number): Record<string, unknown> {
    const object = Object.create(null) as Record<string, unknown>;
    const fields = new Map<string, number>();
    this.lines.fields.set(object, fields);
    this.#items('}', () => {
      if (this.#text[this.#i] !== '"') this.fail();
      const line = this.#line;
      const key = this.string();
      this.space();
      this.expect(':');
      this.space();
      fields.set(key, line);
      object[key] = this.value(depth + 1);
    });
    return object;
  }

  array(depth: number): unknown[] {
    const array: unknown[] = [];
    const lines: number[] = [];
    this.lines.elements.set(array, lines);
    this.#items(']', () => {
      lines.push(this.#line);
      array.push(this.value(depth + 1));
    });
    return array;
  }

  /** From an opening bracket to its `close`: nothing, or `item`s separated by commas. */
  #items(close: string, item: () => void): void {
    this.#i++;
    this.space();
    if (this.#text[this.#i] === close) {
      this.#i++;
      return;
    }
    for (;;) {
      item();
      this.space();
      if (this.#text[this.#i] === close) {
        this.#i++;
        return;
      }
      this.expect(',');
      this.space();
    }
  }

  string(): string {
    this.#i++;
    let value = '';
    for (;;) {
      const c = this.#text[this.#i];
      if (c === undefined || c < ' ') this.fail();
      if (c === '"') {
        this.#i++;
        return value;
      }
      if (c === '\\') {
        const escape = this.#text[this.#i + 1] ?? '';
        if (escape === 'u') {
          const hex = this.#text.slice(this.#i + 2, this.#i + 6);
          if (!/^[0-9a-fA-F]{4}$/u.test(hex)) {
            this.#i++;
            this.fail();
          }
          value += String.fromCharCode(parseInt(hex, 16));
          this.#i += 6;
        } else {
          const plain = ESCAPES[escape];
          if (plain === undefined) {
            this.#i++;
            this.fail();
          }
          value += plain;
          this.#i += 2;
        }
        continue;
      }
      value += c;
      this.#i++;
    }
  }

  expect(c: string): void {
    if (this.#text[this.#i] !== c) this.fail();
    this.#i++;
  }
}
