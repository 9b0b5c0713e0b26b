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

/**
 * How long after a question's poll would have closed its send may still be reconciled: the
 * `poll` update Telegram sends when a poll closes can arrive a little later, behind a backlog.
 */
export const RECONCILE_GRACE_MS = 10_000;

/** A send of a run's step whose outcome is still open (see the engine's outbox). */
export interface OpenSend {
  kind: 'announce' | 'question' | 'results';
  state: 'pending' | 'dispatched' | 'unknown';
  /** When it left for Telegram (dispatched or unknown); null while pending. */
  dispatchedAt: number | null;
  /** A question's open period, in seconds. */
  openPeriodS: number | null;
  /** This instance still holds it (waiting in its queue, or its outcome being recorded). */
  inFlightHere: boolean;
}

/** What the scheduler does about an open send when it takes a run's step again. */
export type OpenSendAction =
  /** Leave it: this instance is still sending it. */
  | { kind: 'leave' }
  /** Never left for Telegram: send it (again). */
  | { kind: 'send' }
  /** The announcement of a run whose questions already started: it would come too late, drop it. */
  | { kind: 'drop' }
  /** Its sender is gone after it left: nobody knows whether Telegram got it. Never resend it. */
  | { kind: 'mark-unknown' }
  /** Unknown question: wait until `until` for a `poll` update that tells its poll id. */
  | { kind: 'await-reconcile'; until: number }
  /**
   * Give up knowing: a question is skipped (the run goes on without it); an announcement or
   * results message is taken as delivered (at most once: a doubled message is worse than a
   * missing one).
   */
  | { kind: 'give-up' };

/**
 * Decides an open send's fate. The rule is "at most once": a send that may have reached
 * Telegram is never sent again; a question whose outcome stays unknown is reconciled from the
 * `poll` update Telegram sends when its poll closes, or else skipped.
 */
export function openSendAction(send: OpenSend, context: { now: number; questionsStarted: boolean }): OpenSendAction {
  if (send.inFlightHere) return { kind: 'leave' };
  switch (send.state) {
    case 'pending':
      return send.kind === 'announce' && context.questionsStarted ? { kind: 'drop' } : { kind: 'send' };
    case 'dispatched':
      return { kind: 'mark-unknown' };
    case 'unknown': {
      if (send.kind !== 'question' || send.dispatchedAt === null) return { kind: 'give-up' };
      const until = reconcileDeadline(send.dispatchedAt, send.openPeriodS ?? 0);
      return context.now < until ? { kind: 'await-reconcile', until } : { kind: 'give-up' };
    }
  }
}

/** Until when a question sent (maybe) at `dispatchedAt` may still be reconciled. */
export function reconcileDeadline(dispatchedAt: number, openPeriodS: number): number {
  return dispatchedAt + openPeriodS * 1000 + ANSWER_GRACE_MS + RECONCILE_GRACE_MS;
}

/**
 * A player's response time: from the poll's send to the answer's acceptance, never more than
 * the question's open period. Telegram delivered the answer, so it was given while the poll was
 * open; an answer accepted late (the bot was down, or its database) gets the whole period,
 * which ranks it behind every answer timed in the open.
 */
export function responseMs(question: { sentAt: Date | null; closesAt: Date | null }, acceptedAt: Date): number | null {
  if (!question.sentAt) return null;
  const elapsed = Math.max(0, acceptedAt.getTime() - question.sentAt.getTime());
  if (!question.closesAt) return elapsed;
  return Math.min(elapsed, Math.max(0, question.closesAt.getTime() - question.sentAt.getTime()));
}

/** Which statuses /stopquiz may end: a run still asking questions. */
export const STOPPABLE_STATUSES = ['running'] as const;
