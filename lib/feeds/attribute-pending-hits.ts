import type { Db } from '../../db/client';
import { ensureHitPartitions } from '../../db/ensure-hit-partitions';
import type { AttributionIndex } from '../tracker/attribution-index';

const COLS = `source, method, target, range_header, referer, podcast_guid, listener_hash, country, region, ua_type, app,
  device, device_category, os, browser, web_player, is_bot, status, bytes`;

/**
 * Moves pending hits that the (freshly refreshed) index now attributes to an episode into
 * `hits`, in one transaction: each moved row is deleted from pending_hits and inserted into
 * hits with the same id, so nothing is duplicated or lost. Resolution is the tracker's own
 * (AttributionIndex.resolve), per distinct (url key, podcast guid).
 */
export async function attributePendingHits(db: Db, index: AttributionIndex): Promise<number> {
  const groups = await db.query<{ url_key: string; podcast_guid: string | null }>(
    'SELECT DISTINCT url_key, podcast_guid FROM pending_hits',
  );
  const keys: string[] = [];
  const guids: Array<string | null> = [];
  const shows: number[] = [];
  const episodes: number[] = [];
  for (const g of groups) {
    const a = index.resolve(g.url_key, g.podcast_guid);
    if (!a || a.episodeId === null) continue;
    keys.push(g.url_key);
    guids.push(g.podcast_guid);
    shows.push(a.showId);
    episodes.push(a.episodeId);
  }
  if (!keys.length) return 0;
  const months = await db.query<{ m: string }>(
    `SELECT DISTINCT to_char(date_trunc('month', ts AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS m FROM pending_hits WHERE url_key = ANY($1::text[])`,
    [keys],
  );
  await ensureHitPartitions(db, months.map((r) => new Date(`${r.m}T00:00:00Z`)));
  return db.transaction(async (tx) => {
    const moved = await tx.query<{ n: number }>(
      `WITH a AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[]) AS a(url_key, podcast_guid, show_id, episode_id)
       ), moved AS (
         DELETE FROM pending_hits p USING a
         WHERE p.url_key = a.url_key AND p.podcast_guid IS NOT DISTINCT FROM a.podcast_guid
         RETURNING p.*, a.show_id AS a_show, a.episode_id AS a_episode
       ), ins AS (
         INSERT INTO hits (show_id, ts, id, episode_id, ${COLS})
         SELECT a_show, ts, id, a_episode, ${COLS} FROM moved
         ON CONFLICT (show_id, ts, id) DO NOTHING
       )
       SELECT count(*)::int AS n FROM moved`,
      [keys, guids, shows, episodes],
    );
    return Number(moved[0]?.n ?? 0);
  });
}
