import type { Queryable } from '../../db/client';

export type LaunchCurve = { id: number; title: string; points: number[] };

/**
 * Cumulative downloads by whole days since release (day 0 = the first 24 hours) for each
 * episode, up to `days` days or today: the launch curves the compare view overlays.
 */
export async function launchCurves(db: Queryable, showId: number, episodeIds: number[], days = 30, includeBots = false): Promise<LaunchCurve[]> {
  if (!episodeIds.length) return [];
  const rows = await db.query<{ id: number; title: string; day: number | null; n: number | null; age: number }>(
    `SELECT e.id, e.title, floor(extract(epoch FROM r.hour - e.published_at) / 86400)::int AS day,
            sum(r.downloads + CASE WHEN $4 THEN r.bot_downloads ELSE 0 END)::int AS n,
            floor(extract(epoch FROM now() - e.published_at) / 86400)::int AS age
     FROM episodes e
     LEFT JOIN rollup_episode_hour r ON r.show_id = e.show_id AND r.episode_id = e.id
       AND r.hour >= e.published_at - interval '1 hour' AND r.hour < e.published_at + make_interval(days => $3)
     WHERE e.show_id = $1 AND e.id = ANY($2::bigint[]) AND e.published_at IS NOT NULL
     GROUP BY e.id, e.title, e.published_at, 3 ORDER BY e.published_at, e.id, 3`,
    [showId, episodeIds, days, includeBots],
  );
  const byId = new Map<number, { title: string; perDay: number[]; age: number }>();
  for (const r of rows) {
    const id = Number(r.id);
    const c = byId.get(id) ?? { title: r.title, perDay: new Array(days).fill(0), age: Number(r.age) };
    if (r.day !== null && r.n !== null) {
      const d = Math.max(0, Number(r.day));
      c.perDay[d] = (c.perDay[d] ?? 0) + Number(r.n);
    }
    byId.set(id, c);
  }
  return [...byId.entries()].map(([id, c]) => {
    const len = Math.max(1, Math.min(days, c.age + 1));
    let sum = 0;
    return { id, title: c.title, points: c.perDay.slice(0, len).map((n) => (sum += n)) };
  });
}
