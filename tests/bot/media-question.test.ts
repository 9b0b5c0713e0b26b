/**
 * Picture questions (issue 16, Bot API 10.0 poll media): in the guided flow a photo whose caption
 * is a question block adds that question with the photo; a photo without a caption, with a bad
 * block or with several gets the usual problem texts. Played in a group, the poll carries the
 * photo. On a ManualClock (as question-pool.test.ts): runs take no real time waiting for polls.
 */
import { describe, expect, it } from 'vitest';
import type { SimMessage, SimUser } from 'telegram-sim/world-types';
import { getQuizWithQuestions } from '../../src/store/queries/quizzes.js';
import type { BotHarness } from '../helpers/bot-harness.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';

describe('a picture question', () => {
  let h: BotHarness;
  const { next } = botOnManualClock(Date.UTC(2026, 10, 30, 19), (started) => (h = started));

  const anyText = (m: SimMessage): boolean => m.text !== undefined;

  /** The user sends a photo in private and the bot's reply comes back. */
  async function sendPhoto(user: SimUser, caption?: string): Promise<{ photo: SimMessage; reply: SimMessage }> {
    const photo = h.sim.world.sendPhoto(user.id, user.id, {
      bytes: Buffer.from(`photo of ${caption ?? 'nothing'}`),
      ...(caption ? { caption } : {}),
    });
    return { photo, reply: await next(user.id, photo.messageId, 'the reply to a photo', anyText) };
  }

  async function say(user: SimUser, text: string): Promise<SimMessage> {
    const sent = h.sim.world.sendText(user.id, user.id, text);
    return next(user.id, sent.messageId, `the reply to ${text}`, anyText);
  }

  it('is made from a captioned photo in the guided flow and played in a group with the photo', async () => {
    const { world } = h.sim;
    const owner = world.createUser({ firstName: 'Pic' });
    const noDraft = await sendPhoto(owner, 'Capital?\n- Paris *');
    expect(noDraft.reply.text).toContain('send /newquiz first');

    expect((await say(owner, '/newquiz Landmarks')).text).toContain('or a photo with one such question as its caption');
    const { photo, reply } = await sendPhoto(owner, 'Which city is this?\n- Paris *\n- Rome\n> The Eiffel tower.');
    expect(reply.text).toMatch(/^Question 1 added: Which city is this\?/);
    expect((await say(owner, 'Capital of Italy?\n- Rome *\n- Milan')).text).toMatch(/^Question 2 added/);

    const bare = await sendPhoto(owner);
    expect(bare.reply.text).toContain('No questions found');
    expect(bare.reply.text).toContain('2 questions');
    const bad = await sendPhoto(owner, 'Which river?\n- Seine\n- Tiber');
    expect(bad.reply.text).toMatch(/correct/i);
    const two = await sendPhoto(owner, 'A?\n- x *\n- y\n\nB?\n- x *\n- y');
    expect(two.reply.text).toContain('A photo takes one question');

    const done = await say(owner, '/done');
    const quizId = Number(/\(id (\d+)\)/.exec(done.text ?? '')?.[1]);
    expect(quizId, done.text).toBeGreaterThan(0);
    const largest = photo.photo?.at(-1);
    const saved = await getQuizWithQuestions(h.db, quizId);
    expect(saved?.questions.map((q) => q.media)).toEqual([{ type: 'photo', source: largest?.fileId }, null]);

    const group = world.createGroup({ title: 'Landmarks night', creator: owner.id });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quizId} 5s`);
    const first = await next(group.id, start.messageId, 'question 1', (m) => m.pollId !== undefined);
    const poll = world.poll(first.pollId ?? '');
    expect(poll?.question).toBe('[1/2] Which city is this?');
    expect(poll?.media?.kind).toBe('photo');
    // The same picture the author sent (one file, new file_ids), in the poll's message as players see it.
    expect(poll?.media?.file.uniqueId).toBe(largest?.file.uniqueId);
    const wired = world.wire(first, world.chat(group.id)!);
    expect(wired.poll?.media?.photo?.at(-1)?.file_unique_id).toBe(largest?.file.uniqueId);

    const second = await next(group.id, first.messageId, 'question 2', (m) => m.pollId !== undefined);
    expect(world.poll(second.pollId ?? '')?.media).toBeUndefined();
    await next(group.id, second.messageId, 'the results', (m) => m.text?.includes('has finished') ?? false);

    // A text file holds no pictures: that export is refused with the way out.
    expect((await say(owner, `/export ${quizId} txt`)).text).toBe(
      '⚠️ In a .txt file question 1 would not come back exactly (a .txt file holds no pictures, no line breaks inside a question and no option ending in " *"). Use /export <id> csv or /export <id> json instead.',
    );
    // Exported, the photo comes along (a CSV media column), and the file imports back with it.
    const command = world.sendText(owner.id, owner.id, `/export ${quizId} csv`);
    const exported = await next(owner.id, command.messageId, 'the export', (m) => m.document !== undefined);
    const file = world.file(exported.document?.fileId ?? '');
    expect(file?.bytes.toString('utf8')).toContain(`,${largest?.fileId}`);
    const copy = world.sendDocument(owner.id, owner.id, { fileName: 'copy.csv', bytes: file!.bytes, caption: '/import' });
    const copyId = Number(/\(id (\d+)\)/.exec((await next(owner.id, copy.messageId, 'the import', anyText)).text ?? '')?.[1]);
    expect((await getQuizWithQuestions(h.db, copyId))?.questions.map((q) => q.media)).toEqual([
      { type: 'photo', source: largest?.fileId },
      null,
    ]);
  });

  it("keeps the picture of a quiz poll the author sends, by the poll's largest photo size", async () => {
    const { world } = h.sim;
    const author = world.createUser({ firstName: 'Poller' });
    await say(author, '/newquiz Polls with pictures');
    const { message, poll } = world.sendQuizPoll(author.id, {
      question: 'Which bridge is this?',
      options: ['Golden Gate', 'Tower Bridge'],
      correctOptionIds: [1],
      photo: Buffer.from('bridge'),
    });
    const added = await next(author.id, message.messageId, 'the reply to the poll', anyText);
    expect(added.text).toMatch(/^Question 1 added: Which bridge is this\?/);
    const done = await say(author, '/done');
    const quizId = Number(/\(id (\d+)\)/.exec(done.text ?? '')?.[1]);
    const saved = await getQuizWithQuestions(h.db, quizId);
    expect(saved?.questions[0]?.media).toEqual({ type: 'photo', source: poll.media?.fileId });
  });
});
