import { splitTarget, type TargetParts } from './split-target';

export const MAX_TARGET_BYTES = 2048;

export type TrackerUrl = {
  /** The Location header: the target with its scheme, and the query passed on unchanged. */
  location: string;
  target: TargetParts;
  podcastGuid: string | null;
};

export type ParseResult = { ok: true; url: TrackerUrl } | { ok: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for request paths the tracker answers: `/e/…` and `/e,params/…`. */
export function isTrackerPath(rawUrl: string): boolean {
  return rawUrl.startsWith('/e/') || rawUrl.startsWith('/e,');
}

/**
 * Parses a raw request URL (`req.url`, nothing decoded) of the form
 * `/e/<target>` or `/e,pg=<guid>/<target>` per SPEC §2.
 */
export function parseTrackerUrl(rawUrl: string): ParseResult {
  const q = rawUrl.indexOf('?');
  const pathPart = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? null : rawUrl.slice(q + 1);
  let podcastGuid: string | null = null;
  let target: string;
  if (pathPart.startsWith('/e/')) {
    target = pathPart.slice(3);
  } else if (pathPart.startsWith('/e,')) {
    const slash = pathPart.indexOf('/', 3);
    if (slash === -1) return { ok: false, reason: 'no target URL after the parameters' };
    for (const param of pathPart.slice(3, slash).split(',')) {
      const eq = param.indexOf('=');
      if (eq === -1) continue;
      const name = param.slice(0, eq).toLowerCase();
      const value = param.slice(eq + 1);
      if (name === 'pg' && GUID.test(value)) podcastGuid = value.toLowerCase();
    }
    target = pathPart.slice(slash + 1);
  } else {
    return { ok: false, reason: 'not a tracker path (expected /e/<target>)' };
  }
  const full = query === null ? target : `${target}?${query}`;
  if (Buffer.byteLength(full, 'latin1') > MAX_TARGET_BYTES) {
    return { ok: false, reason: `target URL longer than ${MAX_TARGET_BYTES} bytes` };
  }
  // eslint-disable-next-line no-control-regex
  if (query !== null && /[\x00-\x20\x7f]/.test(query)) {
    return { ok: false, reason: 'control characters or spaces in the query string' };
  }
  const split = splitTarget(target);
  if (!split.ok) return split;
  const t = split.parts;
  const location = `${t.scheme}://${t.authority}${t.path}${query === null ? '' : `?${query}`}`;
  return { ok: true, url: { location, target: t, podcastGuid } };
}
