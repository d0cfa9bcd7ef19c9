import { splitTarget } from '../tracker/split-target';
import { attributionKeyOf } from '../tracker/attribution-key-of';
import { urlKey } from '../tracker/url-key';
import type { FeedEpisode } from './parse-feed';

const NO_HOSTS: ReadonlySet<string> = new Set();

export type PrefixCheck = {
  ours: number;
  otherPrefix: number;
  none: number;
  /** The exact edit for one enclosure that does not go through this tracker yet. */
  example: { before: string; after: string } | null;
};

/** The enclosure URL with this tracker's prefix in front (other prefixes kept behind it). */
export function prefixedUrl(publicUrl: string, enclosureUrl: string): string {
  return `${publicUrl}/e/${enclosureUrl.replace(/^https:\/\//i, '')}`;
}

/** How many enclosures already go through this tracker, through other prefixes only, or through none. */
export function checkPrefixes(episodes: FeedEpisode[], publicUrl: string, selfHosts: ReadonlySet<string>): PrefixCheck {
  const check: PrefixCheck = { ours: 0, otherPrefix: 0, none: 0, example: null };
  for (const e of episodes) {
    if (!e.enclosureUrl) continue;
    const raw = splitTarget(e.enclosureUrl.replace(/[?#].*$/s, ''));
    if (!raw.ok) continue;
    const inner = attributionKeyOf(e.enclosureUrl, selfHosts)?.key;
    // Our prefix is in the chain when unwrapping through our own hosts gets further than without them.
    const throughUs = inner !== attributionKeyOf(e.enclosureUrl, NO_HOSTS)?.key;
    const chained = inner !== urlKey(raw.parts);
    if (throughUs) check.ours++;
    else {
      if (chained) check.otherPrefix++;
      else check.none++;
      check.example ??= { before: e.enclosureUrl, after: prefixedUrl(publicUrl, e.enclosureUrl) };
    }
  }
  return check;
}
