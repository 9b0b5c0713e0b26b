/**
 * The categories bench:intake-profile puts a sample's top frame in (its self time), decided by
 * the frame's script, first match wins:
 *
 * | category | frames |
 * |---|---|
 * | `idle` | `(idle)`: the main thread waiting in the event loop (not CPU) |
 * | `gc` | `(garbage collector)` |
 * | `program` | `(program)`: native code V8 cannot put under a JS function (libuv, the HTTP parser's C++, the profiler) |
 * | `native (V8 builtins, bindings)` | other frames without a script: builtins and C++ bindings (JSON.parse, a socket write) the profiler names on their own |
 * | `node: http` | `node:_http_*`, `node:http`, `node:internal/http*` |
 * | `node: net, streams, events` | `node:net`, `node:stream`, `node:internal/streams/*`, `node:internal/stream_base_commons`, `node:events`, `node:internal/net` |
 * | `node: crypto` | `node:crypto`, `node:internal/crypto/*` |
 * | `node: timers, promises, other` | every other `node:` module (timers, async hooks, the task queues, buffer, util) |
 * | `grammy` | `node_modules/grammy`, `@grammyjs/*` |
 * | `zod` | `node_modules/zod` (the update validation's schemas) |
 * | `drizzle-orm` | `node_modules/drizzle-orm` |
 * | `postgres.js` | `node_modules/postgres` |
 * | `pino` | `node_modules/pino*` and its writers (`sonic-boom`, `thread-stream`, `fast-redact`, `safe-stable-stringify`, `quick-format-unescaped`, `atomic-sleep`) |
 * | `prom-client` | `node_modules/prom-client`, `tdigest`, `bintrees` |
 * | `queue, limiter, redis` | `p-queue`, `bottleneck`, `ioredis` and their helpers (`eventemitter3`, `p-timeout`, `redis-*`, `cluster-key-slot`, `denque`, `standard-as-callback`) |
 * | `tsx (loader)` | `node_modules/tsx`, `esbuild` |
 * | `other node_modules` | any other package |
 * | `src/<folder>` | our code, by folder: `src/bot/intake`, `src/bot` (the rest of it), `src/store`, `src/lib`, `src/monitoring`, `src/queue`, `src/engine`, `src/quiz`, `src` (top-level files) |
 * | `other` | anything else (another file of the project, a script V8 made up) |
 */
import type { CallFrame } from './cpu-profile-read.js';

const SPECIAL: Record<string, string> = {
  '(idle)': 'idle',
  '(garbage collector)': 'gc',
  '(program)': 'program',
  '(root)': 'program',
};

const NODE_MODULES: readonly (readonly [string, RegExp])[] = [
  ['node: http', /^node:(_http_|http$|https$|internal\/http)/],
  ['node: net, streams, events', /^node:(net$|stream$|events$|internal\/streams\/|internal\/stream_base_commons$|internal\/net$)/],
  ['node: crypto', /^node:(crypto$|internal\/crypto\/)/],
  ['node: timers, promises, other', /^node:/],
];

const PACKAGES: readonly (readonly [string, RegExp])[] = [
  ['grammy', /^(grammy|@grammyjs\/[^/]+)$/],
  ['zod', /^zod$/],
  ['drizzle-orm', /^drizzle-orm$/],
  ['postgres.js', /^postgres$/],
  ['pino', /^(pino.*|sonic-boom|thread-stream|fast-redact|safe-stable-stringify|quick-format-unescaped|atomic-sleep|on-exit-leak-free)$/],
  ['prom-client', /^(prom-client|tdigest|bintrees)$/],
  [
    'queue, limiter, redis',
    /^(p-queue|p-timeout|eventemitter3|bottleneck|ioredis|redis-.+|cluster-key-slot|denque|standard-as-callback|lodash\..+)$/,
  ],
  ['tsx (loader)', /^(tsx|esbuild|@esbuild\/.+|get-tsconfig|resolve-pkg-maps)$/],
];

const SRC_FOLDERS = ['bot/intake', 'bot', 'store', 'lib', 'monitoring', 'queue', 'engine', 'quiz'] as const;

/** Every category in the order a report lists them. */
export const CATEGORY_ORDER: readonly string[] = [
  'idle',
  'gc',
  'program',
  'native (V8 builtins, bindings)',
  ...NODE_MODULES.map(([name]) => name),
  ...PACKAGES.map(([name]) => name),
  'other node_modules',
  ...SRC_FOLDERS.map((folder) => `src/${folder}`),
  'src',
  'other',
];

/** The category of `frame` (see the table above); `root` is the project's directory. */
export function categorize(frame: CallFrame, root: string): string {
  const special = SPECIAL[frame.functionName];
  if (special !== undefined && frame.url === '') return special;
  if (frame.url === '') return 'native (V8 builtins, bindings)';
  if (frame.url.startsWith('node:')) {
    for (const [name, pattern] of NODE_MODULES) if (pattern.test(frame.url)) return name;
  }
  const pkg = packageOf(frame.url);
  if (pkg !== undefined) {
    for (const [name, pattern] of PACKAGES) if (pattern.test(pkg)) return name;
    return 'other node_modules';
  }
  const own = ownPath(frame, root);
  if (own !== undefined) {
    for (const folder of SRC_FOLDERS) if (own.startsWith(`src/${folder}/`)) return `src/${folder}`;
    if (/^src\/[^/]+$/.test(own)) return 'src';
  }
  return 'other';
}

/** Whether `frame` is a function of our own src/ (not node_modules). */
export function isOwnFrame(frame: CallFrame, root: string): boolean {
  return ownPath(frame, root)?.startsWith('src/') ?? false;
}

/** The package a file of node_modules belongs to (`zod`, `@grammyjs/runner`), the innermost one. */
function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('/node_modules/');
  if (at === -1) return undefined;
  const [first = '', second = ''] = url.slice(at + '/node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** The project-relative path of a frame's file, or undefined outside the project (or in node_modules). */
function ownPath(frame: CallFrame, root: string): string | undefined {
  const rootUrl = `file://${root.endsWith('/') ? root : `${root}/`}`;
  if (!frame.url.startsWith(rootUrl) || frame.url.includes('/node_modules/')) return undefined;
  return frame.url.slice(rootUrl.length);
}
