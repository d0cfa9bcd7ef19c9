import type { Config } from '../config/load-config';
import { openDb, type Db } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { lockDataDir } from '../runtime/lock-data-dir';

/**
 * Runs a CLI command against the configured database, migrated, and closes it after. With the
 * embedded database the data dir lock is taken first, so a running server is never opened
 * twice (DataDirLockedError).
 */
export async function withCliDb<R>(config: Config, command: string, fn: (db: Db) => Promise<R>): Promise<R> {
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir, `CLI (${command})`);
  try {
    const db = await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 4 } : { dataDir: config.dataDir });
    try {
      await migrateDb(db);
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}
