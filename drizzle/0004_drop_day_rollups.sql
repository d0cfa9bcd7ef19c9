-- Backfill the hourly and listener rollups from what earlier versions counted.
INSERT INTO "rollup_episode_hour" ("show_id", "episode_id", "hour", "downloads", "bot_downloads")
SELECT "show_id", "episode_id", date_trunc('hour', "ts" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
       count(*) FILTER (WHERE NOT "is_bot"), count(*) FILTER (WHERE "is_bot")
FROM "downloads" GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "rollup_hits_hour" ("show_id", "episode_id", "hour", "hits")
SELECT h."show_id", h."episode_id", date_trunc('hour', h."ts" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*)
FROM "hits" h WHERE h."received_at" <= coalesce((SELECT "watermark" FROM "job_state" WHERE "job" = 'count-downloads'), '-infinity')
GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "listener_month" ("show_id", "month", "listener_hash", "is_bot", "app", "country", "region", "device", "os")
SELECT DISTINCT ON ("show_id", date_trunc('month', "day"::timestamp)::date, "listener_hash", "is_bot")
       "show_id", date_trunc('month', "day"::timestamp)::date, "listener_hash", "is_bot", "app", "country", "region", "device", "os"
FROM "downloads" ORDER BY "show_id", date_trunc('month', "day"::timestamp)::date, "listener_hash", "is_bot", "ts";--> statement-breakpoint
INSERT INTO "listener_episode_month" ("show_id", "episode_id", "month", "listener_hash", "is_bot")
SELECT DISTINCT "show_id", "episode_id", date_trunc('month', "day"::timestamp)::date, "listener_hash", "is_bot" FROM "downloads";--> statement-breakpoint
INSERT INTO "listener_day" ("show_id", "day", "listener_hash", "is_bot")
SELECT DISTINCT "show_id", "day", "listener_hash", "is_bot" FROM "downloads";--> statement-breakpoint
INSERT INTO "rollup_listeners" ("show_id", "scope", "period", "value", "listeners", "bot_listeners")
SELECT "show_id", "scope", "period", "value", count(*) FILTER (WHERE NOT "is_bot"), count(*) FILTER (WHERE "is_bot") FROM (
  SELECT m."show_id", d."scope", m."month" AS "period", d."value", m."is_bot" FROM "listener_month" m
  CROSS JOIN LATERAL (VALUES ('month', ''), ('app', m."app"), ('country', m."country"::text), ('region', m."region"), ('device', m."device"), ('os', m."os")) AS d("scope", "value")
  UNION ALL SELECT "show_id", 'episode', "month", "episode_id"::text, "is_bot" FROM "listener_episode_month"
  UNION ALL SELECT "show_id", 'day', "day", '', "is_bot" FROM "listener_day"
) q GROUP BY 1, 2, 3, 4;--> statement-breakpoint
DROP TABLE "rollup_episode_day" CASCADE;--> statement-breakpoint
DROP TABLE "rollup_hits_day" CASCADE;