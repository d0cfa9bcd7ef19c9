import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { backends, createTestDb, type TestDb } from '../helpers/test-db';
import { startTestTracker, waitFor, countRows } from '../helpers/test-server';
import { startTcpProxy } from '../helpers/tcp-proxy';
import { insertShow } from '../helpers/fixtures';
import { openDb, type Db } from '../../db/client';
import { getHealth } from '../../lib/runtime/get-health';

/** For PGlite (in-process, cannot be stopped): a seam that fails every query while `down`. */
function faultyDb(inner: Db): Db & { down: boolean } {
  const wrapper = {
    down: false,
    kind: inner.kind,
    query: (text: string, params?: unknown[]) => {
      if (wrapper.down) return Promise.reject(new Error('connect ECONNREFUSED (simulated outage)'));
      return inner.query(text, params);
    },
    exec: (text: string) => (wrapper.down ? Promise.reject(new Error('connect ECONNREFUSED')) : inner.exec(text)),
    copyFrom: (sql: string, data: string) => (wrapper.down ? Promise.reject(new Error('connect ECONNREFUSED')) : inner.copyFrom(sql, data)),
    transaction: inner.transaction.bind(inner),
    close: () => inner.close(),
  };
  return wrapper as Db & { down: boolean };
}

async function fire(base: string, n: number, offset: number) {
  const lat: number[] = [];
  const statuses = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t0 = performance.now();
      const r = await fetch(`${base}/e/media.example.com/show/ep1.mp3?n=${offset + i}`, { redirect: 'manual', headers: { 'user-agent': `App/${i}` } });
      lat.push(performance.now() - t0);
      return r.status;
    }),
  );
  return { statuses, maxMs: Math.max(...lat) };
}

describe.each(backends())('database outage on %s', (backend) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it('keeps answering 302 while the database refuses connections for 10 s, spills past the memory bound, and stores every hit after', async () => {
    const t: TestDb = await createTestDb(backend);
    cleanups.push(() => t.drop());
    await insertShow(t.db, 'show', ['https://media.example.com/show/ep1.mp3']);

    let db: Db;
    let goDown: () => Promise<void>;
    let goUp: () => Promise<void>;
    if (backend === 'pg') {
      const u = new URL(t.url!);
      const proxy = await startTcpProxy(u.hostname, Number(u.port || 5432));
      cleanups.push(() => proxy.close());
      u.hostname = '127.0.0.1';
      u.port = String(proxy.port);
      db = await openDb({ databaseUrl: u.toString(), connectTimeoutMs: 1000 });
      cleanups.push(() => db.close());
      goDown = () => proxy.down();
      goUp = () => proxy.up();
    } else {
      const f = faultyDb(t.db);
      db = f;
      goDown = async () => void (f.down = true);
      goUp = async () => void (f.down = false);
    }
    const s = await startTestTracker(db, { EARSHOT_QUEUE_MAX: '150', EARSHOT_BATCH_ROWS: '50' });
    cleanups.push(() => s.close());

    const warm = await fire(s.base, 20, 0);
    expect(warm.statuses.every((c) => c === 302)).toBe(true);
    await waitFor(async () => (await countRows(t.db, 'hits')) === 20, 10_000, 'warm-up hits');

    await goDown();
    const downAt = Date.now();
    let sent = 20;
    let maxMs = 0;
    let health = await getHealth(s.rt);
    expect(health.ok).toBe(false);
    while (Date.now() - downAt < 10_000) {
      const r = await fire(s.base, 50, sent);
      expect(r.statuses.every((c) => c === 302)).toBe(true);
      maxMs = Math.max(maxMs, r.maxMs);
      sent += 50;
      await new Promise((res) => setTimeout(res, 250));
    }
    const during = s.rt.writer.stats();
    expect(during.databaseUp).toBe(false);
    expect(during.spooled).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(s.dataDir, 'spool')).length).toBeGreaterThan(0);
    console.log(`${backend}: ${sent - 20} requests during a 10 s outage, slowest answer ${maxMs.toFixed(1)} ms, ${during.spooled} spooled, ${during.queued} in memory`);
    // The answer never waits for the database: no request took anywhere near a connect timeout.
    expect(maxMs).toBeLessThan(1000);

    await goUp();
    await waitFor(async () => (await countRows(t.db, 'hits')) === sent, 60_000, `all ${sent} hits after the outage`);
    await waitFor(() => s.rt.writer.stats().spooled === 0, 10_000, 'spool drained');
    health = await getHealth(s.rt);
    expect(health).toMatchObject({ ok: true, queue: { queued: 0, spooled: 0 } });
    const [dups] = await t.db.query<{ n: number }>('SELECT count(*)::int - count(DISTINCT id)::int AS n FROM hits');
    expect(Number(dups!.n)).toBe(0);
  });

  it('replays a spool left by an earlier process at start', async () => {
    const t = await createTestDb(backend);
    cleanups.push(() => t.drop());
    await insertShow(t.db, 'show', ['https://media.example.com/show/ep1.mp3']);
    const first = await startTestTracker(t.db);
    // Simulate a process that could not reach its database at shutdown: everything goes to the spool.
    const f = faultyDb(t.db);
    f.down = true;
    const offline = await startTestTracker(f, { EARSHOT_DATA_DIR: first.dataDir });
    await first.close();
    const r = await fire(offline.base, 30, 0);
    expect(r.statuses.every((c) => c === 302)).toBe(true);
    await offline.close();
    expect(await countRows(t.db, 'hits')).toBe(0);
    const again = await startTestTracker(t.db, { EARSHOT_DATA_DIR: first.dataDir });
    cleanups.push(() => again.close());
    await waitFor(async () => (await countRows(t.db, 'hits')) === 30, 10_000, 'replayed hits');
    expect(fs.readdirSync(path.join(first.dataDir, 'spool'))).toEqual([]);
  });
});
