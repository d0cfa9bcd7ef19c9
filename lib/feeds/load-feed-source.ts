import fs from 'node:fs';
import { decodeFeedBytes } from './decode-feed-bytes';
import { fetchFeed } from './fetch-feed';
import { FeedError, parseFeed, type ParsedFeed } from './parse-feed';

export type FeedSource = { feed: ParsedFeed; feedUrl: string | null; etag: string | null; lastModified: string | null };

/**
 * Reads a feed from an http(s) URL or a local file and parses it. For a file, the feed URL
 * is the one the feed states for itself (<atom:link rel="self">), if any.
 */
export async function loadFeedSource(source: string, opts: { allowPrivate?: boolean } = {}): Promise<FeedSource> {
  if (/^https?:\/\//i.test(source)) {
    const r = await fetchFeed(source, { allowPrivate: opts.allowPrivate });
    if (r.notModified) throw new FeedError('unexpected 304 Not Modified');
    return { feed: parseFeed(decodeFeedBytes(r.bytes), r.url), feedUrl: r.url, etag: r.etag, lastModified: r.lastModified };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new FeedError(`feeds are read over http(s) or from a file, not ${source.split(':')[0]}`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(source);
  } catch (err) {
    throw new FeedError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const feed = parseFeed(decodeFeedBytes(bytes), null);
  return { feed, feedUrl: feed.show.selfUrl, etag: null, lastModified: null };
}
