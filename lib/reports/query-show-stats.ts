import type { Queryable } from '../../db/client';
import type { StatsBy, StatsParams } from './stats-params';

export type StatsPoint = { key: string; label: string; downloads: number; listeners: number };
export type ShowStats = {
  from: string;
  to: string;
  tz: string;
  by: StatsBy;
  totals: { hits: number; downloads: number; listeners: number };
  series: StatsPoint[];
};

export class StatsInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Dimension → column of `downloads` (fixed whitelist, never from input). */
const DIMENSION_COLUMN: Partial<Record<StatsBy, string>> = { app: 'app', country: 'country', region: 'region', device: 'device', os: 'os', web_player: "coalesce(web_player, '')" };

/**
 * The one read path for the API and the dashboard (SPEC §6): totals and one series for a show
 * over local dates [from, to] in `tz`. Downloads come from the hourly episode rollup (or, with
 * an app/country filter or a dimension breakdown, from `downloads`, the per-download rollup that
 * carries every dimension); hits from the hourly hit rollup (every request, bots and HEAD
 * included; the app/country filters do not apply to it); listeners are distinct
 * (month, listener hash) pairs among the counted downloads — a listener counts once per month.
 */
export async function queryShowStats(db: Queryable, showId: number, p: StatsParams): Promise<ShowStats> {
  let episodeId: number | null = null;
  if (p.episode) {
    const [e] = await db.query<{ id: number }>('SELECT id FROM episodes WHERE show_id = $1 AND guid = $2', [showId, p.episode]);
    if (!e) throw new StatsInputError('episode', `no episode with guid "${p.episode}" in this show`);
    episodeId = Number(e.id);
  }
  const args = [showId, p.from, p.to, p.tz, p.includeBots, episodeId, p.app ?? null, p.country ?? null];
  const start = `($2::date::timestamp AT TIME ZONE $4)`;
  const end = `(($3::date + 1)::timestamp AT TIME ZONE $4)`;
  const tableRows = `SELECT episode_id, ts, 1 AS n, listener_hash, date_trunc('month', day::timestamp) AS month, app, country, region, device, os, web_player
    FROM downloads WHERE show_id = $1 AND day >= $2::date - 1 AND day <= $3::date + 1 AND ts >= ${start} AND ts < ${end}
      AND ($5 OR NOT is_bot) AND ($6::bigint IS NULL OR episode_id = $6) AND ($7::text IS NULL OR app = $7) AND ($8::text IS NULL OR country = $8)`;
  const dimension = DIMENSION_COLUMN[p.by];
  const useTable = Boolean(p.app || p.country || dimension);
  const countRows = useTable
    ? tableRows
    : `SELECT episode_id, hour AS ts, downloads + CASE WHEN $5 THEN bot_downloads ELSE 0 END AS n FROM rollup_episode_hour
       WHERE show_id = $1 AND hour >= ${start} AND hour < ${end} AND ($6::bigint IS NULL OR episode_id = $6)`;

  const [totals] = await db.query<{ hits: number; downloads: number; listeners: number }>(
    `SELECT (SELECT coalesce(sum(hits), 0) FROM rollup_hits_hour WHERE show_id = $1 AND hour >= ${start} AND hour < ${end}
               AND ($6::bigint IS NULL OR episode_id = $6))::bigint AS hits,
            (SELECT coalesce(sum(n), 0) FROM (${countRows}) c)::bigint AS downloads,
            (SELECT count(DISTINCT (month, listener_hash)) FROM (${tableRows}) l)::bigint AS listeners`,
    args,
  );

  let series: StatsPoint[];
  if (p.by === 'day') {
    const rows = await db.query<{ key: string; downloads: number; listeners: number }>(
      `WITH days AS (SELECT generate_series($2::date, $3::date, interval '1 day')::date AS day),
       d AS (SELECT (ts AT TIME ZONE $4)::date AS day, sum(n) AS downloads FROM (${countRows}) c GROUP BY 1),
       l AS (SELECT (ts AT TIME ZONE $4)::date AS day, count(DISTINCT (month, listener_hash)) AS listeners FROM (${tableRows}) t GROUP BY 1)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS key, coalesce(d.downloads, 0)::bigint AS downloads, coalesce(l.listeners, 0)::bigint AS listeners
       FROM days LEFT JOIN d USING (day) LEFT JOIN l USING (day) ORDER BY days.day`,
      args,
    );
    series = rows.map((r) => ({ key: r.key, label: r.key, downloads: Number(r.downloads), listeners: Number(r.listeners) }));
  } else if (p.by === 'hour') {
    const rows = await db.query<{ key: string; label: string; downloads: number; listeners: number }>(
      `WITH hours AS (SELECT generate_series(${start}, ${end} - interval '1 hour', interval '1 hour') AS hour),
       d AS (SELECT date_trunc('hour', ts AT TIME ZONE 'UTC') AS h, sum(n) AS downloads FROM (${countRows}) c GROUP BY 1),
       l AS (SELECT date_trunc('hour', ts AT TIME ZONE 'UTC') AS h, count(DISTINCT (month, listener_hash)) AS listeners FROM (${tableRows}) t GROUP BY 1)
       SELECT to_char(hours.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS key,
              to_char(hours.hour AT TIME ZONE $4, 'YYYY-MM-DD HH24:MI') AS label,
              coalesce(d.downloads, 0)::bigint AS downloads, coalesce(l.listeners, 0)::bigint AS listeners
       FROM hours LEFT JOIN d ON d.h = hours.hour AT TIME ZONE 'UTC' LEFT JOIN l ON l.h = hours.hour AT TIME ZONE 'UTC' ORDER BY hours.hour`,
      args,
    );
    series = rows.map((r) => ({ key: r.key, label: r.label, downloads: Number(r.downloads), listeners: Number(r.listeners) }));
  } else if (p.by === 'episode') {
    const rows = await db.query<{ key: string; label: string; downloads: number; listeners: number }>(
      `WITH d AS (SELECT episode_id, sum(n) AS downloads FROM (${countRows}) c GROUP BY 1),
       l AS (SELECT episode_id, count(DISTINCT (month, listener_hash)) AS listeners FROM (${tableRows}) t GROUP BY 1)
       SELECT e.guid AS key, e.title AS label, d.downloads::bigint AS downloads, coalesce(l.listeners, 0)::bigint AS listeners
       FROM d JOIN episodes e ON e.show_id = $1 AND e.id = d.episode_id LEFT JOIN l USING (episode_id)
       WHERE d.downloads > 0 ORDER BY d.downloads DESC, e.published_at DESC NULLS LAST, e.guid`,
      args,
    );
    series = rows.map((r) => ({ key: r.key, label: r.label, downloads: Number(r.downloads), listeners: Number(r.listeners) }));
  } else {
    const rows = await db.query<{ key: string; downloads: number; listeners: number }>(
      `SELECT ${dimension}::text AS key, count(*)::bigint AS downloads, count(DISTINCT (month, listener_hash))::bigint AS listeners
       FROM (${tableRows}) t GROUP BY 1 ORDER BY 2 DESC, 1`,
      args,
    );
    series = rows.map((r) => ({ key: r.key, label: r.key, downloads: Number(r.downloads), listeners: Number(r.listeners) }));
  }
  return {
    from: p.from, to: p.to, tz: p.tz, by: p.by,
    totals: { hits: Number(totals!.hits), downloads: Number(totals!.downloads), listeners: Number(totals!.listeners) },
    series,
  };
}
