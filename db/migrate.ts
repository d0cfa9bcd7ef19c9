import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from './client';
import { ensureHitPartitions } from './ensure-hit-partitions';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');

/** Applies the migrations in drizzle/ and makes sure hit partitions exist around now. */
export async function migrateDb(db: Db, now = new Date()): Promise<void> {
  if (db.kind === 'pglite') await migratePglite(db.orm as PgliteDatabase<any>, { migrationsFolder: MIGRATIONS_DIR });
  else await migratePg(db.orm as NodePgDatabase<any>, { migrationsFolder: MIGRATIONS_DIR });
  await ensureHitPartitions(db, [now]);
}
