import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/test-db';
import { sharedGeo } from '../helpers/test-server';
import { insertShow } from '../helpers/fixtures';
import { buildHitRecord } from '../../lib/tracker/build-hit-record';
import { insertHitBatch } from '../../lib/tracker/insert-hit-batch';
import { AttributionIndex } from '../../lib/tracker/attribution-index';
import { HashKeyStore } from '../../lib/tracker/hash-key-store';
import { createUaClassifier } from '../../lib/classify/create-ua-classifier';
import { countDownloads } from '../../lib/counting/count-downloads';
import { pruneRawHits } from '../../lib/counting/prune-raw-hits';
import { monthlyReportRows } from '../../lib/reports/monthly-report-rows';

const URL = 'https://cdn.prune.example/ep.mp3';

describe.each(backends())('retention on %s', (backend) => {
  let t: TestDb;
  let showId: number;
  const ingest = async (times: string[]) => {
    const deps = { keys: new HashKeyStore(), classifier: createUaClassifier(), geo: await sharedGeo() };
    const index = new AttributionIndex();
    await index.refresh(t.db, true);
    await insertHitBatch(t.db, index, times.map((ts, i) => buildHitRecord(deps, {
      ts: Date.parse(ts), source: 'import-prefix', method: 'GET', location: URL, urlKey: 'cdn.prune.example/ep.mp3',
      ip: `198.51.100.${i + 1}`, userAgent: 'Overcast/3.0 (+http://overcast.fm/)', referer: null, range: null, podcastGuid: null, status: 302, bytes: null,
    })));
    await deps.keys.persist(t.db);
  };
  const report = () => monthlyReportRows(t.db, { showId, slug: 'p', month: '2024-01', by: 'day', includeBots: false });
  beforeAll(async () => {
    t = await createTestDb(backend);
    showId = (await insertShow(t.db, 'p', [URL])).showId;
  });
  afterAll(() => t?.drop());

  it('drops counted raw months past the retention; the counts survive the drop', async () => {
    await ingest(['2024-01-10T10:00:00Z', '2024-01-11T10:00:00Z', '2024-02-01T10:00:00Z']);
    await countDownloads(t.db, { lagSeconds: 0 });
    const before = await report();
    expect(before.reduce((s, r) => s + Number(r[3]), 0)).toBe(2);
    const r = await pruneRawHits(t.db, 13, new Date('2026-11-25T00:00:00Z'));
    expect(r.dropped).toEqual(expect.arrayContaining(['2024-01', '2024-02']));
    const parts = await t.db.query<{ n: string }>("SELECT tablename AS n FROM pg_tables WHERE tablename IN ('hits_2024_01', 'hits_2024_02')");
    expect(parts).toEqual([]);
    expect(await report()).toEqual(before);
  });

  it('keeps a month the counter has not passed yet', async () => {
    await t.db.query("UPDATE job_state SET watermark = '2023-06-15T00:00:00Z' WHERE job = 'count-downloads'");
    await ingest(['2023-05-10T10:00:00Z']);
    const r = await pruneRawHits(t.db, 13, new Date('2026-11-25T00:00:00Z'));
    expect(r.dropped).toContain('2023-05');
    await ingest(['2023-07-10T10:00:00Z']);
    const r2 = await pruneRawHits(t.db, 13, new Date('2026-11-25T00:00:00Z'));
    expect(r2.keptUncounted).toContain('2023-07');
  });
});
