/**
 * The golden log: hand-written hits with their expected counts worked out by hand.
 * Every hit goes through the real ingest code (buildHitRecord → insertHitBatch → countDownloads)
 * and the reports are compared byte for byte with tests/fixtures/golden/*.csv.
 *
 *  #  time (UTC)            method episode  address                UA          range     counts?
 *  1  2025-10-01 08:00:00   GET    A        8.8.8.8 (US-CA)        Overcast              yes  (A, L1, 10-01)
 *  2  2025-10-01 09:00:00   GET    A        8.8.8.8                Overcast              no   same listener, same day
 *  3  2025-10-01 10:00:00   HEAD   A        81.2.69.142 (GB-ENG)   Overcast              no   HEAD never counts
 *  4  2025-10-01 10:01:00   GET    A        81.2.69.142            Overcast    bytes=0-1 no   probe
 *  5  2025-10-01 10:02:00   GET    A        81.2.69.142            Overcast    bytes=0-  yes  (HEAD and probe did not use up the day)
 *  6  2025-10-01 11:00:00   GET    A        203.0.113.5            (empty)               bot
 *  7  2025-10-01 11:01:00   GET    A        203.0.113.5            Googlebot             bot
 *  8  2025-10-01 11:02:00   GET    A        203.0.113.5            curl                  bot  (3 bot downloads: 3 hashes)
 *  9  2025-10-01 23:59:59   GET    B        8.8.8.8                Overcast              yes  another episode
 * 10  2025-10-02 00:00:01   GET    B        8.8.8.8                Overcast              yes  next UTC day, across midnight
 * 11  2025-10-03 12:00:00   GET    A        2001:db8:1:2::1 (ZZ)   Spotify               yes
 * 12  2025-10-03 13:00:00   GET    A        2001:db8:1:2:ffff::9   Spotify               no   same /64, same UA: same listener
 * 13  2025-10-03 14:00:00   GET    A        2001:db8:1:3::1        Spotify               yes  another /64
 * 14  2025-10-31 23:59:59   GET    A        1.1.1.1 (AU-NSW)       Overcast              yes  last second of October
 * 15  2025-11-01 00:00:00   GET    A        1.1.1.1                Overcast              yes  November (new day, new month key)
 * 16  2025-10-05 10:00:00   GET    C        89.160.20.112 (SE-AB)  Pocket Casts          yes  once C is in the feed (late attribution)
 * 17  2025-10-10 09:00:00   GET    A        5.9.0.1 (DE-BY)        AppleCoreMedia bytes=0-0 no probe
 * 18  2025-10-10 09:00:05   GET    A        5.9.0.1                AppleCoreMedia bytes=0-   yes
 * 19  2025-10-10 09:30:00   GET    A        5.9.0.1                AppleCoreMedia            no   same day
 *
 * October: downloads A 6 (1 5 11 13 14 18), B 2 (9 10), C 1 (16) = 9; listeners 7
 * (8.8.8.8+Overcast, 81.2.69.142+Overcast, two IPv6 /64s, 1.1.1.1, 89.160.20.112, 5.9.0.1);
 * with bots A has 9 downloads and 9 listeners. Days: 10-01 3 downloads / 2 listeners
 * (8.8.8.8 on A and B is one listener), 10-02 1/1, 10-03 2/2, 10-05 1/1, 10-10 1/1, 10-31 1/1.
 * Apps: Overcast 5/3, Spotify 2/2, AppleCoreMedia 1/1, Pocket Casts 1/1. November: A 1/1.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { backends, createTestDb, type TestDb } from '../helpers/test-db';
import { sharedGeo } from '../helpers/test-server';
import { insertShow } from '../helpers/fixtures';
import { buildHitRecord } from '../../lib/tracker/build-hit-record';
import { insertHitBatch } from '../../lib/tracker/insert-hit-batch';
import { AttributionIndex } from '../../lib/tracker/attribution-index';
import { HashKeyStore } from '../../lib/tracker/hash-key-store';
import { attributionKeyOf } from '../../lib/tracker/attribution-key-of';
import { createUaClassifier } from '../../lib/classify/create-ua-classifier';
import { countDownloads } from '../../lib/counting/count-downloads';
import { attributePendingHits } from '../../lib/feeds/attribute-pending-hits';
import { monthlyReportRows } from '../../lib/reports/monthly-report-rows';
import { REPORT_COLUMNS, type ReportBy } from '../../lib/reports/report-columns';
import { writeReportCsv, guardCell } from '../../lib/reports/write-report-csv';

const OVERCAST = 'Overcast/3.0 (+http://overcast.fm/; iOS podcast app)';
const SPOTIFY = 'Spotify/8.8.0 Android/33 (SM-G991B)';
const POCKET = 'PocketCasts/1.0 (Pocket Casts; +https://pocketcasts.com/)';
const ACM = 'AppleCoreMedia/1.0.0.20G165 (iPhone; U; CPU OS 16_6 like Mac OS X; en_us)';
const URL_OF = { A: 'https://cdn.golden.example/a.mp3', B: 'https://cdn.golden.example/b.mp3', C: 'https://cdn.golden.example/c.mp3' };

const GOLDEN: Array<[string, string, keyof typeof URL_OF, string, string, string | null]> = [
  ['2025-10-01T08:00:00Z', 'GET', 'A', '8.8.8.8', OVERCAST, null],
  ['2025-10-01T09:00:00Z', 'GET', 'A', '8.8.8.8', OVERCAST, null],
  ['2025-10-01T10:00:00Z', 'HEAD', 'A', '81.2.69.142', OVERCAST, null],
  ['2025-10-01T10:01:00Z', 'GET', 'A', '81.2.69.142', OVERCAST, 'bytes=0-1'],
  ['2025-10-01T10:02:00Z', 'GET', 'A', '81.2.69.142', OVERCAST, 'bytes=0-'],
  ['2025-10-01T11:00:00Z', 'GET', 'A', '203.0.113.5', '', null],
  ['2025-10-01T11:01:00Z', 'GET', 'A', '203.0.113.5', 'Googlebot/2.1 (+http://www.google.com/bot.html)', null],
  ['2025-10-01T11:02:00Z', 'GET', 'A', '203.0.113.5', 'curl/8.4.0', null],
  ['2025-10-01T23:59:59Z', 'GET', 'B', '8.8.8.8', OVERCAST, null],
  ['2025-10-02T00:00:01Z', 'GET', 'B', '8.8.8.8', OVERCAST, null],
  ['2025-10-03T12:00:00Z', 'GET', 'A', '2001:db8:1:2::1', SPOTIFY, null],
  ['2025-10-03T13:00:00Z', 'GET', 'A', '2001:db8:1:2:ffff::9', SPOTIFY, null],
  ['2025-10-03T14:00:00Z', 'GET', 'A', '2001:db8:1:3::1', SPOTIFY, null],
  ['2025-10-31T23:59:59Z', 'GET', 'A', '1.1.1.1', OVERCAST, null],
  ['2025-11-01T00:00:00Z', 'GET', 'A', '1.1.1.1', OVERCAST, null],
  ['2025-10-05T10:00:00Z', 'GET', 'C', '89.160.20.112', POCKET, null],
  ['2025-10-10T09:00:00Z', 'GET', 'A', '5.9.0.1', ACM, 'bytes=0-0'],
  ['2025-10-10T09:00:05Z', 'GET', 'A', '5.9.0.1', ACM, 'bytes=0-'],
  ['2025-10-10T09:30:00Z', 'GET', 'A', '5.9.0.1', ACM, null],
];

async function csv(db: TestDb['db'], showId: number, month: string, by: ReportBy, includeBots = false): Promise<string> {
  const rows = await monthlyReportRows(db, { showId, slug: 'golden', month, by, includeBots });
  let text = '';
  const sink = new Writable({ write: (c, _e, cb) => ((text += c.toString()), cb()) });
  await writeReportCsv(sink, REPORT_COLUMNS[by], rows);
  return text;
}
const expected = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'golden', name), 'utf8');

describe.each(backends())('golden counting on %s', (backend) => {
  let t: TestDb;
  let showId: number;
  let counted: { hits: number; downloads: number };
  beforeAll(async () => {
    t = await createTestDb(backend);
    const show = await insertShow(t.db, 'golden', [URL_OF.A, URL_OF.B]);
    showId = show.showId;
    await t.db.query("UPDATE episodes SET guid = CASE title WHEN 'Episode 1' THEN 'golden-a' ELSE 'golden-b' END, title = CASE title WHEN 'Episode 1' THEN 'Episode A' ELSE 'Episode B' END, published_at = '2025-09-30T06:00:00Z' WHERE show_id = $1", [showId]);
    const deps = { keys: new HashKeyStore(), classifier: createUaClassifier(), geo: await sharedGeo() };
    const records = GOLDEN.map(([ts, method, ep, ip, ua, range]) =>
      buildHitRecord(deps, {
        ts: Date.parse(ts), source: 'import-prefix', method, location: URL_OF[ep], urlKey: attributionKeyOf(URL_OF[ep])!.key,
        ip, userAgent: ua, referer: null, range, podcastGuid: null, status: null, bytes: null,
      }),
    );
    const index = new AttributionIndex();
    await index.refresh(t.db, true);
    expect(await insertHitBatch(t.db, index, records)).toEqual({ hits: 18, pending: 1 });
    counted = await countDownloads(t.db, { lagSeconds: 0 });
    // Episode C appears in the feed later: its pending hit is attributed, then counted.
    const [c] = await t.db.query<{ id: number }>(
      "INSERT INTO episodes (show_id, guid, title, published_at) VALUES ($1, 'golden-c', '-Late episode, with comma', '2025-10-04T06:00:00Z') RETURNING id",
      [showId],
    );
    const k = attributionKeyOf(URL_OF.C)!;
    await t.db.query('INSERT INTO episode_urls (show_id, url_key, episode_id, url, host) VALUES ($1, $2, $3, $4, $5)', [showId, k.key, c!.id, URL_OF.C, k.host]);
    await index.refresh(t.db, true);
    expect(await attributePendingHits(t.db, index)).toBe(1);
    await countDownloads(t.db, { lagSeconds: 0 });
  });
  afterAll(() => t?.drop());

  it('counts by the rules before late attribution: 18 hits, 12 downloads', () => {
    // People: 1 5 9 10 11 13 14 15 18 = 9 (15 is November); bots: 6 7 8 = 3. Hit 16 waits for episode C.
    expect(counted).toMatchObject({ hits: 18, downloads: 12 });
  });

  it.each([
    ['2025-10', 'episode', false, '2025-10-episode.csv'],
    ['2025-10', 'episode', true, '2025-10-episode-bots.csv'],
    ['2025-10', 'day', false, '2025-10-day.csv'],
    ['2025-10', 'app', false, '2025-10-app.csv'],
    ['2025-10', 'country', false, '2025-10-country.csv'],
    ['2025-10', 'region', false, '2025-10-region.csv'],
    ['2025-10', 'device', false, '2025-10-device.csv'],
    ['2025-10', 'os', false, '2025-10-os.csv'],
    ['2025-11', 'episode', false, '2025-11-episode.csv'],
  ] as const)('%s --by %s (bots %s) equals %s byte for byte', async (month, by, bots, file) => {
    expect(await csv(t.db, showId, month, by, bots)).toBe(expected(file));
  });

  it('counting again changes nothing (incremental, idempotent)', async () => {
    const before = await csv(t.db, showId, '2025-10', 'day');
    expect(await countDownloads(t.db, { lagSeconds: 0 })).toMatchObject({ hits: 0, downloads: 0 });
    expect(await csv(t.db, showId, '2025-10', 'day')).toBe(before);
  });

  it('the watermark never moves back: a run with a longer lag after one with none counts nothing twice', async () => {
    const before = await t.db.query<{ n: number }>('SELECT sum(hits)::int AS n FROM rollup_hits_hour WHERE show_id = $1', [showId]);
    expect(await countDownloads(t.db, { lagSeconds: 0 })).toMatchObject({ hits: 0 });
    expect(await countDownloads(t.db, { lagSeconds: 3600 })).toMatchObject({ hits: 0 });
    expect(await countDownloads(t.db, { lagSeconds: 0 })).toMatchObject({ hits: 0 });
    const after = await t.db.query<{ n: number }>('SELECT sum(hits)::int AS n FROM rollup_hits_hour WHERE show_id = $1', [showId]);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(Number(after[0]!.n)).toBe(19);
  });

  it('--tz cuts the day breakdown in that zone (America/New_York, UTC-4 in October)', async () => {
    // Local days: hits 1 5 9 10 all fall on 10-01 (9 and 10 are 19:59:59 and 20:00:01 EDT): 4 downloads,
    // 2 listeners. 14 (23:59:59Z) and 15 (11-01 00:00:00Z, November key: another hash) are both 10-31
    // evening in New York: 2 downloads, 2 listeners. The local month holds 10 downloads.
    const rows = await monthlyReportRows(t.db, { showId, slug: 'golden', month: '2025-10', by: 'day', includeBots: false, tz: 'America/New_York' });
    expect(rows).toHaveLength(31);
    const byDay = Object.fromEntries(rows.map((r) => [r[2], [r[3], r[4]]]));
    expect(byDay).toMatchObject({
      '2025-10-01': [4, 2], '2025-10-02': [0, 0], '2025-10-03': [2, 2], '2025-10-05': [1, 1], '2025-10-10': [1, 1], '2025-10-31': [2, 2],
    });
    expect(rows.reduce((n, r) => n + Number(r[3]), 0)).toBe(10);
  });

  it('leaves hits received less than 5 seconds ago for the next run', async () => {
    const deps = { keys: new HashKeyStore(), classifier: createUaClassifier(), geo: await sharedGeo() };
    const rec = buildHitRecord(deps, {
      ts: Date.parse('2025-10-20T10:00:00Z'), source: 'import-prefix', method: 'GET', location: URL_OF.B, urlKey: attributionKeyOf(URL_OF.B)!.key,
      ip: '198.51.100.1', userAgent: OVERCAST, referer: null, range: null, podcastGuid: null, status: null, bytes: null,
    });
    const index = new AttributionIndex();
    await index.refresh(t.db, true);
    await insertHitBatch(t.db, index, [rec]);
    expect((await countDownloads(t.db)).downloads).toBe(0);
    await new Promise((r) => setTimeout(r, 5200));
    expect((await countDownloads(t.db)).downloads).toBe(1);
  });
});

describe('formula guard', () => {
  it.each([['=1+1', "'=1+1"], ['+SUM(A1)', "'+SUM(A1)"], ['-2', "'-2"], ['@cmd', "'@cmd"], ['\tx', "'\tx"], ['\rx', "'\rx"], ['ok', 'ok'], ['a=b', 'a=b']])('%j → %j', (v, g) => {
    expect(guardCell(v)).toBe(g);
  });
});
