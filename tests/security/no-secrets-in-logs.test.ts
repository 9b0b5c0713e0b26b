/**
 * No secret and no user's text in any log line (issue 13). The real bot runs against the
 * simulator, in long polling and in webhook mode, with a known bot token, webhook secret,
 * MONITORING_TOKEN and a database password in DATABASE_URL; users make its handlers fail in
 * the ways production sees (a user who blocked the bot, a Bot API call refused with 400, a title
 * the database refuses, a connection to the Bot API that breaks). Every line the app writes
 * is kept and searched. The failures must be in the log (so the test cannot pass by logging
 * nothing), described well enough for an operator.
 */
import { randomBytes } from 'node:crypto';
import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { ManualClock } from 'telegram-sim/clock';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createEmptyTestDatabase, type TestDatabase } from '../helpers/database.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { intakeEnv } from '../helpers/intake-env.js';

const BOT_TOKEN = '7000000042:LogLeakCanary-BotToken_0123456789abcdefXYZ';
const WEBHOOK_SECRET = 'LogLeakCanary-WebhookSecret_0123456789';
const MONITORING_TOKEN = 'LogLeakCanary-MonitoringToken-0123456789';
const DATABASE_PASSWORD = 'LogLeakCanary-DbPassword-0123456789';
/** The database roles the app logs in as are named from this (unique per run: test runs may share a server). */
const ROLE_PREFIX = `quiz_agent_log_leak_${randomBytes(4).toString('hex')}`;
const SECRETS = {
  BOT_TOKEN,
  'the token after its colon': BOT_TOKEN.split(':')[1] as string,
  WEBHOOK_SECRET,
  MONITORING_TOKEN,
  DATABASE_PASSWORD,
};

/** Texts only the test users typed: none may appear in a log line. */
const USER_TEXTS = {
  blockedTitle: 'Parrotfish Quartet Blocked',
  refusedTitle: 'Marmalade Lighthouse Refused',
  refusedQuestion: 'Which walrus hums loudest',
  refusedDbTitle: 'Saxophone Glacier Refused',
  refusedDbQuestion: 'Where does the okapi nap',
  droppedTitle: 'Tangerine Zeppelin Dropped',
};

interface LogLine {
  level: number;
  msg: string;
  err?: Record<string, unknown>;
  [key: string]: unknown;
}

describe.each(['polling', 'webhook'] as const)('log lines of a session with failing updates (%s)', (mode) => {
  let h: BotHarness;
  let clock: ManualClock;
  let database: TestDatabase;
  let stopped = false;
  const raw: string[] = [];
  const role = `${ROLE_PREFIX}_${mode}`;

  beforeAll(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 2, 9));
    database = await createEmptyTestDatabase();
    // A role of its own whose password is the canary: the embedded test server checks
    // passwords, the machine's may trust every connection; either way the app holds it in its URL.
    const url = new URL(database.url);
    await withAdmin((sql) => sql.unsafe(`create role ${role} login superuser password '${DATABASE_PASSWORD}'`));
    url.username = role;
    url.password = DATABASE_PASSWORD;
    const env = { DATABASE_URL: url.toString(), MONITORING_TOKEN, ...(await intakeEnv(mode, WEBHOOK_SECRET)) };
    // Built as tests and the demo build it, without the list of known secrets main.ts adds: the
    // serializers and the token and URL-password patterns alone must keep every secret out.
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void raw.push(line) } });
    h = await startBotHarness({ simulator: { clock, token: BOT_TOKEN }, database, env, logger });
  });
  afterAll(async () => {
    if (!stopped) await h?.stop();
    await database?.drop();
    await withAdmin((sql) => sql.unsafe(`drop role if exists ${role}`));
  });

  it('writes the failures, and no secret or user text, to the log', async () => {
    const { world } = h.sim;
    const stepUntil = <T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string) =>
      advanceUntil(clock, check, what, { stepMs: 250 });
    const repliedAfter = (chatId: number, messageId: number) => () => h.botMessages(chatId).find((m) => m.messageId > messageId);

    // A user who blocked the bot before its reply (403: an outcome, logged at debug).
    const gone = world.createUser({ firstName: 'Gone' });
    await stepUntil(repliedAfter(gone.id, world.sendText(gone.id, gone.id, '/start').messageId), 'the welcome');
    const unreachableBefore = h.app.inbox.stats().unreachable;
    world.sendText(gone.id, gone.id, `/newquiz ${USER_TEXTS.blockedTitle}`);
    world.blockBot(gone.id);
    await stepUntil(() => h.app.inbox.stats().unreachable > unreachableBefore, "the blocked user's update to be done");

    // A button pressed so late that Telegram refuses its answer (400: parked as a dead letter).
    const late = world.createUser({ firstName: 'Late' });
    const created = world.sendText(late.id, late.id, `/newquiz ${USER_TEXTS.refusedTitle}\n${USER_TEXTS.refusedQuestion}?\n- yes *\n- no`);
    await stepUntil(repliedAfter(late.id, created.messageId), 'the quiz created');
    const asked = world.sendText(late.id, late.id, '/myquizzes');
    const list = await stepUntil(
      () => h.botMessages(late.id).find((m) => m.messageId > asked.messageId && m.replyMarkup !== undefined),
      'the /myquizzes list',
    );
    const button = list.replyMarkup?.inline_keyboard.flat().find((b) => 'callback_data' in b) as { callback_data: string };
    const deadBefore = h.app.inbox.stats().dead_letters;
    const queryId = world.pressButton(late.id, late.id, list.messageId, button.callback_data);
    world.answerCallbackQuery(queryId); // expired: the bot's own answer gets "query is too old"
    await stepUntil(() => h.app.inbox.stats().dead_letters > deadBefore, 'the late press parked');

    // The database refuses a title (a CHECK constraint: SQLSTATE 23514, parked as a dead letter);
    // PostgreSQL's detail quotes the whole failing row, the title included. (U+0000 in a title used
    // to do this; intake now removes it before anything is stored.)
    await h.db.execute(
      drizzleSql.raw(`alter table quizzes add constraint log_test_refused_title_ck check (title <> '${USER_TEXTS.refusedDbTitle}')`),
    );
    const nul = world.createUser({ firstName: 'Nul' });
    const bad = world.sendText(nul.id, nul.id, `/newquiz ${USER_TEXTS.refusedDbTitle}\n${USER_TEXTS.refusedDbQuestion}?\n- yes *\n- no`);
    await stepUntil(
      () => h.botMessages(nul.id).find((m) => m.messageId > bad.messageId && m.text?.startsWith('Sorry, something went wrong')),
      'the apology',
    );

    // The connection to the Bot API breaks after a reply went out (the queue gives up on it, the update is tried again).
    const cut = world.createUser({ firstName: 'Cut' });
    await stepUntil(repliedAfter(cut.id, world.sendText(cut.id, cut.id, '/start').messageId), 'the welcome');
    h.sim.faults.add({ kind: 'drop_after', methods: ['sendMessage'], chatId: cut.id, times: 1 });
    const retriedBefore = h.app.inbox.stats().retried;
    world.sendText(cut.id, cut.id, `/newquiz ${USER_TEXTS.droppedTitle}`);
    await stepUntil(() => h.app.inbox.stats().retried > retriedBefore, 'the update tried again');

    // The connection breaks before any answer to a button press, every time (the queue tries again, then gives up; so does the inbox).
    const dropped = h.sim.faults.add({ kind: 'drop_before', methods: ['answerCallbackQuery'], times: 1_000 });
    const confirm = h.botMessages(late.id).find((m) => m.messageId === list.messageId);
    const keep = confirm?.replyMarkup?.inline_keyboard.flat().findLast((b) => 'callback_data' in b) as { callback_data: string };
    const deadBeforeDrop = h.app.inbox.stats().dead_letters;
    world.pressButton(late.id, late.id, list.messageId, keep.callback_data);
    await stepUntil(() => h.app.inbox.stats().dead_letters > deadBeforeDrop, 'the press parked after its tries');
    h.sim.faults.remove(dropped);

    // The monitoring endpoints with the right and a wrong token.
    const base = `http://127.0.0.1:${h.app.httpPort}`;
    expect((await fetch(`${base}/monitoring/stats`, { headers: { authorization: `Bearer ${MONITORING_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);

    await h.stop();
    stopped = true;
    const lines = raw.map((text) => ({ text, line: JSON.parse(text) as LogLine }));

    const leaks = lines.flatMap(({ text, line }) =>
      Object.entries({ ...SECRETS, ...USER_TEXTS })
        .filter(([, value]) => text.includes(value))
        .map(([what]) => `${what} in "${line.msg}": ${text.slice(0, 600)}`),
    );
    expect(leaks).toEqual([]);

    // The failures are there, with what an operator needs.
    const parked = lines.filter(({ line }) => line.msg.startsWith('Update parked as a dead letter'));
    expect(parked.map(({ line }) => line.error)).toEqual([
      expect.stringMatching(/^GrammyError: Call to 'answerCallbackQuery' failed! \(400: Bad Request: query is too old/),
      'PostgresError 23514: new row for relation "quizzes" violates check constraint "log_test_refused_title_ck"',
      "HttpError: Network request for 'answerCallbackQuery' failed!",
    ]);
    const failedCall = lines.find(({ line }) => line.msg === 'Bot API call failed');
    expect(failedCall?.line).toMatchObject({
      method: 'sendMessage',
      chatId: String(cut.id),
      err: { type: 'AmbiguousDeliveryError', code: 'AMBIGUOUS_DELIVERY', method: 'sendMessage' },
    });
    expect(lines.some(({ line }) => line.msg === 'Update done without a reply')).toBe(true);
    const unanswered = lines.find(({ line }) => line.msg === 'Bot API call failed' && line.method === 'answerCallbackQuery');
    expect(unanswered?.line).toMatchObject({
      err: {
        type: 'HttpError',
        message: "Network request for 'answerCallbackQuery' failed!",
        cause: { type: 'FetchError', code: 'ECONNRESET' },
      },
    });
    // An error is logged by chosen fields only: never a payload, a context, a client or a query's parameters.
    const errorFields = new Set(lines.flatMap(({ line }) => (line.err ? fieldsOf(line.err) : [])));
    expect([...errorFields].filter((field) => !LOGGED_ERROR_FIELDS.has(field))).toEqual([]);
  });
});

/** The fields a logged error may have (LoggedError in src/lib/log-serializers.ts). */
const LOGGED_ERROR_FIELDS = new Set([
  'type',
  'code',
  'message',
  'method',
  'errorCode',
  'description',
  'retryAfterS',
  'updateId',
  'updateType',
  'chatId',
  'table',
  'column',
  'constraint',
  'stack',
  'errors',
  'cause',
]);

/** Every field name of a logged error and of its causes. */
function fieldsOf(err: Record<string, unknown>): string[] {
  return Object.entries(err).flatMap(([key, value]) => {
    if (key === 'cause' && value && typeof value === 'object') return [key, ...fieldsOf(value as Record<string, unknown>)];
    if (key === 'errors' && Array.isArray(value)) return [key, ...value.flatMap((inner: Record<string, unknown>) => fieldsOf(inner))];
    return [key];
  });
}

/** Runs one statement as the test server's superuser. */
async function withAdmin(run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => undefined });
  try {
    await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
