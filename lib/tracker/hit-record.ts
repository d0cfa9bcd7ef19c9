import type { HitSource, UaType } from '../vocabulary';

/**
 * One recorded request, ready to store. It never holds the client address: by the time a
 * record exists the address has been hashed (with the month key) and geolocated, and dropped.
 */
export type HitRecord = {
  id: string;
  /** Request time, ms since epoch (UTC). */
  ts: number;
  source: HitSource;
  method: string;
  /** The target URL without its query string. */
  target: string;
  /** Attribution key of the innermost URL. */
  urlKey: string;
  rangeHeader: string | null;
  referer: string | null;
  podcastGuid: string | null;
  /** hex HMAC-SHA-256 */
  listenerHash: string | null;
  country: string;
  region: string;
  uaType: UaType;
  app: string;
  device: string | null;
  deviceCategory: string | null;
  os: string | null;
  browser: string | null;
  webPlayer: string | null;
  isBot: boolean;
  status: number | null;
  bytes: number | null;
};
