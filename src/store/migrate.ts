import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Logger } from 'pino';

/** The committed SQL migrations that `npm run db:generate` writes. */
export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Arbitrary but fixed: every quiz-agent instance takes this advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 0x7175697a; // "quiz"

/**
 * Applies pending migrations on a dedicated single connection, holding a PostgreSQL advisory
 * lock for the whole run: drizzle's `migrate()` takes no lock of its own, and instances that
 * start together would otherwise race to create the same tables.
 */
export async function runMigrations(options: { url: string; logger: Logger; migrationsFolder?: string }): Promise<void> {
  const sql = postgres(options.url, {
    max: 1,
    connection: { application_name: 'quiz-agent-migrate' },
    onnotice: () => {}, // "schema drizzle already exists, skipping" and the like
  });
  const started = performance.now();
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
    options.logger.info({ ms: Math.round(performance.now() - started) }, 'Database migrations applied');
  } finally {
    await sql.end({ timeout: 5 });
  }
}
