import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, InputFile } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiError } from '../src/errors.js';
import { readRequestParams, UploadedFile } from '../src/request-body.js';

/** Small, so the too-large case stays cheap; the default is 10 MiB. */
const LIMIT = 64 * 1024;

let server: http.Server;
let base: string;

/** Answers `{ ok: true, result: <the parameters read> }` (files as descriptors with their bytes as text) or the BotApiError. */
function echo(req: http.IncomingMessage, res: http.ServerResponse): void {
  readRequestParams(req, { maxBodyBytes: LIMIT }).then(
    (params) => {
      const result = Object.fromEntries(
        Object.entries(params).map(([name, value]) => [
          name,
          value instanceof UploadedFile
            ? { upload: { filename: value.filename, contentType: value.contentType, size: value.size, text: value.bytes.toString('utf8') } }
            : value,
        ]),
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    },
    (error: unknown) => {
      const apiError = error instanceof BotApiError ? error : new BotApiError(500, `not a BotApiError: ${String(error)}`);
      res.writeHead(apiError.errorCode, { 'content-type': 'application/json' }).end(JSON.stringify(apiError.toJSON()));
    },
  );
}

beforeAll(async () => {
  server = http.createServer(echo);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function post(
  path: string,
  contentType: string | undefined,
  body: string | Buffer | FormData,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(base + path, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const resultOf = async (...args: Parameters<typeof post>) => {
  const { status, json } = await post(...args);
  expect(status).toBe(200);
  return json.result as Record<string, unknown>;
};

describe('readRequestParams', () => {
  it('reads a JSON body with its value types', async () => {
    const body = {
      chat_id: -1001,
      text: 'héllo',
      disable_notification: true,
      reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'b' }]] },
    };
    expect(await resultOf('/', 'application/json', JSON.stringify(body))).toEqual(body);
  });

  it('accepts a charset after the JSON content type', async () => {
    expect(await resultOf('/', 'application/json; charset=utf-8', '{"a":1}')).toEqual({ a: 1 });
  });

  it('reads the query string of a GET', async () => {
    const response = await fetch(`${base}/botX/getUpdates?offset=5&timeout=0&allowed_updates=%5B%22message%22%5D`);
    expect(await response.json()).toEqual({ ok: true, result: { offset: '5', timeout: '0', allowed_updates: '["message"]' } });
  });

  it('lets the query string win over the body, as tdlib answers the first pair of a name', async () => {
    const result = await resultOf('/?chat_id=1&extra=q', 'application/json', JSON.stringify({ chat_id: 2, text: 'x' }));
    expect(result).toEqual({ chat_id: '1', extra: 'q', text: 'x' });
  });

  it('reads a form-urlencoded body: + as space, UTF-8 escapes, the first of duplicates', async () => {
    const result = await resultOf('/', 'application/x-www-form-urlencoded', 'text=hello+world&emoji=%F0%9F%98%80&dup=1&dup=2&flag');
    expect(result).toEqual({ text: 'hello world', emoji: '😀', dup: '1', flag: '' });
  });

  it('reads standard multipart/form-data (FormData from fetch) with a file part', async () => {
    const form = new FormData();
    form.append('chat_id', '42');
    form.append('caption', 'line 1\r\nline 2');
    form.append('document', new Blob([Buffer.from('hello world')], { type: 'text/plain' }), 'notes.txt');
    expect(await resultOf('/', undefined, form)).toEqual({
      chat_id: '42',
      caption: 'line 1\r\nline 2',
      document: { upload: { filename: 'notes.txt', contentType: 'text/plain', size: 11, text: 'hello world' } },
    });
  });

  it("reads grammY's own multipart upload (Api with an InputFile), attach:// reference and all", async () => {
    const api = new Api('123:TOKEN', { apiRoot: base });
    const result = (await api.sendDocument(42, new InputFile(Buffer.from('quiz,data\n'), 'quiz.csv'), {
      caption: 'the quiz',
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    })) as unknown as Record<string, unknown>;
    const attach = String(result.document);
    expect(attach).toMatch(/^attach:\/\/\w+$/);
    const fileId = attach.slice('attach://'.length);
    expect(result).toEqual({
      chat_id: '42',
      document: attach,
      caption: 'the quiz',
      reply_markup: '{"inline_keyboard":[[{"text":"Go","callback_data":"go"}]]}',
      [fileId]: { upload: { filename: 'quiz.csv', contentType: 'application/octet-stream', size: 10, text: 'quiz,data\n' } },
    });
  });

  it("reads grammY's JSON payload (no files)", async () => {
    const api = new Api('123:TOKEN', { apiRoot: base });
    const result = (await api.sendMessage(7, 'hi', { parse_mode: 'HTML' })) as unknown as Record<string, unknown>;
    expect(result).toEqual({ chat_id: 7, text: 'hi', parse_mode: 'HTML' });
  });

  it('answers 413 past the body limit and accepts a body of exactly the limit', async () => {
    const filler = (size: number) => `text=${'a'.repeat(size - 'text='.length)}`;
    const atLimit = await post('/', 'application/x-www-form-urlencoded', filler(LIMIT));
    expect(atLimit.status).toBe(200);
    expect((atLimit.json.result as { text: string }).text).toHaveLength(LIMIT - 5);
    const over = await post('/', 'application/x-www-form-urlencoded', filler(LIMIT + 1));
    expect(over).toEqual({ status: 413, json: { ok: false, error_code: 413, description: 'Request Entity Too Large' } });
  });

  it('ignores a malformed JSON body as Telegram does, keeping the query string', async () => {
    expect(await resultOf('/?chat_id=1', 'application/json', '{"chat_id": 2, "text": ')).toEqual({ chat_id: '1' });
    expect(await resultOf('/', 'application/json', '["not", "an", "object"]')).toEqual({});
  });

  it('ignores a body of another content type', async () => {
    expect(await resultOf('/?a=1', 'text/plain', 'b=2')).toEqual({ a: '1' });
  });

  it('keeps a __proto__ parameter as a parameter', async () => {
    const result = await resultOf('/', 'application/x-www-form-urlencoded', '__proto__=x&a=1');
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(result.a).toBe('1');
  });

  it('reads a hand-written multipart body: quoted boundary, compact headers, an urlencoded part', async () => {
    const body = [
      'preamble to skip',
      '--b0undary',
      'content-disposition:form-data;name=chat_id',
      '',
      '5',
      '--b0undary',
      'Content-Disposition: form-data; name="more"',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      'x=1&y=two+words',
      '--b0undary',
      'Content-Disposition: form-data; name="empty"',
      '',
      '',
      '--b0undary--',
      'epilogue',
    ].join('\r\n');
    expect(await resultOf('/', 'multipart/form-data; boundary="b0undary"', body)).toEqual({
      chat_id: '5',
      x: '1',
      y: 'two words',
      empty: '',
    });
  });

  it("refuses multipart bodies Telegram refuses, with tdlib's descriptions", async () => {
    const part = (headers: string) => `--b\r\n${headers}\r\n\r\nvalue\r\n--b--\r\n`;
    expect(await post('/', 'multipart/form-data', part('Content-Disposition: form-data; name="a"'))).toEqual({
      status: 400,
      json: { ok: false, error_code: 400, description: 'Bad Request: boundary not found' },
    });
    expect((await post('/', `multipart/form-data; boundary=${'x'.repeat(71)}`, 'x')).json.description).toBe(
      'Bad Request: boundary too big or empty',
    );
    expect(
      (await post('/', 'multipart/form-data; boundary=b', part('Content-Disposition: form-data; filename="f"'))).json.description,
    ).toBe('Bad Request: field name in multipart/form-data not found');
    expect((await post('/', 'multipart/form-data; boundary=b', part('Content-Disposition: attachment; name="a"'))).json.description).toBe(
      'Bad Request: expected form-data content disposition',
    );
    expect((await post('/', 'multipart/form-data; boundary=b', '--b\r\n\r\nvalue\r\n--b--')).json.description).toBe(
      'Bad Request: headers in multipart/form-data are empty',
    );
  });
});
