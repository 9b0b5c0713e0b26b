/**
 * Secrets taken out of text before it leaves the process (a log line, an inbox row, /health).
 * Two layers: patterns that catch a secret nobody told us about (a bot token inside a Bot API
 * URL, which node-fetch quotes in its error messages; a password in a connection URL), and the
 * values the running instance knows are secret (its config), found anywhere in a line, at any
 * depth of the object that was logged.
 */

/** What a secret is replaced with. */
const REDACTED = '[redacted]';

/** Telegram's token format: the bot's numeric id, a colon, 35 or more of [A-Za-z0-9_-] (also inside `/bot<token>/`). */
const BOT_TOKEN = /(?<!\d)\d{5,}:[A-Za-z0-9_-]{35,}/g;
/** `scheme://user:password@host`: the password part (a JSON line's quote ends the search). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"]*:)[^\s/?#@"]+@/gi;
/** `?password=...` in a connection URL. */
const QUERY_PASSWORD = /([?&]password=)[^&#\s"]+/gi;
/** Shorter "secrets" (a 1-character WEBHOOK_SECRET is valid) would blank out ordinary words instead. */
const MIN_KNOWN_SECRET_LENGTH = 6;

/**
 * Replaces what looks like a secret: bot tokens, URL passwords.
 *
 * @example redactSecretPatterns('request to https://api.telegram.org/bot123456:AAH.../getMe failed') // '.../bot[redacted]/getMe failed'
 */
export function redactSecretPatterns(text: string): string {
  return text.replace(BOT_TOKEN, REDACTED).replace(URL_PASSWORD, `$1${REDACTED}@`).replace(QUERY_PASSWORD, `$1${REDACTED}`);
}

/**
 * A redactor for whole log lines: the patterns of {@link redactSecretPatterns}, and every
 * known secret value wherever it appears, as written, JSON-escaped or URL-encoded. Values
 * shorter than 6 characters are left out (they would blank ordinary words).
 *
 * @example
 * const redact = createSecretRedactor([config.bot.token, config.bot.webhookSecret]);
 * redact('{"path":"/hook/s3cr3t-path"}')
 */
export function createSecretRedactor(secrets: readonly (string | undefined)[] = []): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_KNOWN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return redactSecretPatterns;
  // Longest first, so a secret that contains another is replaced whole.
  const known = new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return (text) => redactSecretPatterns(text.replace(known, REDACTED));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
