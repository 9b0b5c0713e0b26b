/** Comparing a secret someone sent with the one expected, without telling them anything by timing. */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `given` is exactly `expected`. Both are hashed first: the digests have equal
 * lengths, so the comparison takes the same time whatever was sent, and its time reveals
 * neither how much of a prefix was right nor the secret's length.
 *
 * @example isSameSecret(req.headers['x-telegram-bot-api-secret-token'], config.webhookSecret)
 */
export function isSameSecret(given: string | undefined, expected: string): boolean {
  // An absent value is hashed too (as ""), so it costs the same as a wrong one.
  const same = timingSafeEqual(digest(given ?? ''), digest(expected));
  return same && given !== undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
