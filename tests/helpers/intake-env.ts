import { freePort } from './free-port.js';

/** The two ways the bot takes updates; tests that must hold for both run once per way. */
export type IntakeMode = 'polling' | 'webhook';

/**
 * The environment that makes the bot take its updates by `mode`: polling is the default and
 * needs nothing; a webhook listens on a free port of its own, at /telegram, checking `secret`.
 */
export async function intakeEnv(mode: IntakeMode, secret: string): Promise<Record<string, string>> {
  if (mode === 'polling') return {};
  const port = await freePort();
  return { BOT_MODE: 'webhook', WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`, WEBHOOK_SECRET: secret, HTTP_PORT: String(port) };
}
