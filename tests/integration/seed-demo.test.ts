import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/test-db';
import { sharedGeo } from '../helpers/test-server';
import { seedDemo } from '../../lib/counting/seed-demo';

describe.each(backends())('seed-demo on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(() => t?.drop());

  it('creates netstack.fm with traffic from its first release to today, through ingest and counting, once', async () => {
    const now = new Date('2026-01-20T12:00:00Z');
    const first = await seedDemo(t.db, await sharedGeo(), now, { countLagSeconds: 0 });
    expect(first).toMatchObject({ slug: 'netstack-fm', from: '2025-10-07', to: '2026-01-20' });
    expect(first.hits).toBeGreaterThan(15_000);
    expect(first.downloads).toBeGreaterThan(10_000);
    // The last 30 days are not empty, and release days spike.
    const [last30] = await t.db.query<{ n: number }>(
      "SELECT coalesce(sum(downloads), 0)::int AS n FROM rollup_episode_hour WHERE hour >= '2025-12-22T00:00:00Z'",
    );
    expect(Number(last30!.n)).toBeGreaterThan(100);
    const perDay = new Map(
      (await t.db.query<{ day: string; n: number }>(
        "SELECT to_char((hour AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, sum(downloads)::int AS n FROM rollup_episode_hour GROUP BY 1",
      )).map((r) => [r.day, Number(r.n)]),
    );
    const releases = ['2025-10-07', '2025-10-14', '2025-10-21', '2025-10-28', '2025-11-04', '2025-11-11', '2025-11-18', '2025-11-25'];
    const top = [...perDay.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    expect(releases).toContain(top);
    for (const r of releases) {
      const before = new Date(Date.parse(`${r}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(perDay.get(r)!, `release day ${r} spikes`).toBeGreaterThan(1.5 * (perDay.get(before) ?? 0));
    }
    // Bots, HEADs and probes were sent and not counted as downloads.
    const [mix] = await t.db.query<{ bots: number; heads: number; probes: number }>(
      "SELECT count(*) FILTER (WHERE is_bot)::int AS bots, count(*) FILTER (WHERE method = 'HEAD')::int AS heads, count(*) FILTER (WHERE range_header = 'bytes=0-1')::int AS probes FROM hits",
    );
    expect(mix!.bots).toBeGreaterThan(100);
    expect(mix!.heads).toBeGreaterThan(100);
    expect(mix!.probes).toBeGreaterThan(100);
    // Deterministic: a second run adds nothing; a later run adds only the new days.
    expect(await seedDemo(t.db, await sharedGeo(), now, { countLagSeconds: 0 })).toMatchObject({ downloads: 0 });
    const later = await seedDemo(t.db, await sharedGeo(), new Date('2026-01-22T12:00:00Z'), { countLagSeconds: 0 });
    expect(later.downloads).toBeGreaterThan(0);
    expect(later.downloads).toBeLessThan(200);
  });
});
