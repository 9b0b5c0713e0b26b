/**
 * Quiz files end to end against the simulator (issue 16): /template, importing a file sent with
 * /import (as its caption or as a reply to the prompt), every problem of a bad file named by its
 * line with nothing saved, and /export giving back a file that imports to the same quiz, byte for
 * byte on the round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage, SimUser } from 'telegram-sim/world-types';
import { getQuizWithQuestions } from '../../src/store/queries/quizzes.js';
import { importPromptText } from '../../src/bot/texts/quiz-files.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';

const CSV = [
  'question,option1,option2,option3,correct,explanation',
  'Capital of France?,Berlin,Paris,Rome,2,Paris since 508.',
  '"Which are in Japan? (two)",Tokyo,Osaka,Lima,"1,2",',
  '',
].join('\n');

describe('quiz files', () => {
  let h: BotHarness;
  let user: SimUser;
  beforeAll(async () => {
    h = await startBotHarness();
    user = h.sim.world.createStartedUser({ firstName: 'Fia' });
    // The welcome to /start first: every later reply then follows what the test sent.
    await h.waitFor(() => h.botMessages(user.id)[0], 'the welcome');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const replyAfter = (afterId: number, what: string): Promise<SimMessage> =>
    h.waitFor(() => h.botMessages(user.id).find((m) => m.messageId > afterId), what);
  const fileOf = (message: SimMessage): Buffer => {
    const file = message.document ? h.sim.world.file(message.document.fileId) : undefined;
    if (!file) throw new Error('the message has no document');
    return file.bytes;
  };

  it('imports a CSV sent with /import as its caption, and exports it back byte for byte', async () => {
    const sent = h.sim.world.sendDocument(user.id, user.id, { fileName: 'capitals.csv', bytes: Buffer.from(CSV), caption: '/import' });
    const saved = await replyAfter(sent.messageId, 'the import reply');
    expect(saved.text).toContain('✅ Quiz "capitals" saved with 2 questions');
    const quizId = Number(/\(id (\d+)\)/.exec(saved.text ?? '')?.[1]);
    const quiz = await getQuizWithQuestions(h.db, quizId);
    expect(quiz?.questions.map((q) => [q.text, q.options, q.correctOptionIds, q.explanation ?? null])).toEqual([
      ['Capital of France?', ['Berlin', 'Paris', 'Rome'], [1], 'Paris since 508.'],
      ['Which are in Japan? (two)', ['Tokyo', 'Osaka', 'Lima'], [0, 1], null],
    ]);

    const exportCommand = h.sim.world.sendText(user.id, user.id, `/export ${quizId} csv`);
    const exported = await replyAfter(exportCommand.messageId, 'the export');
    const first = fileOf(exported);
    // The exported file imports to the same quiz, and exports to the same bytes.
    const again = h.sim.world.sendDocument(user.id, user.id, { fileName: 'copy.csv', bytes: first, caption: '/import' });
    const copyId = Number(/\(id (\d+)\)/.exec((await replyAfter(again.messageId, 'the copy')).text ?? '')?.[1]);
    const copyExport = h.sim.world.sendText(user.id, user.id, `/export ${copyId} csv`);
    expect(fileOf(await replyAfter(copyExport.messageId, 'the copy export')).toString('utf8')).toBe(first.toString('utf8'));
  });

  it('imports a file sent as a reply to the /import prompt, and sends templates that import as they are', async () => {
    const ask = h.sim.world.sendText(user.id, user.id, '/import');
    const prompt = await replyAfter(ask.messageId, 'the prompt');
    expect(prompt.text).toBe(importPromptText(translatorFor(createI18n(), 'en')));
    for (const format of ['csv', 'json', 'txt']) {
      const command = h.sim.world.sendText(user.id, user.id, `/template ${format}`);
      const template = await replyAfter(command.messageId, `the ${format} template`);
      const reply = h.sim.world.sendDocument(user.id, user.id, {
        fileName: `template.${format}`,
        bytes: fileOf(template),
        replyToMessageId: prompt.messageId,
      });
      expect((await replyAfter(reply.messageId, `the ${format} import`)).text).toContain('✅ Quiz');
    }
  });

  it('names every problem of a bad file by its line and saves nothing', async () => {
    const before = (await h.db.query.quizzes.findMany()).length;
    const bad = ['question,option1,option2,correct', 'Fine?,a,b,1', 'No answer?,a,b,', `Long?,${'x'.repeat(101)},b,1`, ''].join('\n');
    const sent = h.sim.world.sendDocument(user.id, user.id, { fileName: 'bad.csv', bytes: Buffer.from(bad), caption: '/import' });
    const reply = await replyAfter(sent.messageId, 'the problems');
    expect(reply.text).toContain('line 3:');
    expect(reply.text).toContain('line 4:');
    expect(reply.text).toContain('Nothing was imported');
    const binary = h.sim.world.sendDocument(user.id, user.id, {
      fileName: 'image.csv',
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      caption: '/import',
    });
    expect((await replyAfter(binary.messageId, 'the binary refusal')).text).toContain('Nothing was imported');
    const big = h.sim.world.sendDocument(user.id, user.id, {
      fileName: 'big.csv',
      bytes: Buffer.alloc(10 * 1024 * 1024, 0x61),
      caption: '/import',
    });
    expect((await replyAfter(big.messageId, 'the size refusal')).text).toContain('at most 1024 KB');
    const plain = h.sim.world.sendDocument(user.id, user.id, { fileName: 'quiz.csv', bytes: Buffer.from(CSV) });
    expect((await replyAfter(plain.messageId, 'the hint')).text).toContain('/import as its caption');
    expect((await h.db.query.quizzes.findMany()).length).toBe(before);
  });

  it('names the problem of a file with wrong columns, 1,001 questions, or nothing but blanks (Telegram sends no 0-byte file)', async () => {
    const cases: [string, Buffer, string][] = [
      ['columns.csv', Buffer.from('question,answer\nCapital?,Paris\n'), 'the header has no "option1" column'],
      [
        'bank.csv',
        Buffer.from(['question,option1,option2,correct', ...Array.from({ length: 1_001 }, (_, i) => `Q${i}?,a,b,1`), ''].join('\n')),
        'the file has 1,001 questions; a file holds at most 1,000',
      ],
      ['blank.txt', Buffer.from(' \n\n  \n'), 'the file is empty'],
    ];
    for (const [fileName, bytes, problem] of cases) {
      const sent = h.sim.world.sendDocument(user.id, user.id, { fileName, bytes, caption: '/import' });
      const reply = (await replyAfter(sent.messageId, `the reply to ${fileName}`)).text ?? '';
      expect(reply, fileName).toContain(problem);
      expect(reply, fileName).toContain('Nothing was imported');
    }
  });

  it("speaks the user's language: the prompt, a file's problems by line, and a reply to the prompt in Russian", async () => {
    const ivan = await h.startUser({ firstName: 'Иван', languageCode: 'ru' });
    const after = (afterId: number, what: string): Promise<SimMessage> =>
      h.waitFor(() => h.botMessages(ivan.id).find((m) => m.messageId > afterId), what);
    const ask = h.sim.world.sendText(ivan.id, ivan.id, '/import');
    const prompt = await after(ask.messageId, 'the Russian prompt');
    expect(prompt.text).toBe(importPromptText(translatorFor(createI18n(), 'ru')));
    const bad = ['question,option1,option2,correct', 'Fine?,a,b,1', 'No answer?,a,b,', ''].join('\n');
    const refused = h.sim.world.sendDocument(ivan.id, ivan.id, {
      fileName: 'bad.csv',
      bytes: Buffer.from(bad),
      replyToMessageId: prompt.messageId,
    });
    const problems = (await after(refused.messageId, 'the problems in Russian')).text ?? '';
    expect(problems).toContain('строка 3: ни один вариант не отмечен как верный (впишите его номер в столбец correct, например 2)');
    expect(problems).toContain('Ничего не импортировано');
    // The reply to the prompt as Russian words it is recognised as one.
    const good = h.sim.world.sendDocument(ivan.id, ivan.id, {
      fileName: 'capitals.csv',
      bytes: Buffer.from(CSV),
      replyToMessageId: prompt.messageId,
    });
    await after(good.messageId, 'the import');
    expect((await h.db.query.quizzes.findMany({ where: (q, { eq }) => eq(q.ownerId, ivan.id) })).map((q) => q.title)).toEqual(['capitals']);
  });

  it("exports only the author's quizzes", async () => {
    const other = h.sim.world.createStartedUser({ firstName: 'Other' });
    await h.waitFor(() => h.botMessages(other.id)[0], 'the welcome');
    const sent = h.sim.world.sendDocument(user.id, user.id, { fileName: 'mine.csv', bytes: Buffer.from(CSV), caption: '/import' });
    const quizId = Number(/\(id (\d+)\)/.exec((await replyAfter(sent.messageId, 'the import')).text ?? '')?.[1]);
    const attempt = h.sim.world.sendText(other.id, other.id, `/export ${quizId}`);
    const reply = await h.waitFor(() => h.botMessages(other.id).find((m) => m.messageId > attempt.messageId), 'the refusal');
    expect(reply.text).toBe(`Quiz ${quizId} is not yours: only its author can export it. Your quizzes: /myquizzes`);
  });
});
