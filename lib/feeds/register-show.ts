import type { Runtime } from '../runtime/start-runtime';
import { addShow, type AddedShow } from './add-show';
import { checkPrefixes, type PrefixCheck } from './check-prefixes';
import { decodeFeedBytes } from './decode-feed-bytes';
import { fetchFeed } from './fetch-feed';
import { FeedError, parseFeed } from './parse-feed';
import type { FeedSource } from './load-feed-source';

/**
 * Adds a show from the web (API or settings page): a feed URL fetched over http(s) with the
 * usual guards, or a pasted feed document — never a path on the server. Returns the show and
 * the prefix check; the server's attribution index picks the new episodes up at once.
 */
export async function registerShow(
  rt: Runtime,
  input: { feedUrl?: string; feedXml?: string; slug?: string },
): Promise<AddedShow & { prefix: string; check: PrefixCheck }> {
  let src: FeedSource;
  if (input.feedUrl) {
    if (!/^https?:\/\//i.test(input.feedUrl)) throw new FeedError('the feed URL must start with http:// or https://');
    const r = await fetchFeed(input.feedUrl, { allowPrivate: rt.config.allowPrivateFeeds });
    if (r.notModified) throw new FeedError('unexpected 304 Not Modified');
    src = { feed: parseFeed(decodeFeedBytes(r.bytes), r.url), feedUrl: r.url, etag: r.etag, lastModified: r.lastModified };
  } else if (input.feedXml) {
    const feed = parseFeed(decodeFeedBytes(Buffer.from(input.feedXml, 'utf8')), null);
    src = { feed, feedUrl: feed.show.selfUrl, etag: null, lastModified: null };
  } else {
    throw new FeedError('give a feed URL or paste the feed');
  }
  const added = await addShow(rt.db, src, { slug: input.slug, selfHosts: rt.config.selfHosts });
  await rt.index.refresh(rt.db, true).catch(() => undefined);
  return { ...added, prefix: `${rt.config.publicUrl}/e/`, check: checkPrefixes(src.feed.episodes, rt.config.publicUrl, rt.config.selfHosts) };
}
