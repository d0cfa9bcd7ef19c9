import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/test-db';
import { startTestTracker, waitFor, countRows, type TestTracker } from '../helpers/test-server';
import { insertShow } from '../helpers/fixtures';
import { insertHitBatch } from '../../lib/tracker/insert-hit-batch';
import { HashKeyStore } from '../../lib/tracker/hash-key-store';
import type { HitRecord } from '../../lib/tracker/hit-record';

const GUID = '917393e3-1b1e-5cef-ace4-edaa54e1f810';
const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => fetch(url, { method, headers, redirect: 'manual' });

describe.each(backends())('tracker on %s', (backend) => {
  let t: TestDb;
  let s: TestTracker;
  let show: { showId: number; episodeIds: number[] };
  let other: { showId: number; episodeIds: number[] };

  beforeAll(async () => {
    t = await createTestDb(backend);
    show = await insertShow(t.db, 'netstack', ['https://media.example.com/netstack/ep8.mp3', 'https://media.example.com/netstack/ep9.mp3'], GUID);
    other = await insertShow(t.db, 'other', ['https://cdn.other.example/audio/ep1']);
    s = await startTestTracker(t.db, { EARSHOT_TRUST_PROXY: '1', EARSHOT_ALLOWED_HOSTS: 'allowed.example.net' });
  });
  afterAll(async () => {
    await s?.close();
    await t?.drop();
  });

  it('answers 302 with the SPEC headers and an empty body, for every method', async () => {
    for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS', 'DELETE']) {
      const r = await get(`${s.base}/e/media.example.com/netstack/ep8.mp3?a=1`, {}, method);
      expect(r.status, method).toBe(302);
      expect(r.headers.get('location')).toBe('https://media.example.com/netstack/ep8.mp3?a=1');
      expect(r.headers.get('cache-control')).toBe('private, no-cache');
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(await r.text()).toBe('');
    }
  });

  it('403s web pages on unknown hosts; redirects known enclosure hosts and allowed hosts without a media extension', async () => {
    const page = await get(`${s.base}/e/evil.example.org/login.html`);
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(/media/);
    expect((await get(`${s.base}/e/cdn.other.example/audio/ep1`)).status).toBe(302);
    expect((await get(`${s.base}/e/allowed.example.net/stream?id=1`)).status).toBe(302);
    expect((await get(`${s.base}/e/dts.podtrac.com/redirect.mp3/cdn.other.example/audio/ep1`)).status).toBe(302);
    expect((await get(`${s.base}/e/dts.podtrac.com/redirect.mp3/evil.example.org/page`)).status).toBe(403);
    const bad = await get(`${s.base}/e/localhost/ep.mp3`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/localhost/);
  });

  it('records N concurrent requests as N hits, attributed to the right episode', async () => {
    await s.rt.writer.flush(true);
    const before = (await countRows(t.db, 'hits')) + (await countRows(t.db, 'pending_hits'));
    const N = 400;
    const urls = [
      '/e/media.example.com/netstack/ep8.mp3',
      '/e/https://media.example.com/netstack/ep9.mp3?x=1',
      `/e,pg=${GUID}/http:/media.example.com/netstack/ep8.mp3`,
      '/e/dts.podtrac.com/redirect.mp3/chrt.fm/track/X1/media.example.com/netstack/ep9.mp3',
      '/e/unknown.example.com/other/file.mp3',
    ];
    const res = await Promise.all(
      Array.from({ length: N }, (_, i) => get(`${s.base}${urls[i % urls.length]}`, { 'user-agent': `Overcast/3.0 (+http://overcast.fm/; iOS podcast app) n${i % 7}` })),
    );
    expect(res.every((r) => r.status === 302)).toBe(true);
    await waitFor(async () => (await countRows(t.db, 'hits')) + (await countRows(t.db, 'pending_hits')) - before === N, 20_000, 'all hits');
    const per = await t.db.query<{ episode_id: number; n: number }>(
      'SELECT episode_id, count(*)::int AS n FROM hits WHERE show_id = $1 GROUP BY 1 ORDER BY 1', [show.showId],
    );
    const [e8, e9] = show.episodeIds;
    const byEp = Object.fromEntries(per.map((r) => [Number(r.episode_id), Number(r.n)]));
    expect(byEp[e8!]).toBeGreaterThanOrEqual((N / 5) * 2);
    expect(byEp[e9!]).toBeGreaterThanOrEqual((N / 5) * 2);
    const [pending] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pending_hits WHERE url_key = 'unknown.example.com/other/file.mp3'");
    expect(Number(pending!.n)).toBe(N / 5);
    expect(other.showId).toBeGreaterThan(0);
  });

  it('stores what SPEC §2 lists: time, method, target, range, referer, guid, hash, geo, classification', async () => {
    await get(`${s.base}/e,pg=${GUID}/media.example.com/netstack/ep8.mp3?token=secret`, {
      'user-agent': 'Spotify/8.8.0 Android/33 (SM-G991B)',
      'x-forwarded-for': '10.9.9.9, 8.8.8.8',
      range: 'bytes=0-1',
      referer: 'https://open.spotify.com/',
    });
    await s.rt.writer.flush(true);
    const rows = await t.db.query<Record<string, unknown>>(
      "SELECT method, target, range_header, referer, podcast_guid, length(listener_hash) AS hl, country, region, app, ua_type, os, device_category, is_bot, source FROM hits WHERE range_header = 'bytes=0-1'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      method: 'GET', target: 'https://media.example.com/netstack/ep8.mp3', range_header: 'bytes=0-1', referer: 'https://open.spotify.com/',
      podcast_guid: GUID, hl: 32, country: 'US', region: 'US-CA', app: 'Spotify', ua_type: 'app', os: 'Android',
      device_category: 'mobile', is_bot: false, source: 'tracker',
    });
  });

  it('gives the same listener the same hash within a month, and a different one for another address', async () => {
    const ua = { 'user-agent': 'PocketCasts/1.0 (Pocket Casts; +https://pocketcasts.com/)' };
    for (const ip of ['198.51.100.20', '198.51.100.20', '198.51.100.21']) {
      await get(`${s.base}/e/media.example.com/netstack/ep9.mp3`, { ...ua, 'x-forwarded-for': ip, range: `bytes=${ip}-` });
    }
    await s.rt.writer.flush(true);
    const rows = await t.db.query<{ h: string; r: string }>(
      "SELECT encode(listener_hash, 'hex') AS h, range_header AS r FROM hits WHERE range_header LIKE 'bytes=198.51.100.%' ORDER BY received_at",
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]!.h).toBe(rows[1]!.h);
    expect(rows[2]!.h).not.toBe(rows[0]!.h);
  });

  it('creates month partitions on demand for hits in other months', async () => {
    const rec = (ts: number): HitRecord => ({
      id: crypto.randomUUID(), ts, source: 'import-prefix', method: 'GET', target: 'https://media.example.com/netstack/ep8.mp3',
      urlKey: 'media.example.com/netstack/ep8.mp3', rangeHeader: null, referer: null, podcastGuid: null, listenerHash: null,
      country: 'ZZ', region: '', uaType: 'app', app: 'X', device: null, deviceCategory: null, os: null, browser: null,
      webPlayer: null, isBot: false, status: 200, bytes: null,
    });
    const batch = [rec(Date.UTC(2025, 2, 15)), rec(Date.UTC(2024, 11, 31, 23, 59, 59))];
    expect(await insertHitBatch(t.db, s.rt.index, batch)).toEqual({ hits: 2, pending: 0 });
    expect(await insertHitBatch(t.db, s.rt.index, batch)).toEqual({ hits: 2, pending: 0 });
    const parts = await t.db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE tablename LIKE 'hits_%' ORDER BY 1");
    expect(parts.map((p) => p.tablename)).toEqual(expect.arrayContaining(['hits_2024_12', 'hits_2025_01', 'hits_2025_03', 'hits_2025_04']));
    const [n] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM hits WHERE source = 'import-prefix'");
    expect(Number(n!.n)).toBe(2);
  });

  it('keeps month keys and destroys them once the next month is 3 days old', async () => {
    const keys = new HashKeyStore();
    await keys.load(t.db, new Date(Date.UTC(2025, 0, 20)));
    const jan = Buffer.from(keys.keyFor('2025-01'));
    const again = new HashKeyStore();
    expect((await again.ensure(t.db, '2025-01'))!.equals(jan)).toBe(true);
    expect(await again.destroyExpired(t.db, new Date(Date.UTC(2025, 1, 3, 23)), 3)).not.toContain('2025-01');
    expect(await again.destroyExpired(t.db, new Date(Date.UTC(2025, 1, 4, 0, 0, 1)), 3)).toContain('2025-01');
    const [row] = await t.db.query<{ key: unknown; destroyed: boolean }>("SELECT key, destroyed_at IS NOT NULL AS destroyed FROM hash_keys WHERE month = '2025-01'");
    expect(row).toMatchObject({ key: null, destroyed: true });
    expect(await new HashKeyStore().ensure(t.db, '2025-01')).toBeNull();
  });
});
