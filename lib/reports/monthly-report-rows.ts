import type { Queryable } from '../../db/client';
import type { ReportBy } from './report-columns';

export type ReportQuery = { showId: number; slug: string; month: string; by: ReportBy; includeBots: boolean; tz?: string };

/** The first day of `month` and of the month after it. */
function monthBounds(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return [`${month}-01`, next];
}

/**
 * The rows of one monthly report (SPEC §5), read from the rollups only: downloads from the
 * hourly episode rollup or the daily dimension rollup, listeners from the listener rollup.
 * Rows by downloads descending (ties by label); `day` in date order with every day of the
 * month, cut in `tz` when given (then the month is that zone's month and daily listeners
 * are distinct hashes among that local day's counted downloads).
 */
export async function monthlyReportRows(db: Queryable, q: ReportQuery): Promise<Array<Array<string | number>>> {
  const [from, to] = monthBounds(q.month);
  const bots = q.includeBots;
  const lead = [q.month, q.slug];
  const listenersOf = `(listeners + CASE WHEN $4 THEN bot_listeners ELSE 0 END)`;
  if (q.by === 'episode') {
    const rows = await db.query<{ guid: string; title: string; published_at: string | null; downloads: number; listeners: number }>(
      `WITH d AS (
         SELECT episode_id, sum(downloads + CASE WHEN $4 THEN bot_downloads ELSE 0 END)::int AS downloads
         FROM rollup_episode_hour
         WHERE show_id = $1 AND hour >= ($2::timestamp AT TIME ZONE 'UTC') AND hour < ($3::timestamp AT TIME ZONE 'UTC') GROUP BY 1
       ), l AS (
         SELECT value::bigint AS episode_id, ${listenersOf}::int AS listeners
         FROM rollup_listeners WHERE show_id = $1 AND scope = 'episode' AND period = $2::date
       )
       SELECT e.guid, e.title, to_char(e.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published_at,
              d.downloads, coalesce(l.listeners, 0) AS listeners
       FROM d JOIN episodes e ON e.show_id = $1 AND e.id = d.episode_id LEFT JOIN l ON l.episode_id = d.episode_id
       WHERE d.downloads > 0
       ORDER BY d.downloads DESC, e.published_at DESC NULLS LAST, e.guid`,
      [q.showId, from, to, bots],
    );
    return rows.map((r) => [...lead, r.guid, r.title, r.published_at ?? '', Number(r.downloads), Number(r.listeners)]);
  }
  if (q.by === 'day') {
    const tz = q.tz ?? 'UTC';
    const utc = tz === 'UTC';
    const rows = await db.query<{ day: string; downloads: number; listeners: number }>(
      `WITH days AS (SELECT generate_series($2::date, $3::date - 1, interval '1 day')::date AS day),
       d AS (SELECT (hour AT TIME ZONE $5)::date AS day, sum(downloads + CASE WHEN $4 THEN bot_downloads ELSE 0 END)::int AS downloads
             FROM rollup_episode_hour
             WHERE show_id = $1 AND hour >= ($2::timestamp AT TIME ZONE $5) AND hour < ($3::timestamp AT TIME ZONE $5) GROUP BY 1),
       l AS (${utc
         ? `SELECT period AS day, ${listenersOf}::int AS listeners FROM rollup_listeners
            WHERE show_id = $1 AND scope = 'day' AND period >= $2::date AND period < $3::date`
         : `SELECT (ts AT TIME ZONE $5)::date AS day, count(DISTINCT listener_hash)::int AS listeners FROM downloads
            WHERE show_id = $1 AND day >= $2::date - 1 AND day <= $3::date
              AND ts >= ($2::timestamp AT TIME ZONE $5) AND ts < ($3::timestamp AT TIME ZONE $5) AND ($4 OR NOT is_bot) GROUP BY 1`})
       SELECT to_char(days.day, 'YYYY-MM-DD') AS day, coalesce(d.downloads, 0) AS downloads, coalesce(l.listeners, 0) AS listeners
       FROM days LEFT JOIN d ON d.day = days.day LEFT JOIN l ON l.day = days.day ORDER BY days.day`,
      [q.showId, from, to, bots, tz],
    );
    return rows.map((r) => [...lead, r.day, Number(r.downloads), Number(r.listeners)]);
  }
  const rows = await db.query<{ value: string; downloads: number; listeners: number }>(
    `WITH d AS (
       SELECT value, sum(downloads + CASE WHEN $4 THEN bot_downloads ELSE 0 END)::int AS downloads
       FROM rollup_dimension_day WHERE show_id = $1 AND dimension = $5 AND day >= $2::date AND day < $3::date GROUP BY 1
     ), l AS (
       SELECT value, ${listenersOf}::int AS listeners
       FROM rollup_listeners WHERE show_id = $1 AND scope = $5 AND period = $2::date
     )
     SELECT d.value, d.downloads, coalesce(l.listeners, 0) AS listeners FROM d LEFT JOIN l ON l.value = d.value
     WHERE d.downloads > 0 ORDER BY d.downloads DESC, d.value`,
    [q.showId, from, to, bots, q.by],
  );
  return rows.map((r) => [...lead, r.value, Number(r.downloads), Number(r.listeners)]);
}
