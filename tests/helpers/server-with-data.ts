import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { createEmptyPgDatabase, type Backend } from './test-db';
import { spawnServer, type ServerProcess } from './spawn-server';

export type ServerWithData = { server: ServerProcess; env: Record<string, string>; cleanup: () => Promise<void> };

/**
 * A real server process over its own fresh database (a PGlite data dir, or a new PostgreSQL
 * database), prepared first by `prepare` through a short-lived connection.
 */
export async function serverWithData(backend: Backend, prepare: (db: Db) => Promise<void>, extraEnv: Record<string, string> = {}): Promise<ServerWithData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-srv-'));
  let env: Record<string, string> = { EARSHOT_DATA_DIR: dataDir, ...extraEnv };
  let drop = async () => {};
  if (backend === 'pg') {
    const pg = await createEmptyPgDatabase();
    env = { ...env, DATABASE_URL: pg.url, EARSHOT_SECRET: 's'.repeat(40) };
    drop = pg.drop;
  }
  const db = await openDb(backend === 'pg' ? { databaseUrl: env.DATABASE_URL! } : { dataDir });
  try {
    await migrateDb(db);
    await prepare(db);
  } finally {
    await db.close();
  }
  const server = await spawnServer(env);
  return {
    server,
    env,
    cleanup: async () => {
      await server.stop().catch(() => null);
      await drop().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
