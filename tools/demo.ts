/**
 * `npm run demo`: a whole quiz, offline, in about a minute. Starts PostgreSQL (embedded, in a
 * temporary directory; or a throwaway database on DATABASE_URL's server), the Telegram Bot API
 * simulator and the real bot (long polling over HTTP, exactly as `npm start` runs it). A user
 * creates a quiz by chatting with the bot (one question a photo), imports another from a CSV file (the bot's own
 * template, sent back with /import), starts the first in a group of 200 virtual players, and the
 * demo prints the group's chat, the final leaderboard, the bot's stats, and checks that every
 * answer the players gave is in the database. `DEMO_LANG=ru` (or es, de, pt) plays it all in that
 * language: Ada's Telegram app is set to it, she writes her quiz in it and gives the group it with
 * /language.
 */
import { nextBotMessage } from 'telegram-sim/bot-messages';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { formatTranscript } from 'telegram-sim/transcript';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { startApp, type App } from '../src/app.js';
import { RANK_CALLBACK } from '../src/bot/keyboards/rank-keyboard.js';
import { createConfig } from '../src/config.js';
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, isLocale, type Locale } from '../src/i18n/locales.js';
import { createLogger } from '../src/logger.js';
import { toQuizOptionIds } from '../src/quiz/scoring.js';
import type { EmbeddedPostgres } from '../src/store/embedded-postgres.js';
import { DEMO_CONTENT } from './demo-content.js';
import { createScratchDatabase } from './scratch-database.js';
import { startTemporaryEmbeddedPostgres } from './temporary-embedded-postgres.js';

const PLAYERS = 200;
const SECONDS_PER_QUESTION = 8;

/** DEMO_LANG: the language Ada's Telegram app is in, and the one she gives the group [en]. */
function demoLanguage(): Locale {
  const asked = process.env.DEMO_LANG ?? DEFAULT_LOCALE;
  if (isLocale(asked)) return asked;
  console.error(`DEMO_LANG=${asked} is not a language the bot speaks; use one of: ${LOCALES.join(', ')}.`);
  process.exit(2);
}

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const started = Date.now();
  const language = demoLanguage();
  const quiet = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: false });
  log('quiz-agent demo: PostgreSQL, the Bot API simulator and the bot, all on this machine.');
  const database = await openDemoDatabase(quiet);
  let sim: Simulator | undefined;
  let app: App | undefined;
  try {
    sim = await startSimulator();
    app = await startApp(
      createConfig({
        BOT_TOKEN: sim.token,
        TELEGRAM_API_ROOT: sim.apiRoot,
        DATABASE_URL: database.url,
        HTTP_PORT: '0',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      }),
      quiet,
    );
    log(
      `Bot @${app.bot.botInfo.username} is polling the simulator at ${sim.apiRoot}; stats at http://127.0.0.1:${app.httpPort}/monitoring/stats\n`,
    );
    await play(sim, app, language);
  } finally {
    await app?.stop(5_000);
    await sim?.close();
    await database.close();
  }
  log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

async function play(sim: Simulator, app: App, language: Locale): Promise<void> {
  const { world } = sim;
  const content = DEMO_CONTENT[language];
  log(`Ada's Telegram app is in ${LOCALE_NAMES[language]} (DEMO_LANG=${language}): the bot answers her in it.\n`);
  const author = world.createStartedUser({ firstName: 'Ada', username: 'ada', languageCode: language });
  await nextBotMessage(world, author.id, 0, () => true, 30_000, 'the reply to /start');

  log(
    '1. Ada creates a quiz in her private chat with the bot: its questions as text, then one as a photo with the question as its caption:',
  );
  const said = async (sent: { messageId: number }, what: string): Promise<string> =>
    (await nextBotMessage(world, author.id, sent.messageId, () => true, 30_000, what)).text ?? '';
  await said(world.sendText(author.id, author.id, `/newquiz ${content.title}`), 'the reply to /newquiz');
  await said(world.sendText(author.id, author.id, content.questions), 'the questions added');
  const photo = world.sendPhoto(author.id, author.id, {
    bytes: Buffer.from('a photo of the Eiffel Tower'),
    caption: content.photoQuestion,
  });
  log(indent((await said(photo, 'the photo question added')).split('\n')[0] ?? ''));
  const created = { text: await said(world.sendText(author.id, author.id, '/done'), 'the reply to /done') };
  log(indent(created.text));
  const quizId = Number(/start=quiz_(\d+)/.exec(created.text ?? '')?.[1]);
  if (!Number.isSafeInteger(quizId)) throw new Error(`The bot did not create the quiz; it said:\n${created.text ?? ''}`);

  log('\n2. She asks for the example quiz file (/template), and sends it back with /import as its caption:');
  const ask = world.sendText(author.id, author.id, '/template csv');
  const template = await nextBotMessage(world, author.id, ask.messageId, (m) => m.document !== undefined, 30_000, 'the template');
  const file = template.document ? world.file(template.document.fileId) : undefined;
  if (!file) throw new Error('The bot sent no template file');
  log(indent(`${file.fileName ?? 'the file'}:\n${file.bytes.toString('utf8').trimEnd()}`));
  const upload = world.sendDocument(author.id, author.id, { fileName: 'world-capitals.csv', bytes: file.bytes, caption: '/import' });
  const imported = await nextBotMessage(world, author.id, upload.messageId, () => true, 30_000, 'the reply to /import');
  log(indent(imported.text ?? ''));
  if (!imported.text?.startsWith('✅')) throw new Error(`The bot did not import the file; it said:\n${imported.text ?? ''}`);

  log(`\n3. She starts the first quiz in "Quiz night", a group of ${PLAYERS} virtual players (${SECONDS_PER_QUESTION} s per question)...`);
  const group = world.createGroup({ title: 'Quiz night', creator: author.id });
  if (language !== DEFAULT_LOCALE) {
    // A group speaks English until its admins choose: Ada, who created it, chooses hers.
    const choose = world.sendText(author.id, group.id, `/language ${language}`);
    const chosen = await nextBotMessage(world, group.id, choose.messageId, () => true, 30_000, 'the reply to /language');
    log(indent(`/language ${language} → ${chosen.text ?? ''}`));
  }
  const players = startVirtualPlayers({
    world,
    clock: sim.clock,
    chat: group.id,
    players: PLAYERS,
    seed: 2026,
    thinkTimeMs: [300, (SECONDS_PER_QUESTION - 1) * 1000],
  });
  const start = world.sendText(author.id, group.id, `/startquiz ${quizId} ${SECONDS_PER_QUESTION}s`);
  await nextBotMessage(
    world,
    group.id,
    start.messageId,
    // The results: the message with the "My rank" button, in whatever language.
    (m) =>
      m.replyMarkup?.inline_keyboard.some((row) => row.some((b) => 'callback_data' in b && RANK_CALLBACK.pattern.test(b.callback_data))) ??
      false,
    180_000,
    'the results in Quiz night',
  );
  await players.settled();

  log('\n4. The chat of "Quiz night" (votes counted when each poll closes):\n');
  log(indent(formatTranscript(group, world)));

  log("\n5. The bot's /monitoring/stats:\n");
  log(indent(JSON.stringify(await app.stats(), null, 2)));

  log('\n6. Every answer of every virtual player is in the database:');
  const check = await checkAnswers(app, players.finalAnswers());
  log(indent(check.lines.join('\n')));
  if (!check.ok) {
    process.exitCode = 1;
    throw new Error('Some answers are missing or wrong in the database');
  }
}

/** Compares each player's final vote per poll with the answers table. */
async function checkAnswers(
  app: App,
  finalAnswers: ReadonlyMap<string, ReadonlyMap<number, readonly number[]>>,
): Promise<{ ok: boolean; lines: string[] }> {
  const db = app.store.database.db;
  const runQuestions = await db.query.runQuestions.findMany();
  const answers = await db.query.answers.findMany();
  const stored = new Map(answers.map((a) => [`${a.runId}/${a.questionId}/${a.userId}`, a.optionIds]));
  let expected = 0;
  let matched = 0;
  const problems: string[] = [];
  for (const [pollId, votes] of finalAnswers) {
    const question = runQuestions.find((q) => q.pollId === pollId);
    if (!question) {
      problems.push(`poll ${pollId} has no run question`);
      continue;
    }
    for (const [userId, shown] of votes) {
      if (shown.length === 0) continue; // retracted: stored as an empty vote, not an answer
      expected++;
      const want = toQuizOptionIds(shown, question.shownOrder).join(',');
      const got = stored.get(`${question.runId}/${question.questionId}/${userId}`)?.join(',');
      if (got === want) matched++;
      else if (problems.length < 5)
        problems.push(
          `user ${userId}, question ${question.position + 1}: expected [${want}], database has ${got === undefined ? 'nothing' : `[${got}]`}`,
        );
    }
  }
  const ok = problems.length === 0 && matched === expected && expected > 0;
  return {
    ok,
    lines: [`${ok ? '✓' : '✗'} ${matched} of ${expected} final answers found as given, over ${finalAnswers.size} questions`, ...problems],
  };
}

/** The embedded server in a temporary directory, or a throwaway database on DATABASE_URL's server. */
async function openDemoDatabase(logger: ReturnType<typeof createLogger>): Promise<{ url: string; close(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    log('Starting the embedded PostgreSQL (first start takes a few seconds)...');
    const server: EmbeddedPostgres = await startTemporaryEmbeddedPostgres({ logger });
    return { url: server.url, close: () => server.stop() };
  }
  const database = await createScratchDatabase(serverUrl, 'quiz_agent_demo');
  log(`Using a throwaway database ${database.name} on DATABASE_URL's server.`);
  return { url: database.url, close: database.drop };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}

main().catch((error: unknown) => {
  console.error('Demo failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
