/**
 * npm run sim [-- --port 8081 --host 127.0.0.1 --privacy-off --no-flood-limits --seed 1]
 *
 * Starts the Telegram Bot API simulator and prints what to point a bot at. It runs until
 * Ctrl+C. The virtual world starts empty: create users, groups and messages with the control
 * API (`/sim/...`, see src/control-api.ts), e.g. with curl.
 */
import { parseArgs } from 'node:util';
import { startSimulator, type SimulatorOptions } from './simulator.js';

const USAGE =
  'usage: npm run sim -- [--port 8081] [--host 127.0.0.1] [--token <id>:<secret>] [--privacy-off] [--no-flood-limits] [--seed 1]';

function readOptions(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8081' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      'privacy-off': { type: 'boolean', default: false },
      'no-flood-limits': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number 0-65535, got "${values.port}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  return {
    port,
    host: values.host,
    seed,
    canReadAllGroupMessages: values['privacy-off'],
    ...(values.token !== undefined ? { token: values.token } : {}),
    ...(values['no-flood-limits'] ? { limits: { enabled: false } } : {}),
  };
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(options).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${options.port} is in use: pick another with --port (0 picks a free one)`);
    throw error;
  });
  const limits = sim.limits.settings.enabled ? 'on (Telegram defaults)' : 'off';
  process.stdout.write(
    [
      `Telegram Bot API simulator listening on ${sim.apiRoot} (bot @${sim.bot.username}, flood limits ${limits})`,
      '',
      'Point the bot at it (e.g. in .env):',
      `  BOT_TOKEN=${sim.token}`,
      `  TELEGRAM_API_ROOT=${sim.apiRoot}`,
      '',
      'Drive the virtual world with the control API, for example:',
      `  curl -s -XPOST ${sim.apiRoot}/sim/users -d '{"first_name":"Alice"}'`,
      `  curl -s -XPOST ${sim.apiRoot}/sim/messages -d '{"user_id":1000001,"text":"/start"}'`,
      `  curl -s ${sim.apiRoot}/sim/chats/1000001/transcript?format=text`,
      `  curl -s ${sim.apiRoot}/sim/stats`,
      '',
      'Ctrl+C stops it.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`simulator: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
