/**
 * Why webhook deliveries failed, as Telegram would tell the bot's owner: getWebhookInfo's
 * last_error_message ("Wrong response from the webhook: 502 Bad Gateway", "Read timeout
 * expired", ...), read from the simulator every 100 ms. The simulator counts every failure but
 * keeps only the last message, so this names the kinds of failure and counts the moments each
 * was the latest (a burst of the same failure within one read counts once): a sample, beside
 * the exact count of failures.
 */
import type { Simulator } from 'telegram-sim/simulator';

/** A running watcher. See {@link watchWebhookErrors}. */
export interface WebhookErrorWatch {
  reset(): void;
  /** Failure messages, each with the number of reads that found it new. */
  seen(): Record<string, number>;
  stop(): void;
}

const EVERY_MS = 100;

export function watchWebhookErrors(sim: Simulator): WebhookErrorWatch {
  let seen: Record<string, number> = {};
  let lastFailed = sim.stats().updates.webhook.failed;
  const timer = setInterval(() => {
    const failed = sim.stats().updates.webhook.failed;
    if (failed === lastFailed) return;
    lastFailed = failed;
    const message = sim.updates.getWebhookInfo().last_error_message ?? '(no message)';
    seen[message] = (seen[message] ?? 0) + 1;
  }, EVERY_MS);
  return {
    reset: () => (seen = {}),
    seen: () => ({ ...seen }),
    stop: () => clearInterval(timer),
  };
}
