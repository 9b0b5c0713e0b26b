/**
 * Fuzz test of intake (issue 13): batches of generated updates (valid answers, mutated and
 * random updates of every kind; tests/helpers/update-fuzz.ts) delivered by the simulator to the
 * real bot playing a real quiz, through long polling and through its webhook, with time driven
 * on a ManualClock. After each batch: everything is acknowledged (no update left at "Telegram",
 * no webhook failure, no redelivery), no stored row breaks the rules (option ids valid for their
 * question, ids exact, no text PostgreSQL cannot store), every valid answer so far is stored as
 * its last vote, and no accepted update made a handler fail (but for Telegram refusing a reply to
 * a forged chat). After the storm the bot still answers a command and /health is 200.
 *
 * Seeded and bounded: FUZZ_SEED [20260513], FUZZ_RUNS batches [5] of FUZZ_BATCH updates [400]
 * per way of intake. `npm run fuzz -- --runs N --seed S` runs longer (bench/fuzz.ts); the
 * summary of what was checked goes to stdout and to FUZZ_REPORT when set.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from 'telegram-sim/clock';
import type { SimMessage, SimUser } from 'telegram-sim/world-types';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { advanceUntil, type AdvanceOptions } from '../helpers/drive-clock.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { OPTION_COUNT, updateBatch, VALID_USER_BASE, withPoll, type GeneratedUpdate } from '../helpers/update-fuzz.js';
import { intakeEnv } from '../helpers/intake-env.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_513);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
const BATCH = Number(process.env.FUZZ_BATCH ?? 400);
const SECRET = 'intake-fuzz-secret-0123456789';

describe.each(['polling', 'webhook'] as const)('intake fuzz through %s', (mode) => {
  let h: BotHarness;
  let clock: ManualClock;
  let owner: SimUser;
  let groupId: number;
  let quizId: number;
  let current: { poll: SimMessage; runId: number; closesAt: number };
  /** The last valid vote of each valid user in each run: what must be stored. */
  const expected = new Map<string, { runId: number; userId: number; updateId: number; optionIds: number[] }>();
  const sent = { valid: 0, mutated: 0, random: 0 };

  /**
   * Drives the shared clock, held while a webhook request is in flight: the bot answers a webhook
   * within 10 s of its clock, and on a loaded machine one request can outlive many steps.
   */
  const advance = <T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, options: AdvanceOptions = {}) =>
    advanceUntil(clock, check, what, { ...options, holdWhile: () => h.sim.stats().updates.webhook.inFlight > 0 });

  beforeAll(async () => {
    clock = new ManualClock(Date.UTC(2026, 4, 13, 12));
    const env = await intakeEnv(mode, SECRET);
    h = await startBotHarness({ env, simulator: { clock } });
    const { world } = h.sim;
    const created = await createQuizOf(
      h.db,
      world,
      { firstName: 'Host' },
      {
        title: 'Fuzzed',
        questions: [{ text: 'Which?', options: ['a', 'b', 'c'].slice(0, OPTION_COUNT), correctOptionIds: [1] }],
      },
    );
    owner = created.owner;
    quizId = created.quiz.id;
    groupId = world.createGroup({ title: 'Fuzz club', creator: owner.id }).id;
    current = await askQuestion();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Starts the quiz in the group and waits until its poll is recorded (answers to it are then scored at once). */
  async function askQuestion(): Promise<typeof current> {
    const start = h.sim.world.sendText(owner.id, groupId, `/startquiz ${quizId} 10m`);
    const poll = await advance(
      () => h.botMessages(groupId).find((m) => m.messageId > start.messageId && m.pollId !== undefined),
      'the question',
      { stepMs: 250 },
    );
    const recorded = await advance(
      async () => (await h.db.query.runQuestions.findFirst({ where: (q, { eq }) => eq(q.pollId, poll.pollId!) })) ?? undefined,
      'the question recorded',
      { stepMs: 50 },
    );
    return { poll, runId: recorded.runId, closesAt: recorded.closesAt!.getTime() };
  }

  /** A question open for at least four more minutes: otherwise the run is played to its end and started again. */
  async function ensureOpenQuestion(): Promise<void> {
    if (current.closesAt - clock.now() > 4 * 60_000) return;
    const poll = current.poll;
    await advance(
      () => h.botMessages(groupId).some((m) => m.messageId > poll.messageId && m.text?.includes('has finished')),
      'the results',
      { stepMs: 1_000 },
    );
    current = await askQuestion();
  }

  /** Delivers `batch` through the simulator; returns when everything is acknowledged and handled. */
  async function deliver(batch: GeneratedUpdate[]): Promise<void> {
    const pollId = current.poll.pollId!;
    for (const update of batch) {
      sent[update.family]++;
      const updateId = h.sim.updates.add(update.type, update.orderKey, withPoll(update.payload, pollId));
      if (updateId === undefined) throw new Error(`the simulator filtered out a ${update.type} update`);
      if (update.valid) {
        const key = `${current.runId}:${update.valid.userId}`;
        const previous = expected.get(key);
        if (!previous || previous.updateId < updateId)
          expected.set(key, {
            runId: current.runId,
            userId: update.valid.userId,
            updateId,
            optionIds: [...update.valid.optionIds].sort((a, b) => a - b),
          });
      }
    }
    await advance(
      async () => {
        if (h.sim.stats().updates.pending > 0 || h.app.intake.snapshot().in_flight > 0 || h.app.store.answerWriter.stats().buffered > 0)
          return false;
        return (await h.app.inbox.counts()).open === 0;
      },
      'every update acknowledged and handled',
      { stepMs: 500, maxMs: 5 * 60_000 },
    );
  }

  it(`takes ${RUNS} batches of ${BATCH} generated updates without a crash, a loop or a row that breaks the rules, storing every valid answer`, async () => {
    await fc.assert(
      fc.asyncProperty(updateBatch(BATCH), async (batch) => {
        await ensureOpenQuestion();
        await deliver(batch);
        const updates = h.sim.stats().updates;
        expect({ webhookFailed: updates.webhook.failed, redelivered: updates.redelivered, pending: updates.pending }).toEqual({
          webhookFailed: 0,
          redelivered: 0,
          pending: 0,
        });
        expect(await ruleViolations(h)).toEqual([]);
        expect(await missingValidAnswers(h, [...expected.values()])).toEqual([]);
        expect(await handlerCrashes(h)).toEqual([]);
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        endOnFailure: true,
        // The batch itself is not printed (thousands of updates, some of 10,000 option ids): the
        // seed and path replay it, and the error says what broke.
        reporter: (details) => {
          if (details.failed)
            throw new Error(
              `intake fuzz (${mode}) failed on batch ${details.numRuns} (FUZZ_SEED=${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}`,
            );
        },
      },
    );

    // The bot still answers, in the group it plays in, and says it is healthy.
    const reply = h.sim.world.sendText(owner.id, groupId, '/leaderboard');
    await advance(
      () => h.botMessages(groupId).find((m) => m.messageId > reply.messageId && m.text !== undefined && m.pollId === undefined),
      'the /leaderboard reply',
      { stepMs: 500 },
    );
    expect((await fetch(`http://127.0.0.1:${h.app.httpPort}/health`)).status).toBe(200);

    const intake = h.app.intake.snapshot();
    const deadLetters = await h.app.store.database.sql<{ reason: string; count: number }[]>`
      select left(last_error, 80) as reason, count(*)::int as count from inbox where dead_at is not null group by 1 order by 2 desc`;
    const summary = {
      mode,
      seed: SEED,
      runs: RUNS,
      batch: BATCH,
      sent,
      refused: intake.refused,
      accepted: intake.handled,
      inbox_dead_letters: h.app.inbox.stats().dead_letters,
      dead_letter_reasons: Object.fromEntries(deadLetters.map((row) => [row.reason, row.count])),
      valid_answers_checked: expected.size,
      checks: [
        'every update acknowledged, no webhook failure, no redelivery',
        'answers: option ids distinct and within their question, ids safe integers',
        'users, chats, quizzes, questions: ids safe, no U+0000, no U+FFFD from a lone surrogate',
        'every valid answer stored as its last vote',
        'no handler fails on an accepted update but by Telegram refusing a reply to a chat or query it does not know',
        'a command after the storm gets its reply; /health 200',
      ],
    };
    // What was checked, for whoever runs it (npm run fuzz prints it as a summary).
    process.stdout.write(`intake fuzz: ${JSON.stringify(summary)}\n`);
    if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(summary)}\n`);
  });
});

/** Rows that break the rules, described (empty when none does). */
async function ruleViolations(h: BotHarness): Promise<string[]> {
  const sql = h.app.store.database.sql;
  const problems: string[] = [];
  const answers = await sql<{ user_id: string; update_id: string; option_ids: number[]; option_count: number }[]>`
    select a.user_id::text, a.update_id::text, a.option_ids, cardinality(q.options) as option_count
    from answers a join questions q on q.id = a.question_id`;
  for (const row of answers) {
    const ids = row.option_ids;
    if (new Set(ids).size !== ids.length || ids.some((id) => id < 0 || id >= row.option_count))
      problems.push(`answer of ${row.user_id}: option ids [${ids.join(', ')}] for ${row.option_count} options`);
    if (!isSafe(row.user_id) || !isSafe(row.update_id)) problems.push(`answer with ids ${row.user_id} / update ${row.update_id}`);
  }
  const texts = await sql<{ what: string; id: string; text: string | null }[]>`
    select 'user' as what, id::text, first_name || ' ' || coalesce(username, '') as text from users
    union all select 'chat', id::text, title from chats
    union all select 'quiz', id::text, title from quizzes
    union all select 'question', id::text, text || ' ' || array_to_string(options, ' ') || ' ' || coalesce(explanation, '') from questions`;
  for (const row of texts) {
    if (!isSafe(row.id)) problems.push(`${row.what} id ${row.id} is not a safe integer`);
    if (row.text !== null && (row.text.includes('\u0000') || row.text.includes('\uFFFD')))
      problems.push(`${row.what} ${row.id}: U+0000 or U+FFFD (a lone surrogate) stored`);
  }
  return problems;
}

/**
 * Dead letters other than Telegram refusing a reply (a forged chat or callback query it does not
 * know): an accepted update that made a handler throw is a rule missing from the validation.
 */
async function handlerCrashes(h: BotHarness): Promise<string[]> {
  const rows = await h.app.store.database.sql<{ update_id: string; kind: string; last_error: string }[]>`
    select update_id::text, kind, last_error from inbox where dead_at is not null and last_error not like 'Telegram refused the request:%'`;
  return rows.map((row) => `update ${row.update_id} (${row.kind}): ${row.last_error.slice(0, 200)}`);
}

/** Valid answers not stored as their last vote (empty when all are). */
async function missingValidAnswers(
  h: BotHarness,
  expected: { runId: number; userId: number; updateId: number; optionIds: number[] }[],
): Promise<string[]> {
  const rows = await h.db.query.answers.findMany({ where: (a, { gte }) => gte(a.userId, VALID_USER_BASE) });
  const stored = new Map(rows.map((row) => [`${row.runId}:${row.userId}`, row]));
  const missing: string[] = [];
  for (const want of expected) {
    const row = stored.get(`${want.runId}:${want.userId}`);
    const correct = want.optionIds.length === 1 && want.optionIds[0] === 1;
    if (!row || row.updateId !== want.updateId || row.optionIds.join() !== want.optionIds.join() || row.isCorrect !== correct) {
      missing.push(
        `run ${want.runId} user ${want.userId}: want [${want.optionIds.join(', ')}] from update ${want.updateId}, stored ${row ? `[${row.optionIds.join(', ')}] from update ${row.updateId}` : 'nothing'}`,
      );
    }
  }
  return missing;
}

function isSafe(decimal: string): boolean {
  const value = BigInt(decimal);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER);
}
