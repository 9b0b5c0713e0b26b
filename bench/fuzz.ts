/**
 * `npm run fuzz -- --runs N --seed S [--batch B]`: the intake fuzz test (tests/bot/intake-fuzz.test.ts)
 * for longer than `npm test` runs it: N batches of B generated updates (valid, mutated, random)
 * through long polling and through the webhook, from seed S. Runs vitest on that one file with
 * the figures in its environment (PostgreSQL from DATABASE_URL, or the embedded one), then prints
 * what was sent, refused and checked. Exits non-zero when a check failed; the error names the
 * seed and the path that replay the failing batch.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000_000) },
    batch: { type: 'string', default: '400' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(
    'Usage: npm run fuzz -- [--runs 50] [--seed <number>] [--batch 400]\nBatches of generated updates through polling and the webhook of the real bot against the simulator.',
  );
  process.exit(0);
}

const runs = positiveInteger('runs', args.runs);
const batch = positiveInteger('batch', args.batch);
const seed = Number(args.seed);
if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, got ${args.seed}`);

const dir = mkdtempSync(join(tmpdir(), 'quiz-agent-fuzz-'));
const report = join(dir, 'report.jsonl');
// A generous bound on the test (each batch takes well under a second of real time per 100 updates), so it ends even if the bot hangs.
const timeoutMs = 120_000 + runs * batch * 20;
console.log(`intake fuzz: ${runs} batches of ${batch} updates per way of intake (polling, webhook), seed ${seed}`);

const child = spawn('npx', ['vitest', 'run', 'tests/bot/intake-fuzz.test.ts', `--testTimeout=${timeoutMs}`], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_BATCH: String(batch), FUZZ_SEED: String(seed), FUZZ_REPORT: report },
});
child.on('exit', (code, signal) => {
  let lines: string[] = [];
  try {
    lines = readFileSync(report, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    // no report: the test failed before its summary
  }
  rmSync(dir, { recursive: true, force: true });
  for (const line of lines) {
    const summary = JSON.parse(line) as {
      mode: string;
      sent: Record<string, number>;
      refused: Record<string, number>;
      inbox_dead_letters: number;
      valid_answers_checked: number;
      checks: string[];
    };
    const total = Object.values(summary.sent).reduce((sum, n) => sum + n, 0);
    console.log(
      `\n${summary.mode}: ${total} updates sent (${Object.entries(summary.sent)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')})`,
    );
    console.log(
      `  refused at intake: ${Object.entries(summary.refused)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    console.log(
      `  dead letters (handlers that failed for good, e.g. a reply to a chat that does not exist): ${summary.inbox_dead_letters}`,
    );
    console.log(`  valid answers checked stored as their last vote: ${summary.valid_answers_checked}`);
    console.log(`  checked after every batch and at the end:\n    - ${summary.checks.join('\n    - ')}`);
  }
  if (code !== 0)
    console.error(
      `\nintake fuzz FAILED (exit ${code ?? signal}); replay with: npm run fuzz -- --runs ${runs} --batch ${batch} --seed ${seed}`,
    );
  process.exit(code ?? 1);
});

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) fail(`--${name} must be a positive integer, got ${value}`);
  return number;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
