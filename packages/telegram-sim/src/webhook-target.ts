/**
 * setWebhook's checks of `url` and `secret_token`, worded as the Bot API server
 * (tdlib/telegram-bot-api, Client.cpp and WebhookActor.cpp) words them.
 *
 * The one deliberate difference from Telegram: a loopback URL (127.0.0.0/8, localhost, [::1])
 * is accepted over plain http and on any port, so that a bot running on the same machine can be
 * tested. Telegram accepts only https, only on ports 80, 88, 443 and 8443, and refuses reserved
 * addresses such as 127.0.0.1.
 */
import net from 'node:net';
import { badRequest } from './errors.js';

/** Ports Telegram delivers webhooks to: "Webhook can be set up only on ports 80, 88, 443 or 8443". */
const WEBHOOK_PORTS = new Set([80, 88, 443, 8443]);

/**
 * Parses a webhook URL as Telegram does (`td::parse_url` with https as the default scheme, so
 * `example.com/hook` means `https://example.com/hook`). Throws 400 "Bad Request: invalid webhook
 * URL specified" when it is not an http(s) URL with a host.
 */
export function parseWebhookUrl(raw: string): URL {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL | undefined;
  if (hasScheme || /^[a-z0-9[]/i.test(raw)) {
    try {
      url = new URL(hasScheme ? raw : `https://${raw}`);
    } catch {
      url = undefined;
    }
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw badRequest('invalid webhook URL specified');
  }
  return url;
}

/**
 * Bot API docs, setWebhook: secret_token is "1-256 characters. Only characters A-Z, a-z, 0-9, _
 * and - are allowed." An empty token means none. Telegram checks the length (in bytes) first.
 */
export function checkSecretToken(secret: string): void {
  if (Buffer.byteLength(secret) > 256) throw badRequest('secret token is too long');
  if (!/^[A-Za-z0-9_-]*$/.test(secret)) throw badRequest('secret token contains unallowed characters');
}

/**
 * The checks Telegram makes when it starts delivering (answered as 400 "Bad Request: bad webhook:
 * ..."): https only, on the allowed ports. Loopback hosts pass on http and any port (see the
 * module comment).
 */
export function checkWebhookTarget(url: URL): void {
  if (isLoopbackHost(url.hostname)) return;
  if (url.protocol !== 'https:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  const port = url.port === '' ? 443 : Number(url.port);
  if (!WEBHOOK_PORTS.has(port)) throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
}

/** A URL hostname without the brackets of an IPv6 literal. */
const bareHost = (hostname: string): string => (hostname.startsWith('[') ? hostname.slice(1, -1) : hostname);

/** 127.0.0.0/8, localhost and ::1 (as `URL.hostname` spells them). */
function isLoopbackHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** The address getWebhookInfo reports before a connection tells: IP literals as written, localhost as 127.0.0.1. */
export function literalIpAddress(url: URL): string | undefined {
  const host = bareHost(url.hostname);
  if (net.isIP(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  return undefined;
}
