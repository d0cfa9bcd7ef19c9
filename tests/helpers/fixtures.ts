import type { Queryable } from '../../db/client';
import { attributionKeyOf } from '../../lib/tracker/attribution-key-of';

/**
 * Inserts a show with episodes whose enclosures are the given URLs (until the feeds issue
 * exists, tests register shows directly). Returns the ids.
 */
export async function insertShow(
  db: Queryable,
  slug: string,
  enclosures: string[],
  podcastGuid: string | null = null,
): Promise<{ showId: number; episodeIds: number[] }> {
  const [show] = await db.query<{ id: number }>(
    'INSERT INTO shows (slug, title, podcast_guid) VALUES ($1, $2, $3) RETURNING id',
    [slug, `Show ${slug}`, podcastGuid],
  );
  const showId = Number(show!.id);
  const episodeIds: number[] = [];
  for (const [i, url] of enclosures.entries()) {
    const [ep] = await db.query<{ id: number }>(
      'INSERT INTO episodes (show_id, guid, title, published_at) VALUES ($1, $2, $3, now()) RETURNING id',
      [showId, `guid-${slug}-${i}`, `Episode ${i + 1}`],
    );
    const k = attributionKeyOf(url);
    if (!k) throw new Error(`bad fixture URL ${url}`);
    await db.query('INSERT INTO episode_urls (show_id, url_key, episode_id, url, host) VALUES ($1, $2, $3, $4, $5)', [
      showId, k.key, Number(ep!.id), url, k.host,
    ]);
    episodeIds.push(Number(ep!.id));
  }
  return { showId, episodeIds };
}
