import type { Queryable } from '../../db/client';
import { attributionKeyOf } from '../tracker/attribution-key-of';
import type { ParsedFeed } from './parse-feed';

export type SaveFeedInput = {
  showId: number;
  feed: ParsedFeed;
  /** This tracker's own hosts, so enclosures already prefixed with it attribute to the media URL. */
  selfHosts?: ReadonlySet<string>;
};

/**
 * Writes a show's feed data inside the caller's transaction: show metadata, every episode
 * (upserted by guid), and every enclosure URL the episode has ever had (kept when it changes).
 * Returns the number of episodes in the feed and of URLs newly recorded.
 */
export async function saveFeed(tx: Queryable, { showId, feed, selfHosts }: SaveFeedInput): Promise<{ episodes: number; newUrls: number }> {
  const s = feed.show;
  await tx.query(
    `UPDATE shows SET title = $2, link = $3, image_url = $4, author = $5, language = $6,
       podcast_guid = coalesce($7, podcast_guid) WHERE id = $1`,
    [showId, s.title, s.link, s.imageUrl, s.author, s.language, s.podcastGuid],
  );
  const eps = feed.episodes;
  if (eps.length === 0) return { episodes: 0, newUrls: 0 };
  const rows = await tx.query<{ id: number; guid: string }>(
    `INSERT INTO episodes (show_id, guid, title, published_at, enclosure_url, enclosure_type, enclosure_length,
                           duration_seconds, season, episode_number, image_url)
     SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::int8[],
                                $8::int[], $9::int[], $10::int[], $11::text[]) AS u
     ON CONFLICT (show_id, guid) DO UPDATE SET title = excluded.title, published_at = excluded.published_at,
       enclosure_url = excluded.enclosure_url, enclosure_type = excluded.enclosure_type,
       enclosure_length = excluded.enclosure_length, duration_seconds = excluded.duration_seconds,
       season = excluded.season, episode_number = excluded.episode_number, image_url = excluded.image_url, updated_at = now()
     RETURNING id, guid`,
    [
      showId, eps.map((e) => e.guid), eps.map((e) => e.title), eps.map((e) => e.publishedAt?.toISOString() ?? null),
      eps.map((e) => e.enclosureUrl), eps.map((e) => e.enclosureType), eps.map((e) => e.enclosureLength),
      eps.map((e) => e.durationSeconds), eps.map((e) => e.season), eps.map((e) => e.episodeNumber), eps.map((e) => e.imageUrl),
    ],
  );
  const idByGuid = new Map(rows.map((r) => [r.guid, Number(r.id)]));
  const keys: string[] = [];
  const episodeIds: number[] = [];
  const urls: string[] = [];
  const hosts: string[] = [];
  for (const e of eps) {
    if (!e.enclosureUrl) continue;
    const k = attributionKeyOf(e.enclosureUrl, selfHosts);
    const id = idByGuid.get(e.guid);
    if (!k || id === undefined) continue;
    keys.push(k.key);
    episodeIds.push(id);
    urls.push(e.enclosureUrl);
    hosts.push(k.host);
  }
  const inserted = await tx.query<{ url_key: string }>(
    `INSERT INTO episode_urls (show_id, url_key, episode_id, url, host)
     SELECT $1, u.* FROM unnest($2::text[], $3::int8[], $4::text[], $5::text[]) AS u
     ON CONFLICT (show_id, url_key) DO NOTHING RETURNING url_key`,
    [showId, keys, episodeIds, urls, hosts],
  );
  return { episodes: eps.length, newUrls: inserted.length };
}
