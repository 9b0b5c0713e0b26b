/**
 * poll_answer: the hot path. An answer is *accepted* at intake (src/bot/intake/answer-intake.ts)
 * straight through the AnswerWriter: its run question is found from the poll (memory first),
 * it is stamped with its acceptance time (Telegram sends none), a shuffled poll's options are
 * mapped back to the quiz's order, it is scored and committed by group commit. Only an answer
 * whose poll nobody knows yet (sent by another instance a moment ago, or a question whose
 * delivery is being reconciled) waits in the inbox; this feature handles it from there, with its
 * original acceptance time, until the poll is known or clearly is no poll of ours.
 */
import { Composer } from 'grammy';
import type { PollAnswer } from 'grammy/types';
import { acceptsAnswer, responseMs } from '../../quiz/run-steps.js';
import { isCorrectChoice, toQuizOptionIds } from '../../quiz/scoring.js';
import type { BotContext, BotDeps } from '../context.js';
import { RetryLaterError } from '../inbox/failure-policy.js';
import { acceptanceOf } from '../inbox/acceptance.js';
import { isVoteIn } from '../intake/option-ids.js';

export const answersFeature = new Composer<BotContext>();

/** What became of an answer. */
/** How an answer ended; 'invalid-vote': its option ids are not a vote in its poll (forged: nothing stored). */
export type AnswerDisposition = 'saved' | 'closed' | 'anonymous' | 'unknown-poll' | 'invalid-vote';

/** An answer to an unknown poll keeps waiting this long after its acceptance. */
const UNKNOWN_POLL_WAIT_MS = 15_000;
/**
 * ... and up to this long while some question's delivery is being reconciled (Telegram's
 * longest open period, 10 minutes, plus room): the answer may be to that question's poll.
 */
const RECONCILING_POLL_WAIT_MS = 11 * 60_000;

/**
 * Scores and saves one answer, resolving once it is committed ('invalid-vote' when its option ids
 * are not a vote in the poll: an option it does not have, one named twice; forged). Throws
 * AnswerRejectedError when the database refuses it for good, and a database error while the
 * database is unreachable (the writer retries the others).
 */
export async function recordPollAnswer(
  deps: Pick<BotDeps, 'polls' | 'answerWriter' | 'engine'>,
  answer: PollAnswer,
  meta: { acceptedAt: Date; updateId: number },
): Promise<AnswerDisposition> {
  const user = answer.user;
  if (!user) return 'anonymous';
  const question = await deps.polls.lookup(answer.poll_id);
  if (!question) return 'unknown-poll';
  if (!acceptsAnswer(question, meta.acceptedAt)) return 'closed';
  if (!isVoteIn(answer.option_ids, question.optionCount)) return 'invalid-vote';
  const optionIds = toQuizOptionIds(answer.option_ids, question.shownOrder);
  const retracted = optionIds.length === 0;
  await deps.answerWriter.record({
    runId: question.runId,
    questionId: question.questionId,
    user: { id: user.id, firstName: user.first_name, username: user.username ?? null },
    optionIds,
    isCorrect: !retracted && isCorrectChoice(optionIds, question.correctOptionIds),
    responseMs: retracted ? null : responseMs(question, meta.acceptedAt),
    answeredAt: meta.acceptedAt,
    updateId: meta.updateId,
  });
  if (question.mode === 'private' && !retracted) {
    // A private run moves on as soon as its player answered; at the period's end otherwise.
    deps.engine.answered(question.runId, question.position).catch(() => undefined);
  }
  return 'saved';
}

/** Counts an answer's final disposition. */
export function countAnswer(counters: BotDeps['answers'], disposition: AnswerDisposition): void {
  if (disposition === 'saved') counters.saved++;
  else if (disposition === 'closed') counters.ignored_closed++;
  else if (disposition === 'anonymous') counters.ignored_anonymous++;
  else if (disposition === 'invalid-vote') counters.refused++;
  else counters.ignored_unknown_poll++;
}

/** A deferred answer, from the inbox. */
answersFeature.on('poll_answer', async (ctx) => {
  const { deps } = ctx;
  const acceptedAt = acceptanceOf(ctx.update)?.acceptedAt ?? new Date(deps.clock.now());
  const disposition = await recordPollAnswer(deps, ctx.pollAnswer, { acceptedAt, updateId: ctx.update.update_id });
  if (disposition === 'invalid-vote') {
    // Forged options for a poll known only now: trying again cannot help (as at intake: refused).
    ctx.logger.warn(
      { pollId: ctx.pollAnswer.poll_id, reason: 'invalid_option_ids' },
      'Deferred poll answer refused: its option ids are not a vote in its poll',
    );
  }
  if (disposition === 'unknown-poll') {
    const waited = deps.clock.now() - acceptedAt.getTime();
    const mayStillCome =
      waited < UNKNOWN_POLL_WAIT_MS || (waited < RECONCILING_POLL_WAIT_MS && (await deps.engine.hasUnresolvedQuestionSends()));
    if (mayStillCome) throw new RetryLaterError(`poll ${ctx.pollAnswer.poll_id} is not known yet`);
    ctx.logger.debug({ pollId: ctx.pollAnswer.poll_id }, 'Answer to a poll no run sent: ignored');
  }
  countAnswer(deps.answers, disposition);
});
