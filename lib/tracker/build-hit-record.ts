import { randomUUID } from 'node:crypto';
import type { UaClassifier } from '../classify/create-ua-classifier';
import type { GeoLookup } from '../classify/open-geo-lookup';
import type { HitSource } from '../vocabulary';
import type { HashKeyStore } from './hash-key-store';
import type { HitRecord } from './hit-record';
import { listenerHash } from './listener-hash';

export type IngestDeps = { keys: HashKeyStore; classifier: UaClassifier; geo: GeoLookup };

export type RawHit = {
  ts: number;
  source: HitSource;
  method: string;
  /** The target URL as redirected to (its query string is dropped here). */
  location: string;
  urlKey: string;
  /** The client address: used for the hash and the geolocation, then dropped. */
  ip: string;
  userAgent: string;
  referer: string | null;
  range: string | null;
  podcastGuid: string | null;
  status: number | null;
  bytes: number | null;
  id?: string;
};

/**
 * Turns one request into a storable HitRecord: listener hash (month key of the hit's UTC
 * month), geolocation and classification. The address goes no further than this function.
 */
export function buildHitRecord(d: IngestDeps, h: RawHit): HitRecord {
  const cls = d.classifier.classify(h.userAgent);
  const geo = d.geo(h.ip);
  const q = h.location.indexOf('?');
  return {
    id: h.id ?? randomUUID(),
    ts: h.ts,
    source: h.source,
    method: h.method.slice(0, 16),
    target: q === -1 ? h.location : h.location.slice(0, q),
    urlKey: h.urlKey,
    rangeHeader: h.range,
    referer: h.referer,
    podcastGuid: h.podcastGuid,
    listenerHash: h.ip ? listenerHash(d.keys.keyFor(new Date(h.ts).toISOString().slice(0, 7)), h.ip, h.userAgent).toString('hex') : null,
    country: geo.country,
    region: geo.region,
    uaType: cls.uaType,
    app: cls.app,
    device: cls.device,
    deviceCategory: cls.deviceCategory,
    os: cls.os,
    browser: cls.browser,
    webPlayer: cls.uaType === 'browser' ? d.classifier.webPlayer(h.referer ?? undefined) : null,
    isBot: cls.isBot,
    status: h.status,
    bytes: h.bytes,
  };
}
