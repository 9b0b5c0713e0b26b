/**
 * The Dockerfile builds what the compose file and the guide expect: production dependencies
 * with the postgres.js patch applied, the sources it names present and not ignored, a non-root
 * user, a healthcheck without curl, and scripts/start.sh as the CMD.
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPIED, COPIED_DIRS } from '../stack/compose-stack.js';
import { execForm, parseDockerfile, readRepoFile, ROOT, runtimeEnv } from './deploy-files.js';

const instructions = parseDockerfile(readRepoFile('Dockerfile'));
const stages = splitStages();
const runtime = stages.at(-1) ?? [];
const ignored = readRepoFile('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'));

function splitStages() {
  const out: (typeof instructions)[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') out.push([]);
    out.at(-1)?.push(instruction);
  }
  return out;
}

const keywordIndex = (stage: typeof instructions, keyword: string, match: RegExp = /./): number =>
  stage.findIndex((i) => i.keyword === keyword && match.test(i.args));

/** COPY sources taken from the build context (not from another stage). */
function contextSources(stage: typeof instructions): string[] {
  return stage
    .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
    .flatMap((i) =>
      i.args
        .split(/\s+/)
        .filter((arg) => !arg.startsWith('--'))
        .slice(0, -1),
    );
}

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim in stages: production dependencies, then the runtime', () => {
    expect(instructions[0]).toEqual({ keyword: 'ARG', args: 'NODE_IMAGE=node:20-bookworm-slim' });
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0]?.args).toMatch(/^\$\{NODE_IMAGE\} AS \w+$/);
    const deps = stages[0] ?? [];
    const install = keywordIndex(deps, 'RUN', /npm ci --omit=dev/);
    expect(install).toBeGreaterThan(0);
    // npm ci's postinstall runs patch-package: patches/ must be there before it.
    expect(keywordIndex(deps, 'COPY', /^patches /)).toBeGreaterThan(0);
    expect(keywordIndex(deps, 'COPY', /^patches /)).toBeLessThan(install);
    expect(keywordIndex(runtime, 'COPY', /--from=deps \/app\/node_modules/)).toBeGreaterThan(0);
    const packageJson = JSON.parse(readRepoFile('package.json')) as { dependencies: Record<string, string> };
    // The runtime image has no devDependencies: what runs it must be a dependency.
    expect(Object.keys(packageJson.dependencies)).toEqual(expect.arrayContaining(['tsx', 'patch-package']));
  });

  it('copies only what the compose stack test copies into its build context (npm run test:deploy builds from that copy)', () => {
    const sources = [...new Set(stages.flatMap(contextSources))];
    expect(sources.filter((source) => !COPIED.includes(source) && !COPIED_DIRS.includes(source))).toEqual([]);
  });

  it('copies sources that exist and that .dockerignore does not leave out', () => {
    const sources = [...new Set(stages.flatMap(contextSources))];
    expect(sources).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'patches', 'drizzle', 'locales', 'scripts', 'src']),
    );
    for (const source of sources) {
      expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(
        ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`)),
        source,
      ).toEqual([]);
    }
    // Secrets, local data and the host's node_modules stay out of the build context.
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', '.data', '.git']));
  });

  it('runs as the non-root user node, listening on 0.0.0.0:8000', () => {
    expect(runtime.filter((i) => i.keyword === 'USER').map((i) => i.args)).toEqual(['node']);
    expect(keywordIndex(runtime, 'USER')).toBeLessThan(keywordIndex(runtime, 'CMD'));
    expect(runtimeEnv(instructions)).toMatchObject({ NODE_ENV: 'production', HTTP_HOST: '0.0.0.0', HTTP_PORT: '8000' });
    expect(runtime.find((i) => i.keyword === 'EXPOSE')?.args).toBe('8000');
  });

  it('checks health with node itself against /health on HTTP_PORT', () => {
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/--interval=\S+ .*--start-period=\S+/);
    const command = execForm(healthcheck?.args.slice(healthcheck.args.indexOf('CMD')) ?? '');
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("'/health'");
    expect(command[2]).toContain('process.env.HTTP_PORT || 8000');
  });

  it('starts scripts/start.sh, which exists and is executable', () => {
    const cmd = runtime.find((i) => i.keyword === 'CMD');
    expect(execForm(cmd?.args ?? '')).toEqual(['scripts/start.sh']);
    const script = path.join(ROOT, 'scripts/start.sh');
    expect(statSync(script).mode & 0o111).toBe(0o111);
    expect(() => accessSync(script, constants.X_OK)).not.toThrow();
    const text = readRepoFile('scripts/start.sh');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    // exec: node replaces the shell and gets SIGTERM itself (tests/deploy/start-script.test.ts runs it).
    expect(text).toMatch(/^exec node --import tsx src\/main\.ts/m);
  });

  it('ships the bot only: not the simulator, the demo or the dev tools, and src/ imports none of them', () => {
    const sources = [...new Set(stages.flatMap(contextSources))];
    for (const devOnly of ['packages', 'tools']) {
      expect(
        sources.filter((source) => source === devOnly || source.startsWith(`${devOnly}/`)),
        devOnly,
      ).toEqual([]);
      expect(ignored, devOnly).toContain(devOnly);
    }
    // The image copies src/ whole, so src/ must hold neither the simulator nor the demo...
    expect(existsSync(path.join(ROOT, 'src/sim')), 'src/sim').toBe(false);
    expect(existsSync(path.join(ROOT, 'src/demo.ts')), 'src/demo.ts').toBe(false);
    // ...and import nothing the image leaves out (it would fail to start).
    const srcFiles = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const devImports = srcFiles.filter((file) =>
      /from '(telegram-sim[/']|(\.\.\/)+(packages|tools)\/)/.test(readFileSync(path.join(ROOT, 'src', file), 'utf8')),
    );
    expect(devImports).toEqual([]);
  });
});
