/** Comparing a secret someone sent with the one expected, without telling them anything by timing. */
import { hash, timingSafeEqual } from 'node:crypto';

/**
 * A check of sent values against one `expected` secret, for a hot path (the webhook checks every
 * request): the expected secret's digest is computed once, here, instead of on every call. Each
 * call hashes only what was sent and compares the digests: they have equal lengths, so the
 * comparison takes the same time whatever was sent, and its time reveals neither how much of a
 * prefix was right nor the secret's length.
 *
 * @example
 * const isWebhookSecret = createSecretCheck(config.webhookSecret);
 * isWebhookSecret(req.headers['x-telegram-bot-api-secret-token']); // true or false
 */
export function createSecretCheck(expected: string): (given: string | undefined) => boolean {
  const expectedDigest = digest(expected);
  return (given) => {
    // An absent value is hashed too (as ""), so it costs the same as a wrong one.
    const same = timingSafeEqual(digest(given ?? ''), expectedDigest);
    return same && given !== undefined;
  };
}

/**
 * True when `given` is exactly `expected`, by the same comparison as {@link createSecretCheck}
 * (both digests computed on every call: for checks that are not on a hot path).
 *
 * @example isSameSecret(bearerToken, config.monitoringToken)
 */
export function isSameSecret(given: string | undefined, expected: string): boolean {
  return createSecretCheck(expected)(given);
}

/** SHA-256 of the UTF-8 text, in one call (crypto.hash: no Hash object per digest; Node >= 20.12, as package.json's engines). */
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
