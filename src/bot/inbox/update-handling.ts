/**
 * What happens to one claimed inbox update: the bot's handlers run on it; when they fail, the
 * failure policy (failure-policy.ts) decides between done (a chat that blocked the bot), another
 * attempt after a backoff, or parking it as a dead letter, and the user whose update was parked is
 * told (in the update's language when the handler got as far as negotiating it, else in English).
 * Apart from inbox-processor.ts, which decides when and which updates are claimed and keeps
 * their leases.
 */
import { BotError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { DEFAULT_LOCALE } from '../../i18n/locales.js';
import { createI18n, translatorFor, type Translate } from '../../i18n/translator.js';
import type { Backoff } from '../../lib/backoff.js';
import type { Clock } from '../../lib/clock.js';
import { describeError } from '../../lib/describe-error.js';
import type { OutageLog } from '../../lib/outage-log.js';
import type { Database } from '../../store/database.js';
import { isRetryableDatabaseError } from '../../store/errors.js';
import { parkInboxEntry, scheduleInboxRetry } from '../../store/queries/inbox.js';
import type { InboxRow } from '../../store/schema/inbox.js';
import type { BotContext } from '../context.js';
import { somethingWentWrongText } from '../texts/errors.js';
import { attachAcceptance } from './acceptance.js';
import { decideFailure } from './failure-policy.js';
import type { HandledMarker } from './handled-marker.js';

/** How each handling ended, told as it happens (the processor counts them for its stats). */
export interface UpdateHandlingEvents {
  handled(): void;
  /** The handler met a chat that blocked the bot: done, not failed. */
  unreachable(): void;
  /** A failed attempt was scheduled for another try. */
  retried(): void;
  /** The update is being parked as a dead letter (told before it is written). */
  parked(kind: string): void;
}

/** What {@link createUpdateHandling} needs. */
export interface UpdateHandlingOptions {
  db: Database;
  bot: Bot<BotContext>;
  clock: Clock;
  logger: Logger;
  /** The inbox's outage log: a database outage while recording an attempt is reported there. */
  outage: OutageLog;
  handledMarker: HandledMarker;
  maxAttempts: number;
  backoff: Backoff;
  events: UpdateHandlingEvents;
}

/** Handles claimed inbox rows; `handle` never throws. */
export interface UpdateHandling {
  handle(row: InboxRow): Promise<void>;
}

export function createUpdateHandling(options: UpdateHandlingOptions): UpdateHandling {
  return new UpdateHandlingImpl(options);
}

class UpdateHandlingImpl implements UpdateHandling {
  readonly #options: UpdateHandlingOptions;

  constructor(options: UpdateHandlingOptions) {
    this.#options = options;
  }

  async handle(row: InboxRow): Promise<void> {
    let update: Update;
    try {
      update = JSON.parse(row.payload) as Update;
    } catch (error) {
      return this.#park(row, undefined, error, 'its payload is not JSON');
    }
    attachAcceptance(update, { acceptedAt: row.acceptedAt, attempt: row.attempts });
    try {
      await this.#options.bot.handleUpdate(update);
    } catch (thrown) {
      if (thrown instanceof BotError) return this.#failed(row, update, thrown.error, thrown.ctx);
      return this.#failed(row, update, thrown, undefined);
    }
    this.#options.events.handled();
    await this.#options.handledMarker.mark(row.updateId);
  }

  async #failed(row: InboxRow, update: Update, error: unknown, ctx: BotContext | undefined): Promise<void> {
    const { maxAttempts, backoff } = this.#options;
    const decision = decideFailure(error, { attempt: row.attempts, maxAttempts, backoff });
    if (decision.kind === 'done') {
      this.#options.events.unreachable();
      this.#options.logger.debug({ updateId: row.updateId, kind: row.kind, reason: decision.reason }, 'Update done without a reply');
      await this.#options.handledMarker.mark(row.updateId);
      return;
    }
    if (decision.kind === 'park') return this.#park(row, update, error, decision.reason, ctx);
    this.#options.events.retried();
    const retryAt = new Date(this.#options.clock.now() + decision.delayMs);
    await scheduleInboxRetry(this.#options.db, { updateId: row.updateId, retryAt, error: describeError(error) }).catch(
      (failure: unknown) => {
        // The claim lapses and the update is claimed again: the retry still happens, a little later.
        this.#recordFailed(failure);
      },
    );
  }

  async #park(row: InboxRow, update: Update | undefined, error: unknown, reason: string, ctx?: BotContext): Promise<void> {
    this.#options.events.parked(row.kind);
    // The error is described, not logged whole: a query error quotes what the user typed.
    this.#options.logger.error(
      { updateId: row.updateId, kind: row.kind, lane: row.lane, attempts: row.attempts, reason, error: describeError(error) },
      'Update parked as a dead letter: its handler failed for good (kept in the inbox table)',
    );
    await parkInboxEntry(this.#options.db, {
      updateId: row.updateId,
      at: new Date(this.#options.clock.now()),
      error: `${reason}: ${describeError(error)}`,
    }).catch((failure: unknown) => {
      this.#recordFailed(failure);
    });
    const chatId = update?.message?.chat.id;
    if (chatId !== undefined) {
      await this.#options.bot.api.sendMessage(chatId, apologyText(ctx)).catch(() => undefined);
    }
  }

  /** Recording an attempt's end failed: an outage is reported as one, anything else once as an error. */
  #recordFailed(failure: unknown): void {
    if (isRetryableDatabaseError(failure)) this.#options.outage.failure(failure);
    else
      this.#options.logger.error(
        { error: describeError(failure) },
        "Could not record how an update's handling ended: it is handled again when its claim lapses",
      );
  }
}

/**
 * "Something went wrong" in the language the update was being answered in. The update may have
 * failed before its language was known: the i18n middleware sets `ctx.t` first and then negotiates
 * (a database read), so `ctx.t` can be missing or throw; English then.
 */
function apologyText(ctx: BotContext | undefined): string {
  if (ctx) {
    try {
      return somethingWentWrongText(ctx.t);
    } catch {
      // No language was negotiated for this update.
    }
  }
  return somethingWentWrongText(englishTexts());
}

let english: Translate | undefined;

/** English texts, loaded on the first dead letter (rare) and kept: never a file read per update. */
function englishTexts(): Translate {
  english ??= translatorFor(createI18n(), DEFAULT_LOCALE);
  return english;
}
