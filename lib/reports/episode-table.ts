import type { Queryable } from '../../db/client';

export type EpisodeRow = {
  id: number; guid: string; title: string; publishedAt: string | null;
  d1: number | null; d3: number | null; d7: number | null; d30: number | null; allTime: number;
};

/**
 * Every episode with its downloads in the first 1, 3, 7 and 30 days after release (null while
 * that window is not over yet, or without a release time) and all time, from the hourly rollup.
 */
export async function episodeTable(db: Queryable, showId: number, includeBots = false): Promise<EpisodeRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `WITH r AS (
       SELECT episode_id, hour, downloads + CASE WHEN $2 THEN bot_downloads ELSE 0 END AS n FROM rollup_episode_hour WHERE show_id = $1
     )
     SELECT e.id, e.guid, e.title, to_char(e.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published_at,
       ${[1, 3, 7, 30].map((d) => `CASE WHEN e.published_at IS NULL OR e.published_at + interval '${d} days' > now() THEN NULL
         ELSE coalesce((SELECT sum(n) FROM r WHERE r.episode_id = e.id AND r.hour < e.published_at + interval '${d} days'), 0) END AS d${d}`).join(',\n       ')},
       coalesce((SELECT sum(n) FROM r WHERE r.episode_id = e.id), 0) AS all_time
     FROM episodes e WHERE e.show_id = $1 ORDER BY e.published_at DESC NULLS LAST, e.id DESC`,
    [showId, includeBots],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: Number(r.id), guid: String(r.guid), title: String(r.title), publishedAt: (r.published_at as string) ?? null,
    d1: num(r.d1), d3: num(r.d3), d7: num(r.d7), d30: num(r.d30), allTime: Number(r.all_time),
  }));
}
