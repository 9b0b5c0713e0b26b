/**
 * The text a message really shows: HTML, MarkdownV2 and Markdown parsed the way tdlib parses
 * them (td's MessageEntity.cpp), with its error wordings, then cleaned like `fix_formatted_text`.
 */
import { badRequest } from './errors.js';

/**
 * The text a user sees for `text` sent with `parseMode` ('HTML', 'MarkdownV2', 'Markdown', any
 * case; undefined, '' or 'none' for plain text): markup removed, HTML entities and Markdown
 * escapes decoded, then cleaned and trimmed like tdlib's `fix_formatted_text` (no '\r', control
 * characters as spaces, no leading or trailing spaces and line feeds).
 *
 * @throws 400 "can't parse entities: ..." with tdlib's wording for broken markup (an unsupported
 *   or unclosed HTML tag, an unescaped MarkdownV2 reserved character, an unclosed entity), and
 *   400 "unsupported parse_mode" for an unknown mode.
 */
export function visibleText(text: string, parseMode: string | undefined): string {
  const mode = (parseMode ?? '').toLowerCase();
  if (text === '' || mode === '' || mode === 'none') return cleanText(text);
  const parse = PARSERS[mode];
  if (!parse) throw badRequest('unsupported parse_mode');
  return cleanText(parse(text));
}

const PARSERS: Readonly<Record<string, (text: string) => string>> = {
  html: parseHtml,
  markdownv2: parseMarkdownV2,
  markdown: parseMarkdown,
};

/** tdlib's cleaning of message text: see {@link visibleText}. */
function cleanText(text: string): string {
  return text
    .replace(/\r|[\u2028-\u202e]|\u0333|\u033f|\u030a/g, '')
    .replace(/[\x00-\x09\x0b\x0c\x0e-\x1f]/g, ' ') // eslint-disable-line no-control-regex -- the point is control characters
    .replace(/^[ \n]+|[ \n]+$/g, '');
}

/** tdlib reports positions in UTF-8 bytes. */
const byteOffset = (text: string, at: number): number => Buffer.byteLength(text.slice(0, at));
const entityError = (what: string, text: string, at: number) =>
  badRequest(`can't parse entities: ${what} at byte offset ${byteOffset(text, at)}`);

const HTML_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  's',
  'strike',
  'del',
  'u',
  'ins',
  'tg-spoiler',
  'tg-emoji',
  'span',
  'pre',
  'code',
  'blockquote',
]);
const HTML_NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Telegram's HTML: the supported tags, properly nested; `&lt; &gt; &amp; &quot; &#N; &#xN;`. */
function parseHtml(text: string): string {
  let out = '';
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '&') {
      const entity = /^&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/i.exec(text.slice(i, i + 12));
      const decoded = entity && decodeHtmlEntity(entity);
      if (entity && decoded !== undefined) {
        out += decoded;
        i += entity[0].length - 1;
      } else {
        out += c; // tdlib keeps an unknown entity as written
      }
      continue;
    }
    if (c !== '<') {
      out += c;
      continue;
    }
    const tagEnd = tagClose(text, i);
    if (text[i + 1] === '/') {
      const name = text
        .slice(i + 2, tagEnd === -1 ? undefined : tagEnd)
        .trim()
        .toLowerCase();
      if (tagEnd === -1) throw entityError('Unclosed end tag', text, i);
      const expected = open.at(-1);
      if (expected === undefined) throw entityError('Unexpected end tag', text, i);
      if (name !== '' && name !== expected) {
        throw badRequest(
          `can't parse entities: Unmatched end tag at byte offset ${byteOffset(text, i)}, expected "</${expected}>", found "</${name}>"`,
        );
      }
      open.pop();
      i = tagEnd;
      continue;
    }
    const name = /^[^\s>]*/.exec(text.slice(i + 1))?.[0].toLowerCase() ?? '';
    if (!HTML_TAGS.has(name)) throw entityError(`Unsupported start tag "${name}"`, text, i);
    if (tagEnd === -1) throw entityError('Unclosed start tag', text, i);
    open.push(name);
    i = tagEnd;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw badRequest(`can't parse entities: Can't find end tag corresponding to start tag "${unclosed}"`);
  return out;
}

/** Index of the '>' closing the tag that starts at `start` (quotes respected), or -1. */
function tagClose(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return -1;
}

function decodeHtmlEntity(match: RegExpExecArray): string | undefined {
  const [, hex, decimal, name] = match;
  if (name !== undefined) return HTML_NAMED[name];
  const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : undefined;
}

const MARKDOWN_V2_RESERVED = '_*[]()~`>#+-=|{}.!';

type V2Entity = 'Bold' | 'Italic' | 'Underline' | 'Strikethrough' | 'Spoiler' | 'Code' | 'Pre' | 'TextUrl' | 'CustomEmoji';

/**
 * MarkdownV2 as tdlib parses it: `*bold* _italic_ __underline__ ~strike~ ||spoiler|| `code`
 * ```pre``` [text](url) ![emoji](tg://emoji?id=...)`, `>` quotes at line starts, `\x` escapes;
 * every other reserved character must be escaped.
 */
function parseMarkdownV2(text: string): string {
  let out = '';
  const open: { type: V2Entity; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '\\' && next !== undefined && next.charCodeAt(0) > 0 && next.charCodeAt(0) <= 126) {
      out += next;
      i++;
      continue;
    }
    const top = open.at(-1);
    if (top?.type === 'Code' || top?.type === 'Pre') {
      const closes = top.type === 'Code' ? c === '`' : text.startsWith('```', i);
      if (closes) {
        open.pop();
        if (top.type === 'Pre') i += 2;
      } else {
        out += c;
      }
      continue;
    }
    if (!MARKDOWN_V2_RESERVED.includes(c)) {
      out += c;
      continue;
    }
    if (top && closesV2(top.type, c, next)) {
      open.pop();
      if (top.type === 'Underline' || top.type === 'Spoiler') i++;
      if (top.type === 'TextUrl' || top.type === 'CustomEmoji') i = skipV2Url(text, i, top);
      continue;
    }
    const start = openV2(text, i);
    if (start === undefined)
      throw badRequest(`can't parse entities: Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    if (start.type) open.push({ type: start.type, at: i });
    i = start.next;
  }
  const unclosed = open.at(-1);
  if (unclosed) throw entityError(`Can't find end of ${unclosed.type} entity`, text, unclosed.at);
  return out;
}

function closesV2(type: V2Entity, c: string, next: string | undefined): boolean {
  switch (type) {
    case 'Bold':
      return c === '*';
    case 'Italic':
      return c === '_' && next !== '_';
    case 'Underline':
      return c === '_' && next === '_';
    case 'Strikethrough':
      return c === '~';
    case 'Spoiler':
      return c === '|' && next === '|';
    default:
      return c === ']'; // TextUrl, CustomEmoji (Code and Pre are handled before)
  }
}

/** The entity a reserved character at `i` opens (none for a line-start quote) and where parsing resumes; undefined when it opens nothing. */
function openV2(text: string, i: number): { type?: V2Entity; next: number } | undefined {
  const c = text[i];
  const next = text[i + 1];
  if (c === '_') return next === '_' ? { type: 'Underline', next: i + 1 } : { type: 'Italic', next: i };
  if (c === '*') return { type: 'Bold', next: i };
  if (c === '~') return { type: 'Strikethrough', next: i };
  if (c === '|' && next === '|') return { type: 'Spoiler', next: i + 1 };
  if (c === '[') return { type: 'TextUrl', next: i };
  if (c === '!' && next === '[') return { type: 'CustomEmoji', next: i + 1 };
  if (c === '>' && (i === 0 || text[i - 1] === '\n')) return { next: i };
  if (c !== '`') return undefined;
  if (!text.startsWith('```', i)) return { type: 'Code', next: i };
  // ```language\n: a word right after the fence and before a line break is the language.
  let pos = i + 3;
  const language = /^[^\s`]+(?=\s)/.exec(text.slice(pos));
  if (language) pos += language[0].length;
  if (text[pos] === '\n') pos++;
  return { type: 'Pre', next: pos - 1 };
}

/** After a link's ']' at `i`: skips `(url)` and returns the index of its ')'. */
function skipV2Url(text: string, i: number, entity: { type: V2Entity; at: number }): number {
  if (text[i + 1] !== '(') {
    if (entity.type === 'CustomEmoji') throw entityError('Custom emoji entity must contain a tg://emoji URL', text, entity.at);
    return i; // [text] alone links to its own text
  }
  for (let j = i + 2; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === ')') return j;
  }
  throw entityError("Can't find end of a URL", text, i + 1);
}

/** Legacy Markdown: `*bold* _italic_ `code` ```pre``` [text](url)`, no nesting, `\` escapes the four markers. */
function parseMarkdown(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && '_*`['.includes(text[i + 1] ?? ' ')) {
      out += text[i + 1];
      i++;
      continue;
    }
    if (!'_*`['.includes(c)) {
      out += c;
      continue;
    }
    const pre = text.startsWith('```', i);
    const endMarker = c === '[' ? ']' : pre ? '```' : c;
    const contentStart = i + (pre ? 3 : 1);
    const end = text.indexOf(endMarker, contentStart);
    if (end === -1) throw entityError("Can't find end of the entity starting", text, i);
    out += text.slice(contentStart, end);
    i = end + endMarker.length - 1;
    if (c === '[' && text[i + 1] === '(') {
      const urlEnd = text.indexOf(')', i + 2);
      if (urlEnd !== -1) i = urlEnd;
    }
  }
  return out;
}

/** Length as tdlib counts it (`utf8_length`): Unicode code points, not UTF-16 units. */
export const codePoints = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};
