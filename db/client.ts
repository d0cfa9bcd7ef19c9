/**
 * The one database seam: PGlite (embedded, EARSHOT_DATA_DIR) or pg (DATABASE_URL) behind
 * the same interface, so every query in the project runs unchanged on both.
 */
import path from 'node:path';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Parameterised query ($1, $2 …); rows come back as plain objects. */
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'pg';
  /** Several statements, no parameters (DDL). */
  exec(text: string): Promise<void>;
  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  /** Drizzle over the same connection, for typed queries. */
  readonly orm: ReturnType<typeof drizzlePg<typeof schema>> | ReturnType<typeof drizzlePglite<typeof schema>>;
  close(): Promise<void>;
}

export type OpenDbOptions =
  | { databaseUrl: string; poolSize?: number; connectTimeoutMs?: number }
  | { dataDir: string | null /* null = in memory */ };

// Postgres returns int8 and numeric as strings by default; counts in this project fit in a double.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** Opens the database named by the options. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if ('databaseUrl' in opts) return openPg(opts.databaseUrl, opts.poolSize ?? 10, opts.connectTimeoutMs ?? 5000);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir: string | null): Promise<Db> {
  let dir: string | undefined;
  if (dataDir) {
    dir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
  }
  const client = dir ? await PGlite.create(dir) : await PGlite.create();
  const orm = drizzlePglite({ client, schema });
  const q = (runner: { query: PGlite['query'] }): Queryable['query'] =>
    async <T,>(text: string, params?: unknown[]) => (await runner.query<T>(text, params as unknown[] | undefined)).rows;
  return {
    kind: 'pglite',
    query: q(client),
    exec: async (text) => { await client.exec(text); },
    transaction: (fn) => client.transaction((tx) => fn({ query: q(tx) })),
    orm,
    close: () => client.close(),
  };
}

async function openPg(url: string, max: number, connectionTimeoutMillis: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis });
  // An idle client losing its connection (database restarted) must not crash the process.
  pool.on('error', () => {});
  const orm = drizzlePg({ client: pool, schema });
  const q = (runner: pg.Pool | pg.PoolClient): Queryable['query'] =>
    async <T,>(text: string, params?: unknown[]) => (await runner.query(text, params)).rows as T[];
  return {
    kind: 'pg',
    query: q(pool),
    exec: async (text) => { await pool.query(text); },
    transaction: async (fn) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const r = await fn({ query: q(c) });
        await c.query('COMMIT');
        return r;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    orm,
    close: () => pool.end(),
  };
}
