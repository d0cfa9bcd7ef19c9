import type { Config } from '../config/load-config';
import { openDb, type Db } from '../../db/client';
import { lockDataDir } from '../runtime/lock-data-dir';

/**
 * Opens the configured database for a CLI command. With the embedded database this takes
 * the data dir lock first, so a running server is never opened twice (DataDirLockedError).
 */
export async function openCliDb(config: Config, command: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir, `CLI (${command})`);
  try {
    const db = await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 4 } : { dataDir: config.dataDir });
    return {
      db,
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
