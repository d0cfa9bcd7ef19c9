import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './client';
import { ensureHitPartitions } from './ensure-hit-partitions';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');

/**
 * Applies the drizzle-kit migrations in drizzle/ that are not applied yet, in one
 * transaction under an advisory lock (two processes starting at once is safe), recording
 * them in drizzle.__drizzle_migrations as drizzle's own migrator does; then makes sure
 * hit partitions exist around now.
 */
export async function migrateDb(db: Db, now = new Date()): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7230431)');
    await tx.query('CREATE SCHEMA IF NOT EXISTS drizzle');
    await tx.query('CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    const [last] = await tx.query<{ created_at: string }>('SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1');
    for (const m of migrations) {
      if (last && Number(last.created_at) >= m.folderMillis) continue;
      for (const stmt of m.sql) if (stmt.trim()) await tx.query(stmt);
      await tx.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [m.hash, m.folderMillis]);
    }
  });
  await ensureHitPartitions(db, [now]);
}
