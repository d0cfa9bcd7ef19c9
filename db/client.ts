/**
 * The one database seam: PGlite (embedded, EARSHOT_DATA_DIR; run in its own worker thread)
 * or pg (DATABASE_URL) behind the same interface, so every query runs unchanged on both.
 */
import path from 'node:path';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Parameterised query ($1, $2 …); rows come back as plain objects. */
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'pg';
  /** Several statements, no parameters (DDL). */
  exec(text: string): Promise<void>;
  /** `COPY <table> (…) FROM STDIN` with text-format data. */
  copyFrom(copySql: string, data: string): Promise<void>;
  /** Runs `fn` in one transaction; use the `tx` it is given for every query inside. */
  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

export type OpenDbOptions =
  | { databaseUrl: string; poolSize?: number; connectTimeoutMs?: number }
  | { dataDir: string | null /* null = in memory */ };

/** A database error with the SQLSTATE code when there is one. */
export class DbError extends Error {
  override name = 'DbError';
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

// Postgres returns int8 as a string by default; counts and ids in this project fit in a double.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** Opens the database named by the options. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if ('databaseUrl' in opts) return openPg(opts.databaseUrl, opts.poolSize ?? 10, opts.connectTimeoutMs ?? 5000);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir: string | null): Promise<Db> {
  let dir: string | null = null;
  if (dataDir) {
    dir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
  }
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dir } });
  const waiting = new Map<number, { resolve: (rows: Row[]) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let dead: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
  });
  worker.on('message', (m: { id: number; rows?: Row[]; error?: { message: string; code?: string } }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new DbError(m.error.message, m.error.code));
    else w.resolve(m.rows ?? []);
  });
  const fail = (err: Error) => {
    dead = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new DbError('the embedded database has stopped')));
  const send = (msg: Record<string, unknown>) =>
    new Promise<Row[]>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = ++seq;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id });
    });

  // One connection: transactions take turns with everything else.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T,>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn);
    chain = p.catch(() => {});
    return p;
  };
  const direct: Queryable = { query: async <T,>(text: string, params?: unknown[]) => (await send({ op: 'query', text, params })) as T[] };

  return {
    kind: 'pglite',
    query: (text, params) => serial(() => direct.query(text, params)),
    exec: (text) => serial(async () => void (await send({ op: 'exec', text }))),
    copyFrom: (copySql, data) =>
      serial(async () => void (await send({ op: 'copy', text: copySql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'"), data }))),
    transaction: (fn) =>
      serial(async () => {
        await direct.query('BEGIN');
        try {
          const r = await fn(direct);
          await direct.query('COMMIT');
          return r;
        } catch (err) {
          await direct.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }),
    close: () =>
      serial(async () => {
        if (!dead) await send({ op: 'close' }).catch(() => {});
        await worker.terminate();
      }),
  };
}

async function openPg(url: string, max: number, connectionTimeoutMillis: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis });
  // An idle client losing its connection (database restarted) must not crash the process.
  pool.on('error', () => {});
  const q = (runner: pg.Pool | pg.PoolClient): Queryable['query'] =>
    async <T,>(text: string, params?: unknown[]) => (await runner.query(text, params)).rows as T[];
  return {
    kind: 'pg',
    query: q(pool),
    exec: async (text) => void (await pool.query(text)),
    copyFrom: async (copySql, data) => {
      const c = await pool.connect();
      try {
        await pipeline(Readable.from([data]), c.query(copyFromStream(copySql)));
      } finally {
        c.release();
      }
    },
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
    close: () => pool.end(),
  };
}
