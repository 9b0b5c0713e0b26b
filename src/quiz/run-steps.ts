/**
 * The run state machine as pure transitions. A run is `running` while it asks its questions one
 * after another, `finishing` once the last question closed or an admin stopped it (its rewards
 * and results are owed), then `finished`; `cancelled` when the chat became unreachable. The
 * scheduler (src/engine) asks {@link nextRunStep} what to do whenever a run is due, so a run
 * that was due while the bot was down simply takes its next step after the restart.
 */

/** What the state machine needs to know about a run. */
export interface RunProgress {
  status: 'running' | 'finishing' | 'finished' | 'cancelled';
  /** The question open now (or last asked); -1 before the first. */
  currentPosition: number;
  questionCount: number;
}

/** The one thing to do next for a due run. */
export type RunStep =
  /** Close the question at `closePosition` (if any), then ask the question at `position`; `announce` before the first. */
  | { kind: 'ask'; position: number; announce: boolean; closePosition: number | null }
  /** Close the question at `closePosition` (if any), then score the run, credit rewards and post results. */
  | { kind: 'finish'; closePosition: number | null }
  /** Nothing: the run is over. */
  | { kind: 'none' };

/**
 * Seconds a closed question still accepts answers that were on their way: Telegram closes the
 * poll at the end of its period, but a vote cast just before that may reach the bot a moment
 * later. The scheduler closes a question this long after its period ended.
 */
export const ANSWER_GRACE_MS = 1_500;

/** The next step of a due run. */
export function nextRunStep(run: RunProgress): RunStep {
  const closePosition = run.currentPosition >= 0 ? run.currentPosition : null;
  switch (run.status) {
    case 'running': {
      const position = run.currentPosition + 1;
      if (position < run.questionCount) return { kind: 'ask', position, announce: position === 0, closePosition };
      return { kind: 'finish', closePosition };
    }
    case 'finishing':
      return { kind: 'finish', closePosition };
    case 'finished':
    case 'cancelled':
      return { kind: 'none' };
  }
}

/**
 * Whether an answer received at `receivedAt` counts. Telegram itself refuses votes once a
 * poll's period is over, so an answer it delivers late (after a restart, or from a backlog) was
 * cast in time and counts. Only a question the bot closed before its time (/stopquiz, or a
 * private player who moved on) refuses what arrives after the close: Telegram still took those
 * votes, but they no longer count.
 */
export function acceptsAnswer(question: { closesAt: Date | null; closedAt: Date | null }, receivedAt: Date): boolean {
  if (question.closedAt === null) return true;
  const closedEarly = question.closesAt === null || question.closedAt.getTime() < question.closesAt.getTime();
  return !closedEarly || receivedAt.getTime() < question.closedAt.getTime();
}

/** Which statuses /stopquiz may end: a run still asking questions. */
export const STOPPABLE_STATUSES = ['running'] as const;
