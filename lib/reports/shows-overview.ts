import type { Queryable } from '../../db/client';
import type { ShowRow } from './find-visible-show';

export type ShowSummary = { slug: string; title: string; last30: number; prev30: number; daily: number[] };

/** For each show: downloads in the last 30 days (days cut in `tz`, today included), the 30 before, and the daily series. */
export async function showsOverview(db: Queryable, shows: ShowRow[], tz: string, today: string): Promise<ShowSummary[]> {
  if (!shows.length) return [];
  const rows = await db.query<{ show_id: number; day: string; n: number }>(
    `SELECT show_id, to_char((hour AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS day, sum(downloads)::int AS n
     FROM rollup_episode_hour
     WHERE show_id = ANY($1::bigint[]) AND hour >= (($2::date - 59)::timestamp AT TIME ZONE $3) AND hour < (($2::date + 1)::timestamp AT TIME ZONE $3)
     GROUP BY 1, 2`,
    [shows.map((s) => s.id), today, tz],
  );
  const start = Date.parse(`${today}T00:00:00Z`) - 59 * 86_400_000;
  return shows.map((s) => {
    const days = new Array(60).fill(0) as number[];
    for (const r of rows) {
      const i = Math.round((Date.parse(`${r.day}T00:00:00Z`) - start) / 86_400_000);
      if (Number(r.show_id) === s.id && i >= 0 && i < 60) days[i] = days[i]! + Number(r.n);
    }
    const prev = days.slice(0, 30);
    const last = days.slice(30);
    return { slug: s.slug, title: s.title, last30: last.reduce((a, b) => a + b, 0), prev30: prev.reduce((a, b) => a + b, 0), daily: last };
  });
}
