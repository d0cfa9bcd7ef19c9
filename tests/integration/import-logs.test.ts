/**
 * import-logs, with expected counts worked out by hand:
 *
 * prefix log (combined):
 *  p1 [01/Oct/2025:23:30:00 -0200] = 2025-10-02 01:30 UTC  GET /e/cdn.imp.example/a.mp3 302  8.8.8.8 Overcast   → download (A, 10-02)
 *  p2 [02/Oct/2025:00:10:00 +0200] = 2025-10-01 22:10 UTC  same listener                  302                    → download (A, 10-01): another UTC day
 *  p3 [02/Oct/2025:05:00:00 +0000] = 2025-10-02 05:00 UTC  same listener                  302                    → no (same UTC day as p1)
 *  p4 same as p3 but status 404                                                                                    → no (prefix logs: only 302)
 *  p5 HEAD, 302, another listener                                                                                  → no
 *  p6 GET /favicon.ico                                                                                             → not a podcast request
 *  p7 garbage                                                                                                      → bad line
 * media-server log (combined, --host cdn.imp.example):
 *  f1 GET /a.mp3 206 2 bytes,   81.2.69.142 Spotify, 2025-10-03 10:00 UTC                                           → probe
 *  f2 GET /a.mp3 206 500000,    same listener, 10:00:05                                                            → download (A, 10-03)
 *  f3 GET /a.mp3 200,           same listener, 11:00                                                               → no (same day)
 *  f4 GET /b.mp3 304,           1.1.1.1 Overcast                                                                   → no (only 200/206)
 *  f5 GET /b.mp3 200,           1.1.1.1 Overcast                                                                   → download (B, 10-03)
 * Total: 4 downloads in October; a second import of either file adds nothing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Readable } from 'node:stream';
import { backends, createTestDb, type TestDb } from '../helpers/test-db';
import { sharedGeo, countRows } from '../helpers/test-server';
import { insertShow } from '../helpers/fixtures';
import { importLogs } from '../../lib/counting/import-logs';
import { parseCombinedLogLine } from '../../lib/counting/parse-combined-log-line';

const OVERCAST = 'Overcast/3.0 (+http://overcast.fm/; iOS podcast app)';
const SPOTIFY = 'Spotify/8.8.0 Android/33 (SM-G991B)';
const PREFIX_LOG = [
  `8.8.8.8 - - [01/Oct/2025:23:30:00 -0200] "GET /e/cdn.imp.example/a.mp3 HTTP/1.1" 302 0 "-" "${OVERCAST}"`,
  `8.8.8.8 - - [02/Oct/2025:00:10:00 +0200] "GET /e/cdn.imp.example/a.mp3 HTTP/1.1" 302 0 "-" "${OVERCAST}"`,
  `8.8.8.8 - - [02/Oct/2025:05:00:00 +0000] "GET /e/https://cdn.imp.example/a.mp3?x=1 HTTP/1.1" 302 0 "-" "${OVERCAST}"`,
  `8.8.8.8 - - [02/Oct/2025:05:00:00 +0000] "GET /e/cdn.imp.example/a.mp3 HTTP/1.1" 404 0 "-" "${OVERCAST}"`,
  `81.2.69.142 - - [02/Oct/2025:06:00:00 +0000] "HEAD /e/cdn.imp.example/a.mp3 HTTP/1.1" 302 0 "-" "${SPOTIFY}"`,
  `81.2.69.142 - - [02/Oct/2025:06:00:00 +0000] "GET /favicon.ico HTTP/1.1" 404 0 "-" "${SPOTIFY}"`,
  'this is not a log line',
].join('\n');
const FILE_LOG = [
  `81.2.69.142 - - [03/Oct/2025:10:00:00 +0000] "GET /a.mp3 HTTP/1.1" 206 2 "-" "${SPOTIFY}"`,
  `81.2.69.142 - - [03/Oct/2025:10:00:05 +0000] "GET /a.mp3 HTTP/1.1" 206 500000 "-" "${SPOTIFY}"`,
  `81.2.69.142 - - [03/Oct/2025:11:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 9000000 "-" "${SPOTIFY}"`,
  `1.1.1.1 - - [03/Oct/2025:12:00:00 +0000] "GET /b.mp3 HTTP/1.1" 304 0 "-" "${OVERCAST}"`,
  `1.1.1.1 - - [03/Oct/2025:12:00:01 +0000] "GET /b.mp3 HTTP/1.1" 200 9000000 "https://example.com/" "${OVERCAST}"`,
].join('\n');

describe('parseCombinedLogLine', () => {
  it('applies the offset and unescapes quoted fields', () => {
    const r = parseCombinedLogLine('2001:db8::1 - - [31/Dec/2025:23:59:59 -0130] "GET /e/x.example/a.mp3?q HTTP/2.0" 302 - "-" "A \\"quoted\\" UA" range="bytes=0-1"');
    expect(r).toMatchObject({ ip: '2001:db8::1', method: 'GET', path: '/e/x.example/a.mp3?q', status: 302, bytes: null, referer: null, userAgent: 'A "quoted" UA', range: 'bytes=0-1' });
    expect(new Date(r!.ts).toISOString()).toBe('2026-01-01T01:29:59.000Z');
    expect(parseCombinedLogLine('nope')).toBeNull();
  });
});

describe.each(backends())('import-logs on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await insertShow(t.db, 'imp', ['https://cdn.imp.example/a.mp3', 'https://cdn.imp.example/b.mp3']);
  });
  afterAll(() => t?.drop());
  const run = async (text: string, host: string | null) =>
    importLogs(t.db, Readable.from([text]), { format: 'combined', host, geo: await sharedGeo(), countLagSeconds: 0 });
  const octDownloads = async () =>
    Number((await t.db.query<{ n: number }>("SELECT coalesce(sum(downloads), 0)::int AS n FROM rollup_episode_hour WHERE hour >= '2025-10-01T00:00:00Z' AND hour < '2025-11-01T00:00:00Z'"))[0]!.n);

  it('imports a prefix log with its own timestamps (offsets to UTC), status rules and bad lines', async () => {
    const r = await run(PREFIX_LOG, null);
    expect(r).toMatchObject({ lines: 7, imported: 5, skipped: 1, bad: 1 });
    expect(r.badExamples[0]).toMatch(/line 7: not a combined log line/);
    expect(await octDownloads()).toBe(2);
    const days = await t.db.query<{ day: string }>("SELECT to_char(day, 'YYYY-MM-DD') AS day FROM downloads ORDER BY day");
    expect(days.map((d) => d.day)).toEqual(['2025-10-01', '2025-10-02']);
  });

  it('imports a media-server log for --host: 200/206 only, a 2-byte 206 is a probe', async () => {
    const r = await run(FILE_LOG, 'cdn.imp.example');
    expect(r).toMatchObject({ lines: 5, imported: 5, bad: 0 });
    expect(await octDownloads()).toBe(4);
  });

  it('importing the same files again adds nothing', async () => {
    const hits = await countRows(t.db, 'hits');
    expect((await run(PREFIX_LOG, null)).downloads).toBe(0);
    expect((await run(FILE_LOG, 'cdn.imp.example')).downloads).toBe(0);
    expect(await countRows(t.db, 'hits')).toBe(hits);
    expect(await octDownloads()).toBe(4);
  });

  it('skips lines of a month whose key was destroyed, and still never duplicates', async () => {
    await t.db.query("INSERT INTO hash_keys (month, key, destroyed_at) VALUES ('2024-01', NULL, now())");
    const r = await run(`8.8.8.8 - - [05/Jan/2024:10:00:00 +0000] "GET /e/cdn.imp.example/a.mp3 HTTP/1.1" 302 0 "-" "${OVERCAST}"`, null);
    expect(r).toMatchObject({ imported: 0, bad: 1 });
    expect(r.badExamples[0]).toMatch(/2024-01 was destroyed/);
  });
});
