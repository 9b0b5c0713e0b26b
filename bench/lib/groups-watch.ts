/**
 * What the bot said in each group of the storm, as the players saw it: every bot message in a
 * watched group is classified (announcement, quiz poll, reply to /leaderboard or /myscore,
 * results) and stamped with the driver's clock when the simulator stored it, i.e. when
 * Telegram accepted the call.
 */
import type { World } from 'telegram-sim/world';
import type { SimChat, SimMessage } from 'telegram-sim/world-types';
import { driverNow } from './e2e-commits.js';

/** One group's bot messages. Times are {@link driverNow} milliseconds. */
export interface GroupLog {
  readonly chatId: number;
  announcementAt: number | undefined;
  /** Every quiz poll the bot sent, in order: its question text and when. */
  readonly polls: { question: string; at: number }[];
  /** Replies to /leaderboard ("Best players" / "No scores yet") and /myscore ("📊 name"), when. */
  readonly leaderboardRepliesAt: number[];
  readonly myScoreRepliesAt: number[];
  resultsAt: number | undefined;
  resultsText: string | undefined;
  /** Bot messages the watcher could not place (kept: a reader of the report may want them). */
  readonly other: string[];
}

/** A running watcher. See {@link watchGroups}. */
export interface GroupsWatch {
  readonly logs: ReadonlyMap<number, GroupLog>;
  /** Groups whose results arrived. */
  readonly finished: number;
  /**
   * Calls `listener` once per group when its first quiz poll arrives (the storm's commands are
   * sent while it is open).
   */
  onFirstQuestion(listener: (log: GroupLog, poll: SimMessage) => void): void;
  /**
   * Resolves `finished` when every group's results arrived, `budget` when `deadline` (driver ms)
   * passes first, `stalled` when no group heard from the bot for `quietMs` before that.
   */
  allFinished(deadline: number, quietMs: number): Promise<'finished' | 'budget' | 'stalled'>;
  stop(): void;
}

const RESULTS = /has finished|was stopped early/;
const LEADERBOARD = /^(🏆 Best players|No scores yet)/u;
const MY_SCORE = /^📊 /u;
const ANNOUNCEMENT = /^🎲 Get ready/u;

/** Starts recording the bot's messages in the groups `chatIds`. */
export function watchGroups(world: World, chatIds: readonly number[]): GroupsWatch {
  const logs = new Map<number, GroupLog>();
  for (const chatId of chatIds) {
    logs.set(chatId, {
      chatId,
      announcementAt: undefined,
      polls: [],
      leaderboardRepliesAt: [],
      myScoreRepliesAt: [],
      resultsAt: undefined,
      resultsText: undefined,
      other: [],
    });
  }
  const firstQuestionListeners: ((log: GroupLog, poll: SimMessage) => void)[] = [];
  let finished = 0;
  let lastMessageAt = driverNow();
  let wake: (() => void) | undefined;

  const onMessage = (message: SimMessage, chat: SimChat): void => {
    const log = logs.get(chat.id);
    if (!log) return;
    const at = driverNow();
    lastMessageAt = at;
    if (message.pollId !== undefined) {
      const poll = world.poll(message.pollId);
      log.polls.push({ question: poll?.question ?? '', at });
      if (log.polls.length === 1) for (const listener of firstQuestionListeners) listener(log, message);
      return;
    }
    const text = message.text ?? '';
    if (RESULTS.test(text)) {
      if (log.resultsAt === undefined) {
        log.resultsAt = at;
        log.resultsText = text;
        finished++;
        if (finished === logs.size) wake?.();
      } else {
        log.other.push(text);
      }
    } else if (ANNOUNCEMENT.test(text)) {
      log.announcementAt ??= at;
    } else if (LEADERBOARD.test(text)) {
      log.leaderboardRepliesAt.push(at);
    } else if (MY_SCORE.test(text)) {
      log.myScoreRepliesAt.push(at);
    } else {
      log.other.push(text);
    }
  };
  world.on('botMessage', onMessage);

  return {
    logs,
    get finished() {
      return finished;
    },
    onFirstQuestion(listener) {
      firstQuestionListeners.push(listener);
    },
    allFinished(deadline, quietMs) {
      if (finished === logs.size) return Promise.resolve('finished');
      // Silence is counted from now at the earliest: the bot had nothing to say before the storm.
      lastMessageAt = driverNow();
      return new Promise((resolve) => {
        const end = (outcome: 'finished' | 'budget' | 'stalled'): void => {
          clearInterval(timer);
          wake = undefined;
          resolve(outcome);
        };
        // Checked once a second: the budget and the silence need no finer resolution.
        const timer = setInterval(() => {
          const now = driverNow();
          if (now >= deadline) end('budget');
          else if (now - lastMessageAt >= quietMs) end('stalled');
        }, 1_000);
        wake = () => end('finished');
      });
    },
    stop: () => world.off('botMessage', onMessage),
  };
}
