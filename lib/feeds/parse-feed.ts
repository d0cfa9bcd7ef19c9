import { XMLParser } from 'fast-xml-parser';
import { podcastGuidForFeedUrl } from './podcast-guid-for-feed-url';
import { decodeHtmlEntities } from './decode-html-entities';

export type FeedShow = {
  title: string;
  link: string | null;
  imageUrl: string | null;
  author: string | null;
  language: string | null;
  /** The feed's own URL as it states it (<atom:link rel="self">), if any. */
  selfUrl: string | null;
  podcastGuid: string;
  /** True when the feed has its own podcast:guid (not derived from the URL). */
  guidFromFeed: boolean;
};

export type FeedEpisode = {
  guid: string;
  title: string;
  publishedAt: Date | null;
  enclosureUrl: string | null;
  enclosureType: string | null;
  enclosureLength: number | null;
  durationSeconds: number | null;
  season: number | null;
  episodeNumber: number | null;
  imageUrl: string | null;
};

export type ParsedFeed = { show: FeedShow; episodes: FeedEpisode[] };

export class FeedError extends Error {
  override name = 'FeedError';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  processEntities: { enabled: true, maxTotalExpansions: 10_000_000, maxExpandedLength: 100_000_000 },
  isArray: (name) => ['item', 'enclosure', 'link', 'itunes:image', 'image', 'podcast:guid', 'guid', 'itunes:author', 'author', 'title', 'pubDate'].includes(name),
  maxNestedTags: 200,
});

type Node = Record<string, unknown> | string | undefined;

/** The text of an element that may be a string, an object with #text, or an array of those. */
function text(v: unknown): string | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = text(x);
      if (t) return t;
    }
    return null;
  }
  if (typeof v === 'string') return decodeHtmlEntities(v).trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Record<string, unknown>)['#text']);
  return null;
}

function attr(v: unknown, name: string): string | null {
  const first = Array.isArray(v) ? v[0] : v;
  if (first && typeof first === 'object') {
    const a = (first as Record<string, unknown>)[`@_${name}`];
    return typeof a === 'string' && a.trim() ? a.trim() : null;
  }
  return null;
}

function int(s: string | null): number | null {
  if (!s) return null;
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** itunes:duration as seconds: `3600`, `1:00:00`, `59:59`. */
function duration(s: string | null): number | null {
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s));
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})$/.exec(s);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

function date(s: string | null): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Resolves a possibly relative URL against the feed URL; keeps http(s) only. */
function absolute(u: string | null, base: string | null): string | null {
  if (!u) return null;
  try {
    const url = base ? new URL(u, base) : new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Parses an RSS 2.0 feed (iTunes and Podcasting 2.0 namespaces). Odd feeds are tolerated:
 * missing guids fall back to the enclosure URL, relative enclosures resolve against the
 * feed URL, duplicate guids keep their first item. Throws FeedError when it is not a feed.
 */
export function parseFeed(xml: string, feedUrl: string | null): ParsedFeed {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (err) {
    throw new FeedError(`not a valid XML feed: ${(err as Error).message.split('\n')[0]}`);
  }
  const rss = doc.rss as Record<string, unknown> | undefined;
  const channel = (Array.isArray(rss?.channel) ? rss?.channel[0] : rss?.channel) as Record<string, Node> | undefined;
  if (!channel || typeof channel !== 'object') throw new FeedError('not an RSS feed (no <rss><channel>)');
  const title = text(channel.title);
  if (!title) throw new FeedError('the feed has no channel title');
  const atomLinks = ([] as unknown[]).concat(channel['atom:link'] ?? []);
  const selfLink = atomLinks.find((l) => attr(l, 'rel') === 'self');
  const selfUrl = absolute(selfLink ? attr(selfLink, 'href') : null, feedUrl);
  const ownGuid = text(channel['podcast:guid']);
  const guidOk = ownGuid && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ownGuid);
  const show: FeedShow = {
    title,
    link: absolute(text(channel.link), feedUrl),
    imageUrl: absolute(attr(channel['itunes:image'], 'href') ?? text((channel.image as unknown as Array<Record<string, unknown>>)?.[0]?.url), feedUrl),
    author: text(channel['itunes:author']) ?? text(channel.author),
    language: text(channel.language),
    selfUrl,
    podcastGuid: guidOk ? ownGuid.toLowerCase() : podcastGuidForFeedUrl(feedUrl ?? selfUrl ?? title),
    guidFromFeed: Boolean(guidOk),
  };
  const items = (Array.isArray(channel.item) ? channel.item : []) as Array<Record<string, unknown>>;
  const seen = new Set<string>();
  const episodes: FeedEpisode[] = [];
  for (const it of items) {
    if (!it || typeof it !== 'object') continue;
    const enclosureUrl = absolute(attr(it.enclosure, 'url'), feedUrl);
    const guid = text(it.guid) ?? enclosureUrl ?? text(it.link) ?? text(it.title);
    if (!guid || seen.has(guid)) continue;
    seen.add(guid);
    episodes.push({
      guid,
      title: text(it.title) ?? text(it['itunes:title']) ?? guid,
      publishedAt: date(text(it.pubDate)),
      enclosureUrl,
      enclosureType: attr(it.enclosure, 'type'),
      enclosureLength: int(attr(it.enclosure, 'length')),
      durationSeconds: duration(text(it['itunes:duration'])),
      season: int(text(it['itunes:season']) ?? attr(it['podcast:season'], 'name') ?? text(it['podcast:season'])),
      episodeNumber: int(text(it['itunes:episode']) ?? text(it['podcast:episode'])),
      imageUrl: absolute(attr(it['itunes:image'], 'href'), feedUrl),
    });
  }
  return { show, episodes };
}
