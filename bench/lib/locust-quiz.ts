/**
 * The running quiz a Locust step answers, played the way users play it in the simulator: a user
 * creates a one-question quiz in private, and for each step its creator starts it in a fresh group
 * with the longest period (10 minutes, so the poll stays open through the step) and stops it with
 * /stopquiz once the step is over (the run is scored then, before the next step starts, so that
 * scoring is never part of a measurement). A group per step keeps each step's answers in a run
 * of their own.
 */
import { nextBotMessage } from 'telegram-sim/bot-messages';
import type { World } from 'telegram-sim/world';
import { createQuizInChat } from './e2e-chat.js';

/** Telegram's longest open period: the poll stays open for any step up to this long. */
export const OPEN_PERIOD_S = 600;
/** The bot answers /startquiz and sends the poll within this (3 s between group messages, and room). */
const POLL_WAIT_MS = 60_000;
/** Scoring a run of tens of thousands of players and posting its results takes less than this. */
const RESULTS_WAIT_MS = 180_000;

/** A question open in a group: what the locustfile needs to answer it, and what the check needs. */
export interface OpenPoll {
  groupId: number;
  pollId: string;
  optionCount: number;
  /** The message that started the run (the results come after it). */
  startMessageId: number;
}

export interface LoadQuiz {
  readonly quizId: number;
  /** Starts a run in a new group and resolves once its poll is out. */
  openPoll(step: number): Promise<OpenPoll>;
  /** Stops the run of `poll`'s group and resolves once its results are posted. */
  stop(poll: OpenPoll): Promise<void>;
}

/** Creates the one-question quiz (waiting for the bot to answer, so it is up) and returns its runs' starter. */
export async function createLoadQuiz(world: World): Promise<LoadQuiz> {
  const owner = world.createStartedUser({ firstName: 'Load', username: 'load_owner' });
  const quizId = await createQuizInChat(world, owner.id, 'Locust load test', 1);
  return {
    quizId,
    async openPoll(step) {
      const group = world.createGroup({ title: `Load step ${step}`, creator: owner.id });
      const start = world.sendText(owner.id, group.id, `/startquiz ${quizId} ${OPEN_PERIOD_S}s`);
      const message = await nextBotMessage(
        world,
        group.id,
        start.messageId,
        (m) => m.pollId !== undefined,
        POLL_WAIT_MS,
        'the poll of the run',
      );
      const pollId = message.pollId as string;
      const poll = world.poll(pollId);
      if (!poll || poll.isClosed) throw new Error(`the poll ${pollId} of step ${step} is not open`);
      return { groupId: group.id, pollId, optionCount: poll.options.length, startMessageId: start.messageId };
    },
    async stop(poll) {
      const stop = world.sendText(owner.id, poll.groupId, '/stopquiz');
      // The results say "has finished" (the run's one question was asked) or "was stopped early".
      await nextBotMessage(
        world,
        poll.groupId,
        stop.messageId,
        (m) => /has finished|was stopped early/.test(m.text ?? ''),
        RESULTS_WAIT_MS,
        'the results of the stopped run',
      );
    },
  };
}
