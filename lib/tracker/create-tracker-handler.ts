import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTrackerUrl } from './parse-tracker-url';
import { unwrapPrefixChain } from './unwrap-prefix-chain';
import { isMediaPath } from './is-media-path';
import { urlKey } from './url-key';
import { resolveClientIp } from './resolve-client-ip';
import type { HitRecord } from './hit-record';
import type { AttributionIndex } from './attribution-index';
import { buildHitRecord, type IngestDeps } from './build-hit-record';

export type TrackerDeps = IngestDeps & {
  trustProxy: number;
  allowedHosts: ReadonlySet<string>;
  /** This tracker's own public hosts: `/e/` chains through them are unwrapped. */
  selfHosts: ReadonlySet<string>;
  index: AttributionIndex;
  record: (hit: HitRecord) => void;
};

const REDIRECT_HEADERS = { 'Cache-Control': 'private, no-cache', 'Access-Control-Allow-Origin': '*', 'Content-Length': '0' };

function refuse(res: ServerResponse, status: 400 | 403, reason: string): void {
  const body = `${reason}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function header(v: string | string[] | undefined, max: number): string | null {
  const s = Array.isArray(v) ? v.join(', ') : v;
  return s === undefined || s === '' ? null : s.slice(0, max);
}

/**
 * The `/e/…` handler (SPEC §2): validate, answer 302 at once, then record the hit
 * synchronously — hash and geolocate the address, classify the User-Agent (buildHitRecord) —
 * and queue it. The address goes no further.
 */
export function createTrackerHandler(d: TrackerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const parsed = parseTrackerUrl(req.url ?? '');
    if (!parsed.ok) return refuse(res, 400, parsed.reason);
    const { target, location, podcastGuid } = parsed.url;
    const inner = unwrapPrefixChain(target, d.selfHosts);
    const allowed =
      isMediaPath(inner.path) ||
      d.index.hasHost(inner.host) || d.index.hasHost(target.host) ||
      d.allowedHosts.has(inner.host) || d.allowedHosts.has(target.host);
    if (!allowed) return refuse(res, 403, 'not a media file URL nor a known enclosure host: the tracker only redirects to podcast media');
    res.writeHead(302, { Location: location, ...REDIRECT_HEADERS });
    res.end();

    try {
      recordHit(d, req, location, urlKey(inner), podcastGuid);
    } catch {
      // The redirect went out; a hit that cannot be built is dropped without logging anything about the request.
    }
  };
}

function recordHit(d: TrackerDeps, req: IncomingMessage, location: string, key: string, podcastGuid: string | null): void {
  d.record(
    buildHitRecord(d, {
      ts: Date.now(),
      source: 'tracker',
      method: req.method ?? 'GET',
      location,
      urlKey: key,
      ip: resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], d.trustProxy),
      userAgent: header(req.headers['user-agent'], 16_384) ?? '',
      referer: header(req.headers.referer, 1024),
      range: header(req.headers.range, 256),
      podcastGuid,
      status: 302,
      bytes: null,
    }),
  );
}
