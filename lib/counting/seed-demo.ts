import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/client';
import { addShow } from '../feeds/add-show';
import { loadFeedSource } from '../feeds/load-feed-source';
import { loadOpawgEntries } from '../classify/opawg-data';
import { createUaClassifier } from '../classify/create-ua-classifier';
import type { GeoLookup } from '../classify/open-geo-lookup';
import { AttributionIndex } from '../tracker/attribution-index';
import { HashKeyStore } from '../tracker/hash-key-store';
import type { KeySealer } from '../tracker/key-sealer';
import { attributionKeyOf } from '../tracker/attribution-key-of';
import { buildHitRecord } from '../tracker/build-hit-record';
import { uuidFromText } from '../tracker/uuid-from-text';
import { insertHitBatch } from '../tracker/insert-hit-batch';
import type { HitRecord } from '../tracker/hit-record';
import { countAfterWriting } from './count-after-writing';

export const DEMO_FEED = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'feeds', 'demo', 'netstack-fm.xml');
export const DEMO_SLUG = 'netstack-fm';

/** A small, fast, seeded PRNG (mulberry32): the demo is the same every time. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

/** Roughly a Rust podcast's audience. */
const COUNTRIES: Array<[string, number]> = [
  ['US', 30], ['DE', 12], ['GB', 8], ['FR', 5], ['NL', 4], ['CA', 4], ['IN', 4], ['SE', 3], ['PL', 3], ['BR', 3],
  ['AU', 3], ['CH', 2], ['JP', 2], ['ES', 2], ['IT', 2], ['FI', 1.5], ['NO', 1.5], ['DK', 1], ['AT', 1], ['CZ', 1],
];
const APPS: Array<[string, number]> = [
  ['Apple Podcasts', 30], ['Spotify', 22], ['Overcast', 12], ['Pocket Casts', 10], ['AntennaPod', 7], ['Podcast Addict', 6],
  ['YouTube Music', 4], ['Castro', 3], ['Fountain', 2], ['Podverse', 1], ['Amazon Music', 2],
];
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

type Listener = { ip: string; ua: string };

/** Listeners with public addresses that geolocate to the weighted countries (rejection sampling), and real app User-Agents. */
function makeListeners(rand: () => number, geo: GeoLookup, n: number): Listener[] {
  const apps = loadOpawgEntries('apps');
  const uaOf = new Map(APPS.map(([name]) => [name, (apps.find((a) => a.name === name)?.examples ?? []).filter(Boolean)]));
  const out: Listener[] = [];
  while (out.length < n) {
    // Choose the country first, then a random address that geolocates there.
    const country = pick(rand, COUNTRIES);
    let ip = '';
    for (let tries = 0; tries < 20_000; tries++) {
      const candidate = `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
      if (geo(candidate).country === country) {
        ip = candidate;
        break;
      }
    }
    if (!ip) continue;
    const browser = rand() < 0.06;
    const app = pick(rand, APPS);
    const examples = uaOf.get(app) ?? [];
    out.push({ ip, ua: browser || !examples.length ? BROWSER_UA : examples[Math.floor(rand() * examples.length)]! });
  }
  return out;
}

/** Expected downloads of an episode on day `d` after release: a release spike decaying over weeks into a long tail. */
function curve(d: number, peak: number): number {
  return peak * (0.62 * Math.exp(-d / 1.6) + 0.28 * Math.exp(-d / 9) + 0.1 / (1 + d / 20));
}

export type SeedResult = { slug: string; hits: number; downloads: number; from: string; to: string };

/**
 * `earshot seed-demo`: registers the netstack.fm demo show (episodes 8–15, Oct–Nov 2025)
 * and generates traffic from its first release up to `now` — release-day spikes, a long
 * tail, weekly and daily rhythm, real OPAWG app User-Agents, a Rust-like country mix, some
 * bots, HEAD requests, probes and repeats — sent through the real ingest (buildHitRecord,
 * insertHitBatch) and counting code. Deterministic: running it again adds nothing.
 */
export async function seedDemo(db: Db, geo: GeoLookup, now = new Date(), opts: { countLagSeconds?: number; sealer?: KeySealer } = {}): Promise<SeedResult> {
  let [show] = await db.query<{ id: number }>('SELECT id FROM shows WHERE slug = $1', [DEMO_SLUG]);
  if (!show) {
    await addShow(db, await loadFeedSource(DEMO_FEED), { slug: DEMO_SLUG });
    // The demo feed's own URL is an example host: do not try to refresh it.
    await db.query('UPDATE shows SET feed_url = NULL WHERE slug = $1', [DEMO_SLUG]);
    [show] = await db.query<{ id: number }>('SELECT id FROM shows WHERE slug = $1', [DEMO_SLUG]);
  }
  const episodes = await db.query<{ enclosure_url: string; published_at: Date; episode_number: number }>(
    'SELECT enclosure_url, published_at, episode_number FROM episodes WHERE show_id = $1 AND enclosure_url IS NOT NULL ORDER BY published_at',
    [show!.id],
  );
  const listeners = makeListeners(prng(20251007), geo, 6000);
  const bots = loadOpawgEntries('bots').flatMap((b) => b.examples ?? []).slice(0, 40);
  const deps = { keys: new HashKeyStore(opts.sealer ?? null), classifier: createUaClassifier(), geo };
  const index = new AttributionIndex();
  await index.refresh(db, true);
  const batch: HitRecord[] = [];
  let hits = 0;
  const flush = async () => {
    if (!batch.length) return;
    await insertHitBatch(db, index, batch);
    hits += batch.length;
    batch.length = 0;
  };
  const DAY = 86_400_000;
  const end = now.getTime() - 10_000;
  for (const ep of episodes) {
    const release = new Date(ep.published_at).getTime();
    const peak = 260 + 90 * Math.sin(ep.episode_number * 1.7) + (ep.episode_number === 15 ? 120 : 0);
    const releaseDay = Math.floor(release / DAY) * DAY;
    for (let d = 0; releaseDay + d * DAY < end; d++) {
      // Each (episode, day) has its own random stream and ids: a later run regenerates the same
      // hits for the days already seeded (stored once: same id and time) and adds the new days.
      const day = prng(ep.episode_number * 100_003 + d);
      let n = 0;
      const emit = (ts: number, l: Listener, method = 'GET', range: string | null = null) => {
        if (ts > end) return;
        batch.push(buildHitRecord(deps, {
          id: uuidFromText(`earshot-demo:${ep.episode_number}:${d}:${n++}`),
          ts, source: 'tracker', method, location: ep.enclosure_url, urlKey: attributionKeyOf(ep.enclosure_url)!.key, ip: l.ip, userAgent: l.ua,
          referer: l.ua === BROWSER_UA && day() < 0.5 ? 'https://podcasts.google.com/' : null, range, podcastGuid: null, status: 302, bytes: null,
        }));
      };
      const dayStart = releaseDay + d * DAY;
      const weekday = new Date(dayStart).getUTCDay();
      const expected = curve(d, peak) * (weekday === 0 || weekday === 6 ? 0.8 : 1.05);
      const count = Math.max(0, Math.round(expected * (0.85 + day() * 0.3)));
      for (let i = 0; i < count; i++) {
        // Listening hours cluster in mornings and evenings (UTC, roughly Europe/US).
        const hour = pick(day, [[7, 3], [8, 4], [12, 3], [13, 3], [17, 4], [18, 4], [20, 3], [22, 2], [2, 1], [15, 3]] as Array<[number, number]>);
        let ts = dayStart + hour * 3_600_000 + Math.floor(day() * 3_600_000);
        if (ts < release) ts = release + Math.floor(day() * 8 * 3_600_000); // release day: only after the release
        const l = listeners[Math.floor(Math.pow(day(), 1.3) * listeners.length)]!;
        const r = day();
        if (r < 0.03) emit(ts - 1000, l, 'HEAD');
        if (r < 0.08) emit(ts - 500, l, 'GET', 'bytes=0-1');
        emit(ts, l, 'GET', r < 0.5 ? 'bytes=0-' : null);
        if (r > 0.95) emit(ts + 600_000, l, 'GET', 'bytes=1000000-');
        if (day() < 0.04) emit(ts + 5000, { ip: l.ip, ua: bots[Math.floor(day() * bots.length)]! });
      }
      if (batch.length >= 5000) await flush();
    }
  }
  await flush();
  await deps.keys.persist(db);
  const counted = await countAfterWriting(db, opts.countLagSeconds);
  return {
    slug: DEMO_SLUG, hits, downloads: counted.downloads,
    from: new Date(episodes[0]?.published_at ?? now).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10),
  };
}

