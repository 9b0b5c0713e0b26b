/**
 * Documents through grammY's own client over real HTTP: a user's file reaching the bot, getFile
 * and the file route, sendDocument with an upload (InputFile) and by file_id, Telegram's limits
 * and refusals, and the control API's way to send and read files from another process.
 */
import { Api, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorActionError } from '../src/action-error.js';
import { nextBotMessage } from '../src/bot-messages.js';
import { ManualClock } from '../src/clock.js';
import { apiError, updateReader } from './helpers/grammy-client.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { LIMITS } from '../src/telegram-limits.js';
import { formatTranscript } from '../src/transcript.js';

let sim: Simulator;
let clock: ManualClock;
let api: Api;
/** The updates waiting since the last call (helpers/grammy-client.ts). */
let updates: () => Promise<Update[]>;

const CSV = Buffer.from('question;answer\n2 + 2?;4\n', 'utf8');

beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2026, 10, 30, 9, 0, 0));
  sim = await startSimulator({ clock, limits: { enabled: false } });
  api = new Api(sim.token, { apiRoot: sim.apiRoot });
  updates = updateReader(api, clock);
});
afterEach(async () => {
  await sim.close();
});

/** GET of the file route with this token and path. */
async function download(filePath: string, token = sim.token): Promise<{ status: number; body: Buffer; type: string | null }> {
  const response = await fetch(`${sim.apiRoot}/file/bot${token}/${filePath}`);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

function startedUser(name = 'Alice') {
  return sim.world.createStartedUser({ firstName: name, username: name.toLowerCase() });
}

describe('a user sends a document', () => {
  it('reaches the bot with its Document and caption, and getFile and the file route give its bytes back', async () => {
    const alice = startedUser();
    const sent = sim.world.sendDocument(alice.id, alice.id, { fileName: 'quiz.csv', bytes: CSV, caption: '/import' });
    const message = (await updates()).find((u) => u.message?.document)?.message;
    expect(message).toMatchObject({
      message_id: sent.messageId,
      from: { id: alice.id },
      chat: { id: alice.id, type: 'private' },
      document: { file_name: 'quiz.csv', mime_type: 'text/csv', file_size: CSV.length },
      caption: '/import',
      caption_entities: [{ type: 'bot_command', offset: 0, length: 7 }],
    });
    expect(message?.text).toBeUndefined();
    const document = message?.document;
    if (!document) throw new Error('no document');
    expect(document.file_id).toBe(sent.document?.fileId);
    expect(document.file_unique_id).toMatch(/^AgAD/);

    const file = await api.getFile(document.file_id);
    expect(file).toEqual({
      file_id: document.file_id,
      file_unique_id: document.file_unique_id,
      file_size: CSV.length,
      file_path: 'documents/file_0.csv',
    });
    const got = await download(file.file_path ?? '');
    expect(got.status).toBe(200);
    expect(got.body.equals(CSV)).toBe(true);
    expect((await api.getFile(document.file_id)).file_path).toBe(file.file_path); // the same path again
    expect(sim.stats().files).toEqual({ files: 1, bytes: CSV.length, downloads: 1 });
  });

  it('types the file by its name unless the app says otherwise, and a reply names its message', async () => {
    const alice = startedUser();
    const prompt = await api.sendMessage(alice.id, 'Send me your quiz file');
    sim.world.sendDocument(alice.id, alice.id, { fileName: 'bank.JSON', bytes: Buffer.from('[]'), replyToMessageId: prompt.message_id });
    sim.world.sendDocument(alice.id, alice.id, { fileName: 'notes', bytes: Buffer.from('x') });
    sim.world.sendDocument(alice.id, alice.id, { fileName: 'q.txt', mimeType: 'text/x-quiz', bytes: Buffer.from('x') });
    const documents = (await updates()).flatMap((u) => (u.message?.document ? [u.message] : []));
    expect(documents.map((m) => m.document?.mime_type)).toEqual(['application/json', 'application/octet-stream', 'text/x-quiz']);
    expect(documents[0]?.reply_to_message).toMatchObject({ message_id: prompt.message_id, text: 'Send me your quiz file' });
    expect(documents[0]?.caption).toBeUndefined();
    const noExtension = await api.getFile(documents[1]?.document?.file_id ?? '');
    expect(noExtension.file_path).toBe('documents/file_1');
  });

  it('reaches the bot in a group only as a command for it or a reply to it (privacy mode)', async () => {
    const owner = sim.world.createUser({ firstName: 'Owner' });
    const group = sim.world.createGroup({ title: 'Quiz night', creator: owner.id });
    await updates(); // my_chat_member
    sim.world.sendDocument(owner.id, group.id, { fileName: 'a.csv', bytes: CSV });
    sim.world.sendDocument(owner.id, group.id, { fileName: 'b.csv', bytes: CSV, caption: `/import@${sim.bot.username} please` });
    const seen = (await updates()).map((u) => u.message?.document?.file_name);
    expect(seen).toEqual(['b.csv']);
    expect(sim.world.chat(group.id)?.transcript.filter((e) => e.kind === 'document')).toHaveLength(2);
  });

  it("refuses what Telegram's apps do not send: an empty file, a caption over 1024 characters", () => {
    const alice = startedUser();
    const refusal = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        if (error instanceof SimulatorActionError) return error.code;
        throw error;
      }
      throw new Error('expected a SimulatorActionError');
    };
    expect(refusal(() => sim.world.sendDocument(alice.id, alice.id, { fileName: 'empty.csv', bytes: Buffer.alloc(0) }))).toBe('EMPTY_FILE');
    const long = 'x'.repeat(LIMITS.caption + 1);
    expect(refusal(() => sim.world.sendDocument(alice.id, alice.id, { fileName: 'a.csv', bytes: CSV, caption: long }))).toBe(
      'CAPTION_TOO_LONG',
    );
    expect(sim.world.sendDocument(alice.id, alice.id, { fileName: 'a.csv', bytes: CSV, caption: long.slice(1) }).caption).toHaveLength(
      LIMITS.caption,
    );
  });
});

describe('getFile and the file route', () => {
  it('refuses a missing or unknown file_id and a file over 20 MiB, as Telegram words it', async () => {
    const alice = startedUser();
    const missing = await fetch(`${sim.apiRoot}/bot${sim.token}/getFile`, { method: 'POST' });
    expect(await missing.json()).toEqual({ ok: false, error_code: 400, description: 'Bad Request: file_id not specified' });
    const unknown = await apiError(api.getFile('BQACAgIAAxkBAAnot-a-file'));
    expect([unknown.error_code, unknown.description]).toEqual([400, 'Bad Request: invalid file_id']);

    const atLimit = sim.world.sendDocument(alice.id, alice.id, {
      fileName: 'big.csv',
      bytes: Buffer.alloc(LIMITS.downloadFileBytes, 0x61),
    });
    const over = sim.world.sendDocument(alice.id, alice.id, {
      fileName: 'huge.csv',
      bytes: Buffer.alloc(LIMITS.downloadFileBytes + 1, 0x61),
    });
    expect((await api.getFile(atLimit.document?.fileId ?? '')).file_size).toBe(20 * 1024 * 1024);
    const tooBig = await apiError(api.getFile(over.document?.fileId ?? ''));
    expect([tooBig.error_code, tooBig.description]).toEqual([400, 'Bad Request: file is too big']);
  });

  it('answers 401 to a wrong token and 404 to a path getFile never gave', async () => {
    const alice = startedUser();
    const sent = sim.world.sendDocument(alice.id, alice.id, { fileName: 'quiz.csv', bytes: CSV });
    const before = await download('documents/file_0.csv');
    expect(before.status).toBe(404); // no getFile yet: no path
    expect(JSON.parse(before.body.toString())).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    const { file_path: filePath } = await api.getFile(sent.document?.fileId ?? '');
    const wrongToken = await download(filePath ?? '', '7000000001:wrong-token');
    expect([wrongToken.status, JSON.parse(wrongToken.body.toString())]).toEqual([
      401,
      { ok: false, error_code: 401, description: 'Unauthorized' },
    ]);
    expect((await download('documents/file_9.csv')).status).toBe(404);
    expect((await fetch(`${sim.apiRoot}/file/bot`)).status).toBe(404);
    const ok = await download(filePath ?? '');
    expect([ok.status, ok.type, ok.body.toString()]).toEqual([200, 'application/octet-stream', CSV.toString()]);
  });
});

describe('sendDocument', () => {
  it("uploads grammY's InputFile: the message has a new document the bot and the test can read back", async () => {
    const alice = startedUser();
    const sent = await api.sendDocument(alice.id, new InputFile(CSV, 'export.csv'), {
      caption: '<b>Quiz 7</b> export',
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'Import it', callback_data: 'import:7' }]] },
    });
    expect(sent).toMatchObject({
      from: { id: sim.bot.id, is_bot: true },
      document: { file_name: 'export.csv', mime_type: 'text/csv', file_size: CSV.length },
      caption: 'Quiz 7 export',
      reply_markup: { inline_keyboard: [[{ text: 'Import it', callback_data: 'import:7' }]] },
    });

    // What a test reads: the world's copy, the transcript, and the same bytes over HTTP.
    expect(sim.world.file(sent.document.file_id)?.bytes.equals(CSV)).toBe(true);
    const chat = sim.world.chat(alice.id);
    if (!chat) throw new Error('no chat');
    expect(chat.transcript.at(-1)).toMatchObject({
      by: 'bot',
      kind: 'document',
      messageId: sent.message_id,
      text: 'Quiz 7 export',
      detail: { fileId: sent.document.file_id, fileName: 'export.csv', mimeType: 'text/csv', fileSize: CSV.length },
    });
    expect(formatTranscript(chat, sim.world).split('\n').at(-1)).toBe(
      `[09:00:00.000] bot [document #${sent.message_id}] export.csv (${CSV.length} bytes): Quiz 7 export`,
    );
    const waited = await nextBotMessage(sim.world, alice.id, 0, (m) => m.document !== undefined, 1000, 'the export');
    expect(waited.document?.file.fileName).toBe('export.csv');
    const file = await api.getFile(sent.document.file_id);
    expect((await download(file.file_path ?? '')).body.equals(CSV)).toBe(true);
  });

  it('names an upload without a file name as grammY does (document.dat), and reads a plain multipart part', async () => {
    const alice = startedUser();
    const unnamed = await api.sendDocument(alice.id, new InputFile(Buffer.from('bytes')));
    expect(unnamed.document).toMatchObject({ file_name: 'document.dat', mime_type: 'application/octet-stream', file_size: 5 });
    const form = new FormData();
    form.append('chat_id', String(alice.id));
    form.append('document', new Blob([CSV], { type: 'text/plain' }), 'direct.csv');
    const response = await fetch(`${sim.apiRoot}/bot${sim.token}/sendDocument`, { method: 'POST', body: form });
    const json = (await response.json()) as { result: { document: { file_name: string; mime_type: string } } };
    expect(json.result.document).toMatchObject({ file_name: 'direct.csv', mime_type: 'text/csv' });
  });

  it('re-sends a known file by file_id: a new file_id, the same file_unique_id and bytes, a reply where asked', async () => {
    const alice = startedUser();
    const users = sim.world.sendDocument(alice.id, alice.id, { fileName: 'quiz.csv', bytes: CSV });
    const fileId = users.document?.fileId ?? '';
    const again = await api.sendDocument(alice.id, fileId, { caption: 'your file', reply_parameters: { message_id: users.messageId } });
    expect(again.document.file_id).not.toBe(fileId);
    expect(again.document).toMatchObject({ file_unique_id: users.document?.file.uniqueId, file_name: 'quiz.csv', file_size: CSV.length });
    expect(again.reply_to_message?.message_id).toBe(users.messageId);
    expect(sim.world.file(again.document.file_id)?.bytes.equals(CSV)).toBe(true);
    const bots = await api.sendDocument(alice.id, again.document.file_id);
    expect(bots.document.file_unique_id).toBe(again.document.file_unique_id);
    expect(sim.stats().files.files).toBe(1); // one file, three messages
  });

  it('refuses a call without a document, an unknown file_id, a URL, an empty upload and a long caption', async () => {
    const alice = startedUser();
    const refused = async (promise: Promise<unknown>) => {
      const error = await apiError(promise);
      return `${error.error_code} ${error.description}`;
    };
    const raw = await fetch(`${sim.apiRoot}/bot${sim.token}/sendDocument`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: alice.id, document: 'attach://missing' }),
    });
    expect(((await raw.json()) as { description: string }).description).toBe('Bad Request: there is no document in the request');
    expect(await refused(api.sendDocument(alice.id, 'BQACAgIAAxkBAAunknown'))).toBe(
      '400 Bad Request: wrong file identifier/HTTP URL specified',
    );
    expect(await refused(api.sendDocument(alice.id, 'https://example.com/quiz.csv'))).toBe(
      '400 Bad Request: failed to get HTTP URL content',
    );
    expect(await refused(api.sendDocument(alice.id, new InputFile(Buffer.alloc(0), 'empty.csv')))).toBe(
      '400 Bad Request: file must be non-empty',
    );
    const caption = 'é'.repeat(LIMITS.caption + 1);
    expect(await refused(api.sendDocument(alice.id, new InputFile(CSV, 'a.csv'), { caption }))).toBe(
      '400 Bad Request: message caption is too long',
    );
    expect((await api.sendDocument(alice.id, new InputFile(CSV, 'a.csv'), { caption: caption.slice(1) })).caption).toHaveLength(
      LIMITS.caption,
    );
    sim.world.blockBot(alice.id);
    expect(await refused(api.sendDocument(alice.id, new InputFile(CSV, 'a.csv')))).toBe('403 Forbidden: bot was blocked by the user');
    expect(sim.stats().files.files).toBe(1); // refused uploads keep no bytes
  });

  it('answers 413 to an upload over 50 MiB and takes one of 50 MiB less its multipart envelope', async () => {
    const alice = startedUser();
    const tooLarge = await apiError(api.sendDocument(alice.id, new InputFile(Buffer.alloc(LIMITS.uploadBodyBytes + 1), 'big.bin')));
    expect([tooLarge.error_code, tooLarge.description]).toEqual([413, 'Request Entity Too Large']);
    const fits = await api.sendDocument(alice.id, new InputFile(Buffer.alloc(LIMITS.uploadBodyBytes - 4096), 'big.bin'));
    expect(fits.document.file_size).toBe(LIMITS.uploadBodyBytes - 4096);
  });

  it('counts against the flood limits like any message', async () => {
    const alice = startedUser();
    sim.limits.configure({ enabled: true });
    for (let i = 0; i < 3; i++) await api.sendDocument(alice.id, new InputFile(CSV, `q${i}.csv`)); // the chat's burst
    const limited = await apiError(api.sendDocument(alice.id, new InputFile(CSV, 'q3.csv')));
    expect(limited.error_code).toBe(429);
  });
});

describe('the control API', () => {
  it('sends a document as a user (base64) and reads back any file by file_id', async () => {
    const alice = startedUser();
    const post = await fetch(`${sim.apiRoot}/sim/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: alice.id, file_name: 'quiz.csv', data_base64: CSV.toString('base64'), caption: '/import' }),
    });
    expect(post.status).toBe(200);
    const message = (await post.json()) as { document: { file_id: string }; caption: string };
    expect(message).toMatchObject({
      document: { file_name: 'quiz.csv', mime_type: 'text/csv', file_size: CSV.length },
      caption: '/import',
    });
    expect((await updates()).some((u) => u.message?.document?.file_id === message.document.file_id)).toBe(true);

    const read = await fetch(`${sim.apiRoot}/sim/files/${encodeURIComponent(message.document.file_id)}`);
    const file = (await read.json()) as { data_base64: string; file_name: string; file_path: string | null };
    expect(Buffer.from(file.data_base64, 'base64').equals(CSV)).toBe(true);
    expect([file.file_name, file.file_path]).toEqual(['quiz.csv', null]);

    expect((await fetch(`${sim.apiRoot}/sim/files/nothing`)).status).toBe(404);
    const bad = await fetch(`${sim.apiRoot}/sim/documents`, {
      method: 'POST',
      body: JSON.stringify({ user_id: alice.id, file_name: 'x.csv', data_base64: 'not base64!' }),
    });
    expect([bad.status, ((await bad.json()) as { message: string }).message]).toEqual([400, 'data_base64 must be base64']);
    const empty = await fetch(`${sim.apiRoot}/sim/documents`, {
      method: 'POST',
      body: JSON.stringify({ user_id: alice.id, file_name: 'x.csv', data_base64: '' }),
    });
    expect([empty.status, ((await empty.json()) as { error: string }).error]).toEqual([409, 'EMPTY_FILE']);
  });
});
