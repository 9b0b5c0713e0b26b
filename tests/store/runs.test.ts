import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunSettings } from '../../src/store/schema/runs.js';
import { clearChatBlocked, isChatBlocked, markChatBlocked, upsertChat } from '../../src/store/queries/chats.js';
import { createQuiz } from '../../src/store/queries/quizzes.js';
import { closeRunQuestion, findRunQuestionByPollId, recordSentQuestion } from '../../src/store/queries/run-questions.js';
import { claimDueRuns, renewRunClaims, selectDueRuns } from '../../src/store/queries/run-claims.js';
import {
  RunAlreadyActiveError,
  getActiveRun,
  getRun,
  hurryPrivateRun,
  releaseRun,
  startRun,
  stopRunningRun,
  updateRun,
  type StartRunParams,
} from '../../src/store/queries/runs.js';
import { upsertUser } from '../../src/store/queries/users.js';
import { createMigratedTestDatabase } from '../helpers/database.js';

const settings: RunSettings = { openPeriodS: 20, shuffleOptions: true, rewardPoints: [10, 5, 3], participationPoints: 1 };

describe('chats and runs queries', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let quizId: number;
  let questionIds: number[];
  const adminId = 7;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    const { db } = database.handle;
    await upsertUser(db, { id: adminId, firstName: 'Admin', username: 'admin' });
    const quiz = await createQuiz(db, {
      ownerId: adminId,
      title: 'Runs',
      questions: [
        { text: 'One?', options: ['a', 'b', 'c'], correctOptionIds: [2] },
        { text: 'Two?', options: ['a', 'b'], correctOptionIds: [0, 1] },
      ],
    });
    quizId = quiz.id;
    const rows = await database.handle.sql<{ id: string }[]>`select id from questions where quiz_id = ${quizId} order by position`;
    questionIds = rows.map((row) => Number(row.id));
  });
  afterAll(async () => {
    await database?.drop();
  });

  let nextChatId = -100;
  async function newChat(): Promise<number> {
    const id = --nextChatId;
    await upsertChat(database.handle.db, { id, type: 'supergroup', title: `Group ${id}` });
    return id;
  }
  function runParams(chatId: number, nextActionAt: Date | null = new Date()): StartRunParams {
    return { quizId, chatId, startedBy: adminId, mode: 'group', questionCount: 2, settings, nextActionAt };
  }

  describe('chats', () => {
    it('creates and refreshes a chat, and tracks whether the bot is blocked there', async () => {
      const { db, sql } = database.handle;
      await upsertChat(db, { id: 555, type: 'group', title: 'Old title' });
      await upsertChat(db, { id: 555, type: 'supergroup', title: 'New title' });
      const [chat] = await sql`select type, title from chats where id = 555`;
      expect(chat).toEqual({ type: 'supergroup', title: 'New title' });

      expect(await isChatBlocked(db, 555)).toBe(false);
      expect(await isChatBlocked(db, 999_999)).toBe(false);
      const at = new Date('2030-01-02T03:04:05Z');
      expect(await markChatBlocked(db, 555, at)).toBe(true);
      expect(await markChatBlocked(db, 555)).toBe(false); // the first time is kept
      expect(await isChatBlocked(db, 555)).toBe(true);
      const [blocked] = await sql<{ blocked_at: string }[]>`select blocked_at::text from chats where id = 555`;
      expect(new Date(blocked!.blocked_at).toISOString()).toBe(at.toISOString());

      await upsertChat(db, { id: 555, type: 'supergroup', title: 'Renamed' });
      expect(await isChatBlocked(db, 555)).toBe(true); // seeing the chat does not unblock it
      expect(await clearChatBlocked(db, 555)).toBe(true);
      expect(await clearChatBlocked(db, 555)).toBe(false);
      expect(await isChatBlocked(db, 555)).toBe(false);
      expect(await markChatBlocked(db, 999_999)).toBe(false);
    });
  });

  describe('startRun / getRun / getActiveRun / updateRun', () => {
    it('starts a run with its settings frozen', async () => {
      const chatId = await newChat();
      const nextActionAt = new Date('2030-05-06T07:08:09.123Z');
      const run = await startRun(database.handle.db, runParams(chatId, nextActionAt));
      expect(run).toMatchObject({
        quizId,
        chatId,
        startedBy: adminId,
        mode: 'group',
        status: 'running',
        currentPosition: -1,
        questionCount: 2,
        settings,
        nextActionAt,
        finishedAt: null,
        rewardsCreditedAt: null,
      });
      expect(await getRun(database.handle.db, run.id)).toEqual(run);
      expect(await getRun(database.handle.db, 999_999)).toBeUndefined();
    });

    it('allows one active run per chat; a new one starts once the first has finished', async () => {
      const { db } = database.handle;
      const chatId = await newChat();
      const otherChatId = await newChat();
      const first = await startRun(db, runParams(chatId));

      const refusal = await startRun(db, runParams(chatId)).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RunAlreadyActiveError);
      expect(refusal).toMatchObject({ name: 'RunAlreadyActiveError', code: 'RUN_ALREADY_ACTIVE', chatId });
      expect((await getActiveRun(db, chatId))?.id).toBe(first.id);

      // A finishing run still holds the chat.
      await updateRun(db, first.id, { status: 'finishing' });
      await expect(startRun(db, runParams(chatId))).rejects.toBeInstanceOf(RunAlreadyActiveError);

      // Other chats are not affected.
      await expect(startRun(db, runParams(otherChatId))).resolves.toMatchObject({ chatId: otherChatId });

      const finishedAt = new Date();
      const finished = await updateRun(db, first.id, { status: 'finished', finishedAt, nextActionAt: null });
      expect(finished).toMatchObject({ id: first.id, status: 'finished', finishedAt, nextActionAt: null });
      expect(await getActiveRun(db, chatId)).toBeUndefined();

      const second = await startRun(db, runParams(chatId));
      expect(second.id).not.toBe(first.id);
      expect((await getActiveRun(db, chatId))?.id).toBe(second.id);
    });

    it('lets exactly one of several concurrent starts in a chat win', async () => {
      const chatId = await newChat();
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => startRun(database.handle.db, runParams(chatId))));
      const won = results.filter((result) => result.status === 'fulfilled');
      const refused = results.filter((result) => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(refused).toHaveLength(4);
      for (const result of refused) expect(result.reason).toBeInstanceOf(RunAlreadyActiveError);
    });

    it('leaves a caller’s transaction usable after refusing a run', async () => {
      const chatId = await newChat();
      await startRun(database.handle.db, runParams(chatId));
      const after = await database.handle.db.transaction(async (tx) => {
        await expect(startRun(tx, runParams(chatId))).rejects.toBeInstanceOf(RunAlreadyActiveError);
        return getActiveRun(tx, chatId); // would fail with 25P02 had the insert raised an error
      });
      expect(after?.chatId).toBe(chatId);
    });

    it('updates only when the status is one of ifStatus, and returns undefined otherwise', async () => {
      const { db } = database.handle;
      const run = await startRun(db, runParams(await newChat()));
      await updateRun(db, run.id, { status: 'finished' });
      expect(await updateRun(db, run.id, { status: 'cancelled' }, { ifStatus: ['running', 'finishing'] })).toBeUndefined();
      expect((await getRun(db, run.id))?.status).toBe('finished');
      expect(await updateRun(db, run.id, { currentPosition: 1 }, { ifStatus: ['finished'] })).toMatchObject({ currentPosition: 1 });
      expect(await updateRun(db, run.id, {})).toMatchObject({ id: run.id, currentPosition: 1 });
      expect(await updateRun(db, 999_999, { status: 'cancelled' })).toBeUndefined();
    });
  });

  describe('claimDueRuns', () => {
    const now = new Date('2031-01-01T00:00:00Z');
    const at = (secondsFromNow: number) => new Date(now.getTime() + secondsFromNow * 1000);

    beforeEach(async () => {
      // Runs of earlier tests would be due too: retire them.
      await database.handle.sql`update runs set status = 'cancelled' where status in ('running', 'finishing')`;
    });

    const lease = { by: 'instance-a', leaseMs: 30_000 };

    it('claims only due running or finishing runs, oldest first, up to the limit, until the claim lapses', async () => {
      const { db } = database.handle;
      const dueLater = await startRun(db, runParams(await newChat(), at(-5)));
      const dueFirst = await startRun(db, runParams(await newChat(), at(-60)));
      const finishing = await startRun(db, runParams(await newChat(), at(0)));
      await updateRun(db, finishing.id, { status: 'finishing' });
      const notDueYet = await startRun(db, runParams(await newChat(), at(1)));
      await startRun(db, runParams(await newChat(), null)); // nothing scheduled
      const finished = await startRun(db, runParams(await newChat(), at(-100)));
      await updateRun(db, finished.id, { status: 'finished' });
      const cancelled = await startRun(db, runParams(await newChat(), at(-100)));
      await updateRun(db, cancelled.id, { status: 'cancelled' });

      const limited = await claimDueRuns(db, { now, limit: 2, ...lease });
      expect(limited.map((c) => c.run.id)).toEqual([dueFirst.id, dueLater.id]);
      expect(limited.map((c) => c.dueAt)).toEqual([at(-60), at(-5)]);
      expect(limited.map((c) => [c.run.claimedBy, c.run.nextActionAt])).toEqual([
        ['instance-a', at(30)],
        ['instance-a', at(30)],
      ]);
      // Claimed runs are not due again while the claim holds; the rest are.
      expect((await claimDueRuns(db, { now, limit: 10, ...lease })).map((c) => c.run.id)).toEqual([finishing.id]);
      expect(await claimDueRuns(db, { now, limit: 10, ...lease })).toEqual([]);
      // A claim renewed holds longer; one that lapsed makes its run due again (its claimer died).
      await renewRunClaims(db, { by: 'instance-a', runIds: [dueFirst.id], until: at(90) });
      const lapsed = await claimDueRuns(db, { now: at(31), limit: 10, by: 'instance-b', leaseMs: 30_000 });
      expect(lapsed.map((c) => [c.run.id, c.run.claimedBy])).toEqual([
        [notDueYet.id, 'instance-b'],
        [dueLater.id, 'instance-b'],
        [finishing.id, 'instance-b'],
      ]);
      // Releasing ends the claim with the next step's time; only the holder may release with `by`.
      expect(await releaseRun(db, { runId: dueFirst.id, by: 'instance-b', nextActionAt: at(5) })).toBe(false);
      expect(await releaseRun(db, { runId: dueFirst.id, by: 'instance-a', nextActionAt: at(5) })).toBe(true);
      expect(await getRun(db, dueFirst.id)).toMatchObject({ claimedBy: null, nextActionAt: at(5) });
    });

    it('never gives the same run to two concurrent claims', async () => {
      const { db } = database.handle;
      const due: number[] = [];
      for (let i = 0; i < 6; i++) due.push((await startRun(db, runParams(await newChat(), at(-10 + i)))).id);

      let reportClaimA!: (ids: number[]) => void;
      const claimedA = new Promise<number[]>((resolve) => (reportClaimA = resolve));
      let releaseA!: () => void;
      const released = new Promise<void>((resolve) => (releaseA = resolve));

      // A claims inside a transaction it keeps open, so its row locks are still held when B claims.
      const transactionA = db.transaction(async (tx) => {
        const claimed = await claimDueRuns(tx, { now, limit: 3, by: 'a', leaseMs: 30_000 });
        reportClaimA(claimed.map((c) => c.run.id));
        await released;
        return claimed.map((c) => c.run.id);
      });
      try {
        const idsA = await claimedA;
        const idsB = await db.transaction(async (tx) => {
          // SKIP LOCKED must not wait for A; fail fast instead of hanging if it ever does.
          await tx.execute('set local lock_timeout = 2000');
          return (await claimDueRuns(tx, { now, limit: 10, by: 'b', leaseMs: 30_000 })).map((c) => c.run.id);
        });
        expect(idsA).toEqual(due.slice(0, 3));
        expect(idsB).toEqual(due.slice(3));
      } finally {
        releaseA();
      }
      await transactionA;
      expect(await claimDueRuns(db, { now, limit: 10, by: 'c', leaseMs: 30_000 })).toEqual([]);
    });

    it('hurries a private run only between steps, and stops a running run without cutting a claim short', async () => {
      const { db } = database.handle;
      const chatId = await newChat();
      const run = await startRun(db, { ...runParams(chatId, at(60)), mode: 'private' });
      await updateRun(db, run.id, { currentPosition: 0 });
      expect(await hurryPrivateRun(db, { runId: run.id, position: 1, now })).toBe(false); // moved on
      expect(await hurryPrivateRun(db, { runId: run.id, position: 0, now })).toBe(true);
      expect(await getRun(db, run.id)).toMatchObject({ nextActionAt: now });
      await updateRun(db, run.id, { claimedBy: 'a', nextActionAt: at(30) });
      expect(await hurryPrivateRun(db, { runId: run.id, position: 0, now })).toBe(false); // a step is in progress
      expect(await stopRunningRun(db, { chatId, now })).toMatchObject({ status: 'finishing', nextActionAt: at(30) });
      expect(await stopRunningRun(db, { chatId, now })).toBeUndefined(); // already stopped

      const other = await newChat();
      const idle = await startRun(db, runParams(other, at(60)));
      expect(await stopRunningRun(db, { chatId: other, now })).toMatchObject({ id: idle.id, status: 'finishing', nextActionAt: now });
    });

    it('is planned as a scan of runs_due_idx', async () => {
      const { sql } = database.handle;
      // Plenty of finished runs (outside the partial index) around a few active ones.
      const chatId = await newChat();
      await sql`
        insert into runs (quiz_id, chat_id, started_by, mode, status, question_count, next_action_at, settings)
        select ${quizId}, ${chatId}, ${adminId}, 'group', 'finished', 2, now() - make_interval(secs => g), '{}'::jsonb
        from generate_series(1, 2000) as g`;
      await sql`analyze runs`;
      const query = selectDueRuns(database.handle.db, { now, limit: 5 }).toSQL();

      type PlanRow = { 'QUERY PLAN': string };
      const natural = await sql.unsafe<PlanRow[]>(`explain ${query.sql}`, query.params as (string | number)[]);
      expect(natural.map((row) => row['QUERY PLAN']).join('\n')).toContain('runs_due_idx');

      // Also as the generic plan a prepared statement may settle on, where parameter values are
      // unknown: the index must still be provably usable (it would not be with the status
      // list sent as parameters). Seq scans are discouraged so only usability is tested.
      const literals = query.params.map((value) => (typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`));
      const generic = await sql.begin(async (tx) => {
        await tx`set local enable_seqscan = off`;
        await tx`set local plan_cache_mode = force_generic_plan`;
        await tx.unsafe(`prepare due_claim as ${query.sql}`);
        const plan = await tx.unsafe<PlanRow[]>(`explain execute due_claim(${literals.join(', ')})`);
        await tx.unsafe('deallocate due_claim');
        return plan;
      });
      expect(generic.map((row) => row['QUERY PLAN']).join('\n')).toContain('runs_due_idx');
    });
  });

  describe('run questions', () => {
    it('records a sent poll, finds it by poll id with the correct options, and closes it once', async () => {
      const { db } = database.handle;
      const run = await startRun(db, runParams(await newChat()));
      const sentAt = new Date('2030-01-01T00:00:00.250Z');
      const closesAt = new Date('2030-01-01T00:00:20.250Z');
      const recorded = await recordSentQuestion(db, {
        runId: run.id,
        questionId: questionIds[0]!,
        position: 0,
        pollId: 'poll-0',
        messageId: 11,
        shownOrder: [2, 0, 1],
        sentAt,
        closesAt,
      });
      expect(recorded).toMatchObject({
        runId: run.id,
        position: 0,
        pollId: 'poll-0',
        messageId: 11,
        shownOrder: [2, 0, 1],
        closedAt: null,
      });

      expect(await findRunQuestionByPollId(db, 'poll-0')).toEqual({
        runId: run.id,
        chatId: run.chatId,
        mode: run.mode,
        questionId: questionIds[0],
        position: 0,
        sentAt,
        closesAt,
        closedAt: null,
        shownOrder: [2, 0, 1],
        correctOptionIds: [2],
        optionCount: 3,
      });
      expect(await findRunQuestionByPollId(db, 'unknown-poll')).toBeUndefined();

      await recordSentQuestion(db, {
        runId: run.id,
        questionId: questionIds[1]!,
        position: 1,
        pollId: 'poll-1',
        messageId: 12,
        shownOrder: null,
        sentAt,
        closesAt,
      });
      expect(await findRunQuestionByPollId(db, 'poll-1')).toMatchObject({ position: 1, shownOrder: null, correctOptionIds: [0, 1] });

      const closedAt = new Date('2030-01-01T00:00:21Z');
      expect(await closeRunQuestion(db, { runId: run.id, position: 0, closedAt })).toBe(true);
      expect(await closeRunQuestion(db, { runId: run.id, position: 0 })).toBe(false);
      expect(await closeRunQuestion(db, { runId: run.id, position: 5 })).toBe(false);
      expect((await findRunQuestionByPollId(db, 'poll-0'))?.closedAt).toEqual(closedAt);
    });

    it('completes a row already recorded for the same position instead of failing', async () => {
      const { db } = database.handle;
      const run = await startRun(db, runParams(await newChat()));
      const base = { runId: run.id, questionId: questionIds[0]!, position: 0, shownOrder: null, sentAt: new Date(), closesAt: new Date() };
      const first = await recordSentQuestion(db, { ...base, pollId: 'resent-a', messageId: 1 });
      const second = await recordSentQuestion(db, { ...base, pollId: 'resent-b', messageId: 2 });
      expect(second.id).toBe(first.id);
      expect(await findRunQuestionByPollId(db, 'resent-a')).toBeUndefined();
      expect(await findRunQuestionByPollId(db, 'resent-b')).toMatchObject({ runId: run.id, position: 0 });
    });
  });
});
