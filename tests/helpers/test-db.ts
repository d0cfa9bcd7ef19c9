import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../../db/client';
import { migrateDb } from '../../db/migrate';

export type Backend = 'pglite' | 'pg';

/** The backends integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function backends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export type TestDb = { db: Db; url: string | null; drop: () => Promise<void> };

/**
 * A fresh, migrated database of its own: an in-memory PGlite, or a new PostgreSQL database
 * created on the TEST_DATABASE_URL server and dropped afterwards.
 */
export async function createTestDb(backend: Backend, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrate = opts.migrate ?? true;
  if (backend === 'pglite') {
    const db = await openDb({ dataDir: null });
    if (migrate) await migrateDb(db);
    return { db, url: null, drop: () => db.close() };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `earshot_t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = withDatabase(admin, name);
  const db = await openDb({ databaseUrl: url });
  if (migrate) await migrateDb(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close().catch(() => {});
      const a = new pg.Client({ connectionString: admin });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh empty PostgreSQL database URL (for a server process to migrate itself). */
export async function createEmptyPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const t = await createTestDb('pg', { migrate: false });
  await t.db.close();
  return { url: t.url!, drop: t.drop };
}
