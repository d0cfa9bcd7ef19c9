import type { Db } from '../../db/client';

/** Reports and the API include every hit received more than this long ago (SPEC §3). */
export const COUNT_LAG_SECONDS = 5;

export type CountResult = { hits: number; downloads: number; watermark: string };

/**
 * The counting engine (SPEC §3, IAB v2.3), in SQL on the server, incremental: only hits
 * received since the last run (and more than COUNT_LAG_SECONDS ago) are read. A hit is a
 * download when it is a GET, not a probe (`Range: bytes=0-0|0-1`; in imported media-server
 * logs only 200/206 count and a 206 of at most 2 bytes is a probe; prefix logs only 302), attributed
 * (only attributed hits are in `hits`), and the first such hit of its (episode, listener
 * hash, UTC day) — the primary key of `downloads` with ON CONFLICT DO NOTHING. Bots pass the
 * same rules into a separate measure. Rollups are incremented from the rows actually inserted.
 * One transaction under an advisory lock: two counters never double count.
 */
export async function countDownloads(db: Db, opts: { lagSeconds?: number } = {}): Promise<CountResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7230432)');
    await tx.query("SET LOCAL work_mem = '64MB'");
    await tx.query("INSERT INTO job_state (job, watermark) VALUES ('count-downloads', '-infinity') ON CONFLICT (job) DO NOTHING");
    const [state] = await tx.query<{ from_ts: string; upto: string }>(
      `SELECT watermark::text AS from_ts, greatest(watermark, now() - make_interval(secs => $1))::text AS upto FROM job_state WHERE job = 'count-downloads'`,
      [opts.lagSeconds ?? COUNT_LAG_SECONDS],
    );
    const [r] = await tx.query<{ hits: number; downloads: number }>(
      `WITH new_hits AS (
         SELECT * FROM hits WHERE received_at > $1::timestamptz AND received_at <= $2::timestamptz
       ), hits_rollup AS (
         INSERT INTO rollup_hits_hour (show_id, episode_id, hour, hits)
         SELECT show_id, episode_id, date_trunc('hour', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*) FROM new_hits GROUP BY 1, 2, 3
         ON CONFLICT (show_id, episode_id, hour) DO UPDATE SET hits = rollup_hits_hour.hits + excluded.hits
       ), candidates AS (
         SELECT DISTINCT ON (show_id, episode_id, day, hash, is_bot)
                show_id, episode_id, day, hash, is_bot, ts, app, country, region, device, os, web_player
         FROM (
           SELECT show_id, episode_id, (ts AT TIME ZONE 'UTC')::date AS day, coalesce(listener_hash, '\\x'::bytea) AS hash,
                  is_bot, ts, app, country, region, coalesce(device_category, 'unknown') AS device, coalesce(os, 'Unknown') AS os, web_player
           FROM new_hits
           WHERE method = 'GET'
             AND (range_header IS NULL OR range_header !~* '^\\s*bytes\\s*=\\s*0\\s*-\\s*[01]\\s*$')
             AND CASE WHEN source = 'import-file'
                      THEN status IN (200, 206) AND NOT (status = 206 AND coalesce(bytes, 3) <= 2)
                      ELSE status IS NULL OR status = 302 END
         ) q
         ORDER BY show_id, episode_id, day, hash, is_bot, ts
       ), inserted AS (
         INSERT INTO downloads (show_id, episode_id, day, listener_hash, is_bot, ts, app, country, region, device, os, web_player)
         SELECT * FROM candidates
         ON CONFLICT (show_id, episode_id, day, listener_hash, is_bot) DO NOTHING
         RETURNING show_id, episode_id, day, listener_hash, is_bot, ts, app, country, region, device, os
       ), episode_rollup AS (
         INSERT INTO rollup_episode_hour (show_id, episode_id, hour, downloads, bot_downloads)
         SELECT show_id, episode_id, date_trunc('hour', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
                count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE is_bot)
         FROM inserted GROUP BY 1, 2, 3
         ON CONFLICT (show_id, episode_id, hour) DO UPDATE SET downloads = rollup_episode_hour.downloads + excluded.downloads,
           bot_downloads = rollup_episode_hour.bot_downloads + excluded.bot_downloads
       ), dimension_rollup AS (
         INSERT INTO rollup_dimension_day (show_id, day, dimension, value, downloads, bot_downloads)
         SELECT show_id, day,
                CASE WHEN GROUPING(app) = 0 THEN 'app' WHEN GROUPING(country) = 0 THEN 'country' WHEN GROUPING(region) = 0 THEN 'region'
                     WHEN GROUPING(device) = 0 THEN 'device' ELSE 'os' END,
                CASE WHEN GROUPING(app) = 0 THEN app WHEN GROUPING(country) = 0 THEN country::text WHEN GROUPING(region) = 0 THEN region
                     WHEN GROUPING(device) = 0 THEN device ELSE os END,
                count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE is_bot)
         FROM inserted
         GROUP BY GROUPING SETS ((show_id, day, app), (show_id, day, country), (show_id, day, region), (show_id, day, device), (show_id, day, os))
         ON CONFLICT (show_id, day, dimension, value) DO UPDATE SET downloads = rollup_dimension_day.downloads + excluded.downloads,
           bot_downloads = rollup_dimension_day.bot_downloads + excluded.bot_downloads
       ), new_month AS (
         INSERT INTO listener_month (show_id, month, listener_hash, is_bot, app, country, region, device, os)
         SELECT DISTINCT ON (show_id, date_trunc('month', day::timestamp)::date, listener_hash, is_bot)
                show_id, date_trunc('month', day::timestamp)::date, listener_hash, is_bot, app, country, region, device, os
         FROM inserted ORDER BY show_id, date_trunc('month', day::timestamp)::date, listener_hash, is_bot, ts
         ON CONFLICT DO NOTHING
         RETURNING show_id, month, is_bot, app, country, region, device, os
       ), new_episode_month AS (
         INSERT INTO listener_episode_month (show_id, episode_id, month, listener_hash, is_bot)
         SELECT DISTINCT show_id, episode_id, date_trunc('month', day::timestamp)::date, listener_hash, is_bot FROM inserted
         ON CONFLICT DO NOTHING
         RETURNING show_id, episode_id, month, is_bot
       ), new_day AS (
         -- A listener is new for the day when no download of theirs that day was counted before
         -- this run (every part of one statement sees the table as it was before it).
         SELECT DISTINCT i.show_id, i.day, i.listener_hash, i.is_bot FROM inserted i
         WHERE NOT EXISTS (SELECT 1 FROM downloads d WHERE d.show_id = i.show_id AND d.day = i.day AND d.listener_hash = i.listener_hash AND d.is_bot = i.is_bot)
       ), listener_rollup AS (
         INSERT INTO rollup_listeners (show_id, scope, period, value, listeners, bot_listeners)
         SELECT show_id, scope, period, value, count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE is_bot) FROM (
           SELECT m.show_id, d.scope, m.month AS period, d.value, m.is_bot FROM new_month m
           CROSS JOIN LATERAL (VALUES ('month', ''), ('app', m.app), ('country', m.country::text), ('region', m.region), ('device', m.device), ('os', m.os)) AS d(scope, value)
           UNION ALL SELECT show_id, 'episode', month, episode_id::text, is_bot FROM new_episode_month
           UNION ALL SELECT show_id, 'day', day, '', is_bot FROM new_day
         ) q GROUP BY 1, 2, 3, 4
         ON CONFLICT (show_id, scope, period, value) DO UPDATE SET listeners = rollup_listeners.listeners + excluded.listeners,
           bot_listeners = rollup_listeners.bot_listeners + excluded.bot_listeners
       )
       SELECT (SELECT count(*) FROM new_hits)::int AS hits, (SELECT count(*) FROM inserted)::int AS downloads`,
      [state!.from_ts, state!.upto],
    );
    await tx.query("UPDATE job_state SET watermark = $1::timestamptz WHERE job = 'count-downloads'", [state!.upto]);
    return { hits: Number(r!.hits), downloads: Number(r!.downloads), watermark: state!.upto };
  });
}
