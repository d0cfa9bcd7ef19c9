import type { Db } from '../../db/client';
import { AttributionIndex } from '../tracker/attribution-index';
import { attributePendingHits } from './attribute-pending-hits';
import { FeedError } from './parse-feed';
import { saveFeed } from './save-feed';
import { makeSlug, SLUG_PATTERN } from './make-slug';
import type { FeedSource } from './load-feed-source';

export type AddedShow = { showId: number; slug: string; episodes: number; attributed: number };

/**
 * Registers a show from a loaded feed in one transaction (show, episodes, enclosure URLs),
 * then attributes pending hits that now match. A taken slug or an already registered
 * feed is a FeedError and writes nothing.
 */
export async function addShow(db: Db, src: FeedSource, opts: { slug?: string; selfHosts?: ReadonlySet<string> } = {}): Promise<AddedShow> {
  if (opts.slug !== undefined && !SLUG_PATTERN.test(opts.slug)) {
    throw new FeedError(`slug "${opts.slug}" must be 1-40 lower-case letters, digits or dashes`);
  }
  const result = await db.transaction(async (tx) => {
    if (src.feedUrl) {
      const [dup] = await tx.query<{ slug: string }>('SELECT slug FROM shows WHERE feed_url = $1', [src.feedUrl]);
      if (dup) throw new FeedError(`this feed is already registered as "${dup.slug}"`);
    }
    let slug = opts.slug ?? makeSlug(src.feed.show.title);
    const taken = async (s: string) => (await tx.query('SELECT 1 FROM shows WHERE slug = $1', [s])).length > 0;
    if (await taken(slug)) {
      if (opts.slug !== undefined) throw new FeedError(`slug "${slug}" is already taken`);
      const base = slug.slice(0, 36);
      let n = 2;
      while (await taken(`${base}-${n}`)) n++;
      slug = `${base}-${n}`;
    }
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO shows (slug, title, feed_url, podcast_guid, etag, last_modified, last_fetched_at, last_success_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now()) RETURNING id`,
      [slug, src.feed.show.title, src.feedUrl, src.feed.show.podcastGuid, src.etag, src.lastModified],
    );
    const showId = Number(row!.id);
    const saved = await saveFeed(tx, { showId, feed: src.feed, selfHosts: opts.selfHosts });
    return { showId, slug, episodes: saved.episodes };
  });
  const index = new AttributionIndex();
  await index.refresh(db, true);
  const attributed = await attributePendingHits(db, index);
  return { ...result, attributed };
}
