/**
 * npm run bench — figures for tests/bench/RESULTS.md:
 *  - redirect req/s, p50/p99 of the earshot tracker (hits recorded) against a bare node:http
 *    server answering the same 302, in the same run, same load generator (ratio);
 *  - latency at a fixed 1,000 req/s;
 *  - lost hits (requests answered 302 minus hits stored after a SIGTERM);
 *  - batched insert throughput into PGlite and PostgreSQL.
 * PostgreSQL parts run when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { closedLoop, fixedRate, hasWrk, wrkLoop, type LoadResult } from './load';
import { openDb, type Db } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { insertHitBatch } from '../../lib/tracker/insert-hit-batch';
import { AttributionIndex } from '../../lib/tracker/attribution-index';
import type { HitRecord } from '../../lib/tracker/hit-record';
import { createEmptyPgDatabase } from '../helpers/test-db';
import { insertShow } from '../helpers/fixtures';
import { countingBench } from './counting';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const WRK = hasWrk();
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s
/** CPU seconds (user + system) a process has used so far. */
function cpuOf(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}
const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  process.stdout.write(line + '\n');
};

async function startChild(script: string, env: Record<string, string>): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (d) => {
      buf += d;
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (c) => reject(new Error(`${script} exited ${c}`)));
  });
  return { proc, port };
}

const stop = (proc: ChildProcess) => new Promise<void>((r) => { proc.on('exit', () => r()); proc.kill('SIGTERM'); });
const fmt = (r: LoadResult) => `${Math.round(r.rps).toLocaleString('en-US')} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.requests} requests, ${r.errors} errors)`;

async function seedShow(db: Db) {
  await migrateDb(db);
  await insertShow(db, 'bench', Array.from({ length: 8 }, (_, i) => `https://media.example.com/show/ep${i}.mp3`));
}

async function trackerRun(label: string, env: Record<string, string>, open: () => Promise<Db>) {
  const bare = await startChild('tests/bench/bare-server.ts', {});
  const ear = await startChild('tests/bench/tracker-server.ts', env);
  const settle = () => new Promise((r) => setTimeout(r, 2500)); // let the writer drain what the last phase queued
  await closedLoop(bare.port, 4, 1);
  const warm = await closedLoop(ear.port, 4, 1);
  await settle();
  // Latency at a fixed rate first, on quiet servers; then the maximum throughput.
  const bf = await fixedRate(bare.port, 1000, SECONDS);
  const ef = await fixedRate(ear.port, 1000, SECONDS);
  await settle();
  const max = (port: number) => (WRK ? Promise.resolve(wrkLoop(port, CONNECTIONS, SECONDS)) : closedLoop(port, CONNECTIONS, SECONDS));
  const cpu0 = [cpuOf(bare.proc.pid!), cpuOf(ear.proc.pid!)];
  const b = await max(bare.port);
  const cpu1 = [cpuOf(bare.proc.pid!), cpuOf(ear.proc.pid!)];
  const e = await max(ear.port);
  const cpu2 = [cpuOf(bare.proc.pid!), cpuOf(ear.proc.pid!)];
  // Server CPU (all threads) per answered request during its own max-throughput phase.
  const usBare = ((cpu1[0]! - cpu0[0]!) / b.requests) * 1e6;
  const usEar = ((cpu2[1]! - cpu1[1]!) / e.requests) * 1e6;
  await stop(bare.proc);
  await stop(ear.proc);
  const db = await open();
  const [row] = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM hits) + (SELECT count(*) FROM pending_hits) AS n');
  await db.close();
  const answered = warm.ok302 + e.ok302 + ef.ok302;
  say(`### Redirects — earshot on ${label}`);
  say();
  say(`| server | max throughput (${CONNECTIONS} keep-alive connections, ${SECONDS} s) | at a fixed 1,000 req/s (${SECONDS} s) |`);
  say('|---|---|---|');
  say(`| bare node:http 302 | ${fmt(b)} | p50 ${bf.p50.toFixed(2)} ms, p99 ${bf.p99.toFixed(2)} ms |`);
  say(`| earshot tracker (hits recorded) | ${fmt(e)} | p50 ${ef.p50.toFixed(2)} ms, p99 ${ef.p99.toFixed(2)} ms |`);
  say();
  say(`- ratio earshot / bare: **${(e.rps / b.rps).toFixed(2)}×** (target ≥ 0.6×)`);
  say(`- server CPU per request (all threads of the server process; the database server not included): bare ${usBare.toFixed(0)} µs, earshot ${usEar.toFixed(0)} µs`);
  say(`- p99 at 1,000 req/s: **${ef.p99.toFixed(2)} ms** (target ≤ 5 ms)`);
  const stored = Number(row!.n);
  // wrk stops with requests in flight: the server answered and stored them, wrk did not count them.
  say(`- lost hits: answered 302 (counted by the clients) ${answered}, stored ${stored} → **${Math.max(0, answered - stored)} lost** (target 0)${stored > answered ? `; ${stored - answered} requests were in flight when wrk stopped` : ''}`);
  say();
}

function records(n: number): HitRecord[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(), ts: now - (i % 86_400) * 1000, source: 'tracker', method: 'GET',
    target: `https://media.example.com/show/ep${i % 8}.mp3`, urlKey: `media.example.com/show/ep${i % 8}.mp3`,
    rangeHeader: i % 3 ? null : 'bytes=0-', referer: null, podcastGuid: null,
    listenerHash: randomUUID().replace(/-/g, '').repeat(2), country: 'DE', region: 'DE-BE', uaType: 'app', app: 'Overcast',
    device: 'Apple iPhone', deviceCategory: 'mobile', os: 'iOS', browser: null, webPlayer: null, isBot: false, status: 302, bytes: null,
  }));
}

async function insertRun(label: string, db: Db, total: number, batch: number, writers: number) {
  const index = new AttributionIndex();
  await index.refresh(db, true);
  const all = records(total);
  await insertHitBatch(db, index, all.slice(0, 1000)); // warm-up (partitions, plans)
  const rest = all.slice(1000);
  const chunks: HitRecord[][] = [];
  for (let i = 0; i < rest.length; i += batch) chunks.push(rest.slice(i, i + batch));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: writers }, async () => {
    while (next < chunks.length) await insertHitBatch(db, index, chunks[next++]!);
  }));
  const s = (performance.now() - t0) / 1000;
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM hits');
  say(`| ${label} | ${rest.length.toLocaleString('en-US')} | ${batch.toLocaleString('en-US')} × ${writers} | ${s.toFixed(2)} s | **${Math.round(rest.length / s).toLocaleString('en-US')} hits/s** | ${Number(row!.n) === total ? 'all stored' : `MISMATCH ${row!.n}`} |`);
}

async function main() {
  say(`# earshot benchmark`);
  say();
  say(`Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`);
  say(`Load generator: ${WRK ? 'wrk (1 thread) for maximum throughput' : 'Node http keep-alive clients (install wrk for a lighter generator)'}; Node http clients for the fixed 1,000 req/s. Servers in their own processes; everything shares the machine's cores.`);
  say();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-bench-'));
  const pre = await openDb({ dataDir });
  await seedShow(pre);
  await pre.close();
  await trackerRun('PGlite (embedded)', { EARSHOT_DATA_DIR: dataDir }, () => openDb({ dataDir }));

  let pg: Awaited<ReturnType<typeof createEmptyPgDatabase>> | null = null;
  if (PG_URL) {
    process.env.TEST_DATABASE_URL = PG_URL;
    pg = await createEmptyPgDatabase();
    const pre2 = await openDb({ databaseUrl: pg.url });
    await seedShow(pre2);
    await pre2.close();
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-bench-'));
    await trackerRun('PostgreSQL 15', { EARSHOT_DATA_DIR: dir2, DATABASE_URL: pg.url, EARSHOT_SECRET: 'b'.repeat(40) }, () => openDb({ databaseUrl: pg!.url }));
  }

  say('### Batched insert (COPY; INSERT … ON CONFLICT DO NOTHING when a batch is retried)');
  say();
  say('| database | hits | batch × writers | time | throughput | check |');
  say('|---|---|---|---|---|---|');
  const lite = await openDb({ dataDir: null });
  await seedShow(lite);
  await insertRun('PGlite (in memory)', lite, 201_000, 10_000, 1);
  await lite.close();
  if (pg) {
    for (const writers of [1, 2, 3]) {
      const fresh = await createEmptyPgDatabase();
      const db = await openDb({ databaseUrl: fresh.url });
      await seedShow(db);
      await insertRun(`PostgreSQL 15`, db, 1_001_000, 10_000, writers);
      await db.close();
      await fresh.drop();
    }
    const cdb = await createEmptyPgDatabase();
    const db = await openDb({ databaseUrl: cdb.url });
    await migrateDb(db);
    await countingBench(db, say, Number(process.env.BENCH_COUNT_HITS ?? 1_000_000), cdb.url);
    await db.close();
    await cdb.drop();
    await pg.drop();
  } else {
    say('| PostgreSQL | — | — | — | skipped: set TEST_DATABASE_URL | — |');
  }
  say();
  fs.writeFileSync(path.join(import.meta.dirname, 'RESULTS.md'), out.join('\n') + '\n');
  process.stdout.write('\nwritten to tests/bench/RESULTS.md\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
