import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { backends, createEmptyPgDatabase } from '../helpers/test-db';
import { spawnServer, ROOT } from '../helpers/spawn-server';
import { openDb, type Db } from '../../db/client';
import { insertShow } from '../helpers/fixtures';

const SECRET = 'x'.repeat(40);
const KNOWN_IPS = ['203.0.113.77', '198.51.100.123', '8.8.4.4', '81.2.69.160', '2001:db8:abcd:12::77'];
const IP_NEEDLES = [...KNOWN_IPS, '2001:db8:abcd:12', '2001:0db8:abcd:0012'];

type Setup = { env: Record<string, string>; dataDir: string; open: () => Promise<Db>; cleanup: () => Promise<void> };

async function setup(backend: 'pglite' | 'pg'): Promise<Setup> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-proc-'));
  if (backend === 'pglite') {
    return { env: { EARSHOT_DATA_DIR: dataDir }, dataDir, open: () => openDb({ dataDir }), cleanup: async () => {} };
  }
  const pg = await createEmptyPgDatabase();
  return {
    env: { EARSHOT_DATA_DIR: dataDir, DATABASE_URL: pg.url, EARSHOT_SECRET: SECRET },
    dataDir,
    open: () => openDb({ databaseUrl: pg.url }),
    cleanup: pg.drop,
  };
}

/** Every row of every table (partitions included through their parent), as text. */
async function dumpAllTables(db: Db): Promise<string> {
  const tables = await db.query<{ s: string; t: string }>(
    "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle') AND table_type = 'BASE TABLE'",
  );
  let text = '';
  for (const { s, t } of tables) {
    const rows = await db.query<{ r: string }>(`SELECT x::text AS r FROM "${s}"."${t}" AS x`);
    text += rows.map((r) => r.r).join('\n');
  }
  return text;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.each(backends())('the real server process on %s', (backend) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it('never writes the client IP: not in any table, the server log, or any file in the data dir', async () => {
    const st = await setup(backend);
    cleanups.push(st.cleanup);
    // Register a show first (through a short-lived connection) so some hits are attributed.
    const pre = await st.open();
    const { migrateDb } = await import('../../db/migrate');
    await migrateDb(pre);
    await insertShow(pre, 'p', ['https://media.example.com/p/ep1.mp3']);
    await pre.close();

    const srv = await spawnServer({ ...st.env, EARSHOT_TRUST_PROXY: '1' });
    cleanups.push(async () => void (await srv.stop('SIGKILL')));
    const health = await fetch(`${srv.base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: { up: true } });

    for (const ip of KNOWN_IPS) {
      for (const target of ['media.example.com/p/ep1.mp3', 'unknown.example.com/x.mp3', 'localhost/bad.mp3', 'evil.example.org/page']) {
        await fetch(`${srv.base}/e/${target}`, { redirect: 'manual', headers: { 'x-forwarded-for': ip, 'user-agent': 'Overcast/3.0 (+http://overcast.fm/)' } });
      }
    }
    // A malformed request, too.
    await fetch(`${srv.base}/e/media.example.com/p/ep1.mp3`, { redirect: 'manual', headers: { 'x-forwarded-for': `${KNOWN_IPS[0]}, garbage` } });
    expect(await srv.stop()).toBe(0);

    const db = await st.open();
    const dump = await dumpAllTables(db);
    const [{ n }] = (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM hits) + (SELECT count(*) FROM pending_hits) AS n')) as [{ n: number }];
    await db.close();
    expect(Number(n)).toBe(KNOWN_IPS.length * 2 + 1);
    expect(dump.length).toBeGreaterThan(1000);
    const log = srv.output();
    for (const needle of IP_NEEDLES) {
      expect(dump.includes(needle), `table contents contain ${needle}`).toBe(false);
      expect(log.includes(needle), `server log contains ${needle}`).toBe(false);
    }
    // Every byte in the data dir (PGlite's files and WAL, the spool, the secret): no address.
    for (const file of filesUnder(st.dataDir)) {
      const bytes = fs.readFileSync(file);
      for (const needle of IP_NEEDLES) expect(bytes.includes(Buffer.from(needle)), `${file} contains ${needle}`).toBe(false);
    }
  });

  it('on SIGTERM under load stops accepting, stores every request that got its 302, and exits 0', async () => {
    const st = await setup(backend);
    cleanups.push(st.cleanup);
    const srv = await spawnServer(st.env);
    cleanups.push(async () => void (await srv.stop('SIGKILL')));
    let ok302 = 0;
    let failed = 0;
    let stopAt = Infinity;
    const worker = async (w: number) => {
      for (let i = 0; Date.now() < stopAt; i++) {
        try {
          const r = await fetch(`${srv.base}/e/media.example.com/load/ep${w}.mp3?i=${i}`, { redirect: 'manual', headers: { 'user-agent': `Load/${w}` } });
          if (r.status === 302) ok302++;
          else failed++;
        } catch {
          failed++;
          if (srv.proc.exitCode !== null) return;
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    // Under load: wait until a fair number of redirects went through (the machine may be busy), then SIGTERM.
    for (let waited = 0; ok302 < 300 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    srv.proc.kill('SIGTERM');
    const code = await srv.exited;
    stopAt = Date.now();
    await Promise.all(workers);
    expect(code).toBe(0);
    expect(ok302).toBeGreaterThan(100);
    expect(srv.output()).toMatch(/SIGTERM/);

    const db = await st.open();
    const [row] = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM hits) + (SELECT count(*) FROM pending_hits) AS n');
    await db.close();
    const spool = fs.existsSync(path.join(st.dataDir, 'spool')) ? fs.readdirSync(path.join(st.dataDir, 'spool')) : [];
    console.log(`${backend}: ${ok302} redirects before and during SIGTERM, ${failed} refused after; stored ${row!.n}; spool files ${spool.length}`);
    expect(spool).toEqual([]);
    expect(Number(row!.n)).toBe(ok302);
  });

  it.runIf(backend === 'pglite')('a CLI command that needs the embedded database while the server holds it says so and exits 2', async () => {
    const st = await setup('pglite');
    const srv = await spawnServer(st.env);
    cleanups.push(async () => void (await srv.stop('SIGKILL')));
    const r = spawnSync(process.execPath, ['bin/earshot.js', 'migrate'], { cwd: ROOT, env: { ...process.env, ...st.env }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/in use by the earshot server \(pid \d+\)/);
    // The server is untouched and still answers.
    expect((await fetch(`${srv.base}/e/media.example.com/x.mp3`, { redirect: 'manual' })).status).toBe(302);
    expect(await srv.stop()).toBe(0);
    const ok = spawnSync(process.execPath, ['bin/earshot.js', 'migrate'], { cwd: ROOT, env: { ...process.env, ...st.env }, encoding: 'utf8' });
    expect(ok.status).toBe(0);
  });
});
