import { createHash } from 'node:crypto';

/** The Podcast Namespace's UUIDv5 namespace for podcast:guid. */
const NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/**
 * The standard podcast:guid of a feed URL (Podcasting 2.0): UUIDv5 over the URL with its
 * scheme and trailing slashes removed.
 */
export function podcastGuidForFeedUrl(feedUrl: string): string {
  const name = feedUrl.trim().replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '').replace(/\/+$/, '');
  const ns = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
