import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { backends, createTestDb, type TestDb } from '../helpers/test-db';
import { startTestTracker, countRows, type TestTracker } from '../helpers/test-server';
import { startFeedServer } from '../helpers/feed-server';
import { loadFeedSource } from '../../lib/feeds/load-feed-source';
import { addShow } from '../../lib/feeds/add-show';
import { refreshFeeds } from '../../lib/feeds/refresh-feeds';
import { FeedError } from '../../lib/feeds/parse-feed';

const DEMO = path.join(import.meta.dirname, '..', '..', 'lib', 'feeds', 'demo', 'netstack-fm.xml');
const PG_GUID = '5f4c7e0a-6a0b-5c1e-9d8e-1b2f3a4c5d6e';
const EP = (n: number, slug: string) => `media.netstack.example/episodes/netstack-fm-ep${String(n).padStart(2, '0')}-${slug}.mp3`;

function feed(title: string, items: Array<{ guid: string; url: string }>): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items
    .map((i) => `<item><title>${i.guid}</title><guid>${i.guid}</guid><enclosure url="${i.url}" type="audio/mpeg"/></item>`)
    .join('')}</channel></rss>`;
}

describe.each(backends())('shows, feeds and attribution on %s', (backend) => {
  let t: TestDb;
  let s: TestTracker;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  const hit = (target: string, ua = 'Overcast/3.0 (+http://overcast.fm/)') =>
    fetch(`${s.base}/e/${target}`, { redirect: 'manual', headers: { 'user-agent': ua } }).then((r) => r.status);
  const episodeOfLastHits = async (n: number) =>
    (await t.db.query<{ title: string }>('SELECT e.title FROM hits h JOIN episodes e ON e.show_id = h.show_id AND e.id = h.episode_id ORDER BY h.received_at DESC, h.ts DESC LIMIT $1', [n])).map((r) => r.title);

  beforeAll(async () => {
    t = await createTestDb(backend);
    s = await startTestTracker(t.db, { EARSHOT_PUBLIC_URL: 'https://stats.example.com' });
    feeds = await startFeedServer({
      '/moving.xml': { body: feed('Moving Show', [{ guid: 'm1', url: 'https://old-host.example/audio/m1.mp3' }]), etag: '"a"' },
      '/late.xml': { body: feed('Late Show', [{ guid: 'l1', url: 'https://late.example/files/l1' }]) },
      '/broken.xml': { body: feed('Breaks Later', [{ guid: 'b1', url: 'https://b.example/b1.mp3' }]) },
    });
  });
  afterAll(async () => {
    await s?.close();
    await feeds?.close();
    await t?.drop();
  });

  it('registers the netstack.fm demo feed and attributes every SPEC target form, with and without chains', async () => {
    const added = await addShow(t.db, await loadFeedSource(DEMO), { selfHosts: s.config.selfHosts });
    expect(added).toMatchObject({ slug: 'netstack-fm', episodes: 8 });
    await s.rt.index.refresh(t.db, true);
    const ep15 = EP(15, 'pingora-cloudflare');
    const forms = [
      ep15, `https://${ep15}`, `http://${ep15}`, `https:/${ep15}`, `http:/${ep15}`, `${ep15}?utm_source=x`,
      `dts.podtrac.com/redirect.mp3/${ep15}`, `https://chrt.fm/track/ABC/dts.podtrac.com/redirect.mp3/https://${ep15}?x=1`,
      `pdst.fm/e/op3.dev/e,pg=${PG_GUID}/${ep15}`, `MEDIA.NETSTACK.EXAMPLE/episodes/netstack-fm-ep15-pingora-cloudflare.mp3`,
    ];
    for (const f of forms) expect(await hit(f), f).toBe(302);
    const withGuid = await fetch(`${s.base}/e,pg=${PG_GUID}/${EP(8, 'fuchsia-netstack3')}`, { redirect: 'manual' });
    expect(withGuid.status).toBe(302);
    await s.rt.writer.flush(true);
    const titles = await episodeOfLastHits(forms.length + 1);
    expect(titles.filter((x) => x === 'Pingora at Cloudflare')).toHaveLength(forms.length);
    expect(titles).toContain("Fuchsia's Netstack3: a networking stack in Rust");
    expect(await countRows(t.db, 'pending_hits')).toBe(0);
  });

  it('registers a real-world-shaped feed (relative, http, chained and already-prefixed enclosures) and attributes them', async () => {
    const src = await loadFeedSource(path.join(import.meta.dirname, '..', 'fixtures', 'feeds', 'odd.xml'));
    // A file has no URL of its own here: relative enclosures cannot resolve and are skipped.
    const added = await addShow(t.db, src, { selfHosts: s.config.selfHosts });
    expect(added).toMatchObject({ slug: 'odd-amp-ends-a-b-show-b', episodes: 5 });
    await s.rt.index.refresh(t.db, true);
    for (const target of [
      'cdn.odd.example/ep2.m4a?token=abc',
      'http://cdn.odd.example/ep2.m4a',
      'cdn.odd.example/ep3.mp3',
      'dts.podtrac.com/redirect.mp3/chrt.fm/track/ABC/cdn.odd.example/ep3.mp3',
      'stats.example.com/e/cdn.odd.example/ep4.mp3',
      'cdn.odd.example/ep4.mp3',
    ]) expect(await hit(target), target).toBe(302);
    await s.rt.writer.flush(true);
    expect((await episodeOfLastHits(6)).sort()).toEqual([
      'Already through earshot', 'Already through earshot', 'Plain http enclosure', 'Plain http enclosure',
      'Through Podtrac and Chartable', 'Through Podtrac and Chartable',
    ]);
  });

  it('attributes hits that arrived before the feed once the show is added', async () => {
    // A host the tracker does not know yet and no media extension: allowed only once registered…
    expect(await hit('late.example/files/l1')).toBe(403);
    // …so use a media path on the same host first, then register the show.
    feeds.routes['/late.xml'] = { body: feed('Late Show', [{ guid: 'l1', url: 'https://late.example/files/l1.mp3' }]) };
    for (let i = 0; i < 5; i++) expect(await hit('late.example/files/l1.mp3')).toBe(302);
    await s.rt.writer.flush(true);
    expect(await countRows(t.db, 'pending_hits')).toBe(5);
    const before = await countRows(t.db, 'hits');
    const added = await addShow(t.db, await loadFeedSource(`${feeds.base}/late.xml`, { allowPrivate: true }));
    expect(added.attributed).toBe(5);
    expect(await countRows(t.db, 'pending_hits')).toBe(0);
    expect(await countRows(t.db, 'hits')).toBe(before + 5);
  });

  it('keeps every URL an episode has had: after a host migration both old and new URLs attribute', async () => {
    const added = await addShow(t.db, await loadFeedSource(`${feeds.base}/moving.xml`, { allowPrivate: true }), { slug: 'moving' });
    expect(added.slug).toBe('moving');
    await t.db.query('UPDATE shows SET feed_url = $1 WHERE slug = $2', [`${feeds.base}/moving.xml`, 'moving']);
    // The episode moves to a new host; a listener hits the new URL before the server's refresh.
    feeds.routes['/moving.xml'] = { body: feed('Moving Show', [{ guid: 'm1', url: 'https://new-host.example/cdn/m1.mp3' }]), etag: '"b"' };
    expect(await hit('new-host.example/cdn/m1.mp3')).toBe(302);
    await s.rt.writer.flush(true);
    const r = await refreshFeeds(t.db, s.rt.index, { allowPrivate: true, slug: 'moving' });
    expect(r).toMatchObject({ shows: 1, updated: 1, newUrls: 1, attributed: 1, failed: [] });
    expect(await hit('old-host.example/audio/m1.mp3')).toBe(302);
    expect(await hit('new-host.example/cdn/m1.mp3')).toBe(302);
    // The host is now known: no media extension needed.
    expect(await hit('new-host.example/cdn/m1')).toBe(302);
    await s.rt.writer.flush(true);
    const rows = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM hits h JOIN episodes e ON e.show_id = h.show_id AND e.id = h.episode_id WHERE e.guid = 'm1'",
    );
    expect(Number(rows[0]!.n)).toBe(3);
    // A second refresh is a conditional GET answered 304.
    const again = await refreshFeeds(t.db, s.rt.index, { allowPrivate: true, slug: 'moving' });
    expect(again).toMatchObject({ notModified: 1, updated: 0 });
    expect(feeds.log.at(-1)!.headers['if-none-match']).toBe('"b"');
  });

  it('records a failing feed per show and keeps the show', async () => {
    await addShow(t.db, await loadFeedSource(`${feeds.base}/broken.xml`, { allowPrivate: true }));
    feeds.routes['/broken.xml'] = { body: 'this is not xml <', status: 200 };
    const r = await refreshFeeds(t.db, s.rt.index, { allowPrivate: true, slug: 'breaks-later' });
    expect(r.failed).toEqual([{ slug: 'breaks-later', error: expect.stringMatching(/not (a valid XML|an RSS) feed/) }]);
    const [row] = await t.db.query<{ last_error: string; episodes: number }>(
      "SELECT last_error, (SELECT count(*) FROM episodes e WHERE e.show_id = s.id)::int AS episodes FROM shows s WHERE slug = 'breaks-later'",
    );
    expect(row!.last_error).toMatch(/feed/);
    expect(Number(row!.episodes)).toBe(1);
  });

  it('refuses a taken slug or an already registered feed and writes nothing', async () => {
    const shows = await countRows(t.db, 'hits');
    const n = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM shows'))[0]!.n);
    const before = await n();
    const src = await loadFeedSource(DEMO);
    await expect(addShow(t.db, src)).rejects.toThrow(/already registered as "netstack-fm"/);
    const minimal = await loadFeedSource(path.join(import.meta.dirname, '..', 'fixtures', 'feeds', 'minimal.xml'));
    await expect(addShow(t.db, minimal, { slug: 'moving' })).rejects.toThrow(FeedError);
    await expect(addShow(t.db, minimal, { slug: 'Bad Slug!' })).rejects.toThrow(/slug/);
    expect(await n()).toBe(before);
    expect(await countRows(t.db, 'hits')).toBe(shows);
    expect(fs.existsSync(DEMO)).toBe(true);
  });
});
