/**
 * Photos and poll media (Bot API 10.0) through grammY's own client over real HTTP: a user's photo
 * reaching the bot, sendPoll's `media` and `explanation_media` by file_id, URL and upload, where
 * Telegram shows them (the poll's message; the explanation once answers are visible), and every
 * refusal.
 */
import { Api, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorActionError } from '../src/action-error.js';
import { ManualClock } from '../src/clock.js';
import { apiError, updateReader } from './helpers/grammy-client.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { formatTranscript } from '../src/transcript.js';

let sim: Simulator;
let clock: ManualClock;
let api: Api;
/** The updates waiting since the last call (helpers/grammy-client.ts). */
let updates: () => Promise<Update[]>;

beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2026, 10, 30, 9, 0, 0));
  sim = await startSimulator({ clock, limits: { enabled: false } });
  api = new Api(sim.token, { apiRoot: sim.apiRoot });
  updates = updateReader(api, clock);
});
afterEach(async () => {
  await sim.close();
});

function transcript(chatId: number): string {
  const chat = sim.world.chat(chatId);
  if (!chat) throw new Error(`no chat ${chatId}`);
  return formatTranscript(chat, sim.world);
}

function startedUser(name = 'Alice') {
  return sim.world.createStartedUser({ firstName: name, username: name.toLowerCase() });
}

const OPTIONS = [{ text: 'Paris' }, { text: 'Rome' }];
const QUIZ = { type: 'quiz' as const, is_anonymous: false, correct_option_ids: [0] };

describe('a user sends a photo', () => {
  it('reaches the bot with three sizes, smallest first, and the caption with its command entities', async () => {
    const alice = startedUser();
    const picture = Buffer.from('a picture');
    const sent = sim.world.sendPhoto(alice.id, alice.id, { bytes: picture, caption: '/add Capital?\n- Paris *' });
    const message = (await updates()).find((u) => u.message?.photo)?.message;
    expect(message).toMatchObject({
      message_id: sent.messageId,
      caption: '/add Capital?\n- Paris *',
      caption_entities: [{ type: 'bot_command', offset: 0, length: 4 }],
    });
    const sizes = message?.photo ?? [];
    expect(sizes.map((s) => s.width)).toEqual([90, 320, 800]);
    expect(sizes.every((s) => s.file_id.startsWith('AgAC'))).toBe(true);
    expect(new Set(sizes.map((s) => s.file_unique_id)).size).toBe(3);
    const file = await api.getFile(sizes[2]?.file_id ?? '');
    expect(file.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
    expect(transcript(alice.id)).toContain(`[photo #${sent.messageId}]: /add Capital?`);
  });

  it('can be sent through the control API, by a driver in another process', async () => {
    const alice = startedUser();
    const post = await fetch(`${sim.apiRoot}/sim/photos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: alice.id, data_base64: Buffer.from('png').toString('base64'), caption: 'Q?\n- A *' }),
    });
    expect(post.status).toBe(200);
    const message = (await post.json()) as { photo: { file_id: string }[]; caption: string };
    expect(message.photo).toHaveLength(3);
    expect(message.caption).toBe('Q?\n- A *');
    expect(sim.world.file(message.photo[2]?.file_id ?? '')?.bytes.toString()).toBe('png');
  });

  it('reaches the bot in a group only as a command for it (privacy mode), and refuses a caption past 1024', async () => {
    const owner = sim.world.createUser({ firstName: 'Owner' });
    const group = sim.world.createGroup({ title: 'Quiz night', creator: owner.id });
    await updates(); // my_chat_member
    sim.world.sendPhoto(owner.id, group.id, { caption: 'holiday' });
    sim.world.sendPhoto(owner.id, group.id, { caption: `/add@${sim.bot.username}` });
    expect((await updates()).map((u) => u.message?.caption)).toEqual([`/add@${sim.bot.username}`]);
    expect(() => sim.world.sendPhoto(owner.id, group.id, { caption: 'x'.repeat(1025) })).toThrow(SimulatorActionError);
  });
});

describe('sendPoll with media', () => {
  it("carries a user's photo by file_id in the poll's message, not in poll updates", async () => {
    const alice = startedUser();
    const owner = sim.world.createUser({ firstName: 'Owner' });
    const group = sim.world.createGroup({ title: 'Quiz night', creator: owner.id, members: [alice.id] });
    sim.world.sendPhoto(alice.id, alice.id, { caption: 'q' });
    const photo = (await updates()).find((u) => u.message?.photo)?.message?.photo ?? [];
    const largest = photo.at(-1);
    if (!largest) throw new Error('no photo');

    const message = await api.sendPoll(group.id, 'Which city is this?', OPTIONS, {
      ...QUIZ,
      open_period: 30,
      media: { type: 'photo', media: largest.file_id },
    });
    const media = message.poll.media?.photo ?? [];
    expect(media.map((s) => s.width)).toEqual([90, 320, 800]);
    expect(media.at(-1)?.file_unique_id).toBe(largest.file_unique_id); // the same file, a new file_id
    expect(media.at(-1)?.file_id).not.toBe(largest.file_id);
    expect(sim.world.poll(message.poll.id)?.media?.kind).toBe('photo');
    expect(transcript(group.id)).toContain('[photo] Which city is this?');

    sim.world.answerPoll(alice.id, message.poll.id, [0]);
    const pollUpdate = (await updates()).find((u) => u.poll)?.poll;
    expect(pollUpdate?.id).toBe(message.poll.id);
    expect(pollUpdate?.media).toBeUndefined(); // "for polls inside the Message object only"
  });

  it('takes an https URL and an upload (InputFile), and shows explanation_media with the explanation', async () => {
    const alice = startedUser();
    const byUrl = await api.sendPoll(alice.id, 'Capital of France?', OPTIONS, {
      ...QUIZ,
      explanation: 'Since 508.',
      media: { type: 'photo', media: 'https://example.com/pictures/paris.jpg' },
      explanation_media: { type: 'video', media: 'https://example.com/paris.mp4' },
    });
    expect(byUrl.poll.media?.photo).toHaveLength(3);
    // A private chat with the bot shows the correct options, so the explanation and its media too.
    expect(byUrl.poll.explanation_media?.video).toMatchObject({ width: 640, height: 360 });
    expect(sim.world.file(byUrl.poll.explanation_media?.video?.file_id ?? '')?.fileName).toBe('paris.mp4');

    const upload = Buffer.from('gif bytes');
    const uploaded = await api.sendPoll(alice.id, 'Which animal?', OPTIONS, {
      ...QUIZ,
      media: { type: 'animation', media: new InputFile(upload, 'cat.gif') },
    });
    const animation = uploaded.poll.media?.animation;
    expect(animation?.file_id).toMatch(/^CgAC/);
    expect(sim.world.file(animation?.file_id ?? '')?.bytes.equals(upload)).toBe(true);

    const stopped = await api.stopPoll(alice.id, byUrl.message_id);
    expect(stopped.explanation_media?.video).toBeDefined();
    expect(stopped.media).toBeUndefined();
  });

  it('drops explanation_media on a regular poll, as its explanation', async () => {
    const alice = startedUser();
    const message = await api.sendPoll(alice.id, 'Tea or coffee?', OPTIONS, {
      explanation_media: { type: 'photo', media: 'https://example.com/a.jpg' },
    });
    expect(message.poll.explanation_media).toBeUndefined();
    expect(sim.world.poll(message.poll.id)?.explanationMedia).toBeUndefined();
  });

  it('refuses what Telegram refuses, and stores nothing for a refused call', async () => {
    const alice = startedUser();
    sim.world.sendDocument(alice.id, alice.id, { fileName: 'quiz.csv', bytes: Buffer.from('a;b') });
    const documentId = (await updates()).find((u) => u.message?.document)?.message?.document?.file_id ?? '';
    const filesBefore = sim.stats().files.files;
    const refusal = async (media: unknown) =>
      (await apiError(api.raw.sendPoll({ chat_id: alice.id, question: 'Q?', options: OPTIONS, ...QUIZ, media } as never))).description;

    expect(await refusal({ type: 'photo', media: 'no-such-file-id' })).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect(await refusal({ type: 'photo', media: documentId })).toBe('Bad Request: type of file mismatch');
    expect(await refusal({ type: 'sticker', media: documentId })).toBe('Bad Request: unsupported media type specified');
    expect(await refusal({ type: 'location', media: 'x' })).toBe('Bad Request: media type is not supported by the simulator');
    expect(await refusal({ type: 'photo', media: 'https://' })).toBe('Bad Request: wrong HTTP URL specified');
    expect(await refusal({ type: 'photo' })).toBe('Bad Request: can\'t find field "media"');
    expect(await refusal({ type: 'photo', media: 'attach://nothing' })).toBe("Bad Request: can't find attached file");
    expect(await refusal('just text')).toBe("Bad Request: can't parse InputMedia JSON object");
    // A valid media on a call refused for another reason stores nothing.
    const tooLong = await apiError(
      api.sendPoll(alice.id, 'x'.repeat(301), OPTIONS, { ...QUIZ, media: { type: 'photo', media: new InputFile(Buffer.from('p')) } }),
    );
    expect(tooLong.error_code).toBe(400);
    expect(sim.stats().files.files).toBe(filesBefore);
  });
});
