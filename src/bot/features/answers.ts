/**
 * poll_answer: the hot path. Finds the run question of the poll (memory first), stamps the
 * receive time (Telegram sends none), maps a shuffled poll's options back to the quiz's order,
 * scores the vote and hands it to the AnswerWriter; the handler returns only once the answer is
 * committed, so the update counts as handled only then. Revotes overwrite (the later update
 * wins), retractions are saved as empty votes, answers to unknown or closed polls are counted
 * and dropped.
 */
import { Composer } from 'grammy';
import type { PollDirectory } from '../../engine/poll-directory.js';
import { acceptsAnswer } from '../../quiz/run-steps.js';
import { isCorrectChoice, toQuizOptionIds } from '../../quiz/scoring.js';
import type { PolledQuestion } from '../../store/queries/run-questions.js';
import type { BotContext } from '../context.js';

export const answersFeature = new Composer<BotContext>();

/**
 * A poll whose question row is not committed yet (the engine records it right after Telegram
 * answered sendPoll, possibly on another instance) is looked up again this much later.
 */
const UNKNOWN_POLL_RETRIES_MS = [250, 1_000];

answersFeature.on('poll_answer', async (ctx) => {
  const receivedAt = new Date();
  const { deps } = ctx;
  const answer = ctx.pollAnswer;
  deps.answers.received++;
  const user = answer.user;
  if (!user) {
    deps.answers.ignored_anonymous++;
    return;
  }
  const question = await lookup(deps.polls, answer.poll_id);
  if (!question) {
    deps.answers.ignored_unknown_poll++;
    ctx.logger.debug({ pollId: answer.poll_id }, 'Answer to a poll no run sent: ignored');
    return;
  }
  if (!acceptsAnswer(question, receivedAt)) {
    deps.answers.ignored_closed++;
    return;
  }
  const optionIds = toQuizOptionIds(answer.option_ids, question.shownOrder);
  const retracted = optionIds.length === 0;
  await deps.answerWriter.record({
    runId: question.runId,
    questionId: question.questionId,
    user: { id: user.id, firstName: user.first_name, username: user.username ?? null },
    optionIds,
    isCorrect: !retracted && isCorrectChoice(optionIds, question.correctOptionIds),
    responseMs: retracted || !question.sentAt ? null : Math.max(0, receivedAt.getTime() - question.sentAt.getTime()),
    answeredAt: receivedAt,
    updateId: ctx.update.update_id,
  });
  deps.answers.saved++;
  if (question.mode === 'private' && !retracted) await deps.engine.answered(question.runId, question.position);
});

async function lookup(polls: PollDirectory, pollId: string): Promise<PolledQuestion | undefined> {
  let found = await polls.lookup(pollId);
  for (const delayMs of UNKNOWN_POLL_RETRIES_MS) {
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    found = await polls.lookup(pollId);
  }
  return found;
}
