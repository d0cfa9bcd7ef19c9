import type { Db } from '../../db/client';
import type { AttributionIndex } from '../tracker/attribution-index';
import { attributePendingHits } from './attribute-pending-hits';
import { decodeFeedBytes } from './decode-feed-bytes';
import { fetchFeed } from './fetch-feed';
import { parseFeed } from './parse-feed';
import { saveFeed } from './save-feed';

export type RefreshResult = {
  shows: number;
  updated: number;
  notModified: number;
  failed: Array<{ slug: string; error: string }>;
  newUrls: number;
  attributed: number;
};

/**
 * Re-reads every registered feed (conditional GET), adds new episodes and enclosure URLs
 * (one transaction per show), records each show's last success or error, then reloads the
 * attribution index and attributes pending hits that now match.
 */
export async function refreshFeeds(
  db: Db,
  index: AttributionIndex,
  opts: { allowPrivate?: boolean; selfHosts?: ReadonlySet<string>; slug?: string } = {},
): Promise<RefreshResult> {
  const shows = await db.query<{ id: number; slug: string; feed_url: string; etag: string | null; last_modified: string | null }>(
    'SELECT id, slug, feed_url, etag, last_modified FROM shows WHERE feed_url IS NOT NULL AND ($1::text IS NULL OR slug = $1) ORDER BY id',
    [opts.slug ?? null],
  );
  const result: RefreshResult = { shows: shows.length, updated: 0, notModified: 0, failed: [], newUrls: 0, attributed: 0 };
  for (const s of shows) {
    try {
      const r = await fetchFeed(s.feed_url, { etag: s.etag, lastModified: s.last_modified, allowPrivate: opts.allowPrivate });
      if (r.notModified) {
        await db.query('UPDATE shows SET last_fetched_at = now(), last_success_at = now(), last_error = NULL WHERE id = $1', [s.id]);
        result.notModified++;
        continue;
      }
      const feed = parseFeed(decodeFeedBytes(r.bytes), r.url);
      const saved = await db.transaction(async (tx) => {
        const out = await saveFeed(tx, { showId: Number(s.id), feed, selfHosts: opts.selfHosts });
        await tx.query(
          'UPDATE shows SET etag = $2, last_modified = $3, last_fetched_at = now(), last_success_at = now(), last_error = NULL WHERE id = $1',
          [s.id, r.etag, r.lastModified],
        );
        return out;
      });
      result.updated++;
      result.newUrls += saved.newUrls;
    } catch (err) {
      const message = (err as Error).message.split('\n')[0]!.slice(0, 500);
      await db.query('UPDATE shows SET last_fetched_at = now(), last_error = $2 WHERE id = $1', [s.id, message]);
      result.failed.push({ slug: s.slug, error: message });
    }
  }
  await index.refresh(db, true);
  result.attributed = await attributePendingHits(db, index);
  return result;
}
