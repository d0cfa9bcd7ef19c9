import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { parseTrackerUrl } from './parse-tracker-url';
import { unwrapPrefixChain } from './unwrap-prefix-chain';
import { isMediaPath } from './is-media-path';
import { urlKey } from './url-key';
import { resolveClientIp } from './resolve-client-ip';
import { listenerHash } from './listener-hash';
import type { HitRecord } from './hit-record';
import type { HashKeyStore } from './hash-key-store';
import type { AttributionIndex } from './attribution-index';
import type { UaClassifier } from '../classify/create-ua-classifier';
import type { GeoLookup } from '../classify/open-geo-lookup';

export type TrackerDeps = {
  trustProxy: number;
  allowedHosts: ReadonlySet<string>;
  /** This tracker's own public hosts: `/e/` chains through them are unwrapped. */
  selfHosts: ReadonlySet<string>;
  index: AttributionIndex;
  keys: HashKeyStore;
  classifier: UaClassifier;
  geo: GeoLookup;
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
 * synchronously — hash and geolocate the address, classify the User-Agent — and queue it.
 * The address goes no further than this function.
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

    const now = Date.now();
    const ua = header(req.headers['user-agent'], 16_384) ?? '';
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], d.trustProxy);
    const cls = d.classifier.classify(ua);
    const geo = d.geo(ip);
    const referer = header(req.headers.referer, 1024);
    const q = location.indexOf('?');
    d.record({
      id: randomUUID(),
      ts: now,
      source: 'tracker',
      method: (req.method ?? 'GET').slice(0, 16),
      target: (q === -1 ? location : location.slice(0, q)),
      urlKey: urlKey(inner),
      rangeHeader: header(req.headers.range, 256),
      referer,
      podcastGuid,
      listenerHash: ip ? listenerHash(d.keys.keyFor(new Date(now).toISOString().slice(0, 7)), ip, ua).toString('hex') : null,
      country: geo.country,
      region: geo.region,
      uaType: cls.uaType,
      app: cls.app,
      device: cls.device,
      deviceCategory: cls.deviceCategory,
      os: cls.os,
      browser: cls.browser,
      webPlayer: cls.uaType === 'browser' ? d.classifier.webPlayer(referer ?? undefined) : null,
      isBot: cls.isBot,
      status: 302,
      bytes: null,
    });
  };
}
