/**
 * The analytics vocabulary: every dimension, metric, UA type and hit source by name,
 * so pages, API, CLI and SQL agree on one spelling.
 */
export const UA_TYPES = ['bot', 'app', 'library', 'browser', 'unknown'] as const;
export type UaType = (typeof UA_TYPES)[number];

/** tracker: our own redirects; import-prefix: imported prefix (/e/…) logs; import-file: imported media-server logs. */
export const HIT_SOURCES = ['tracker', 'import-prefix', 'import-file'] as const;
export type HitSource = (typeof HIT_SOURCES)[number];

/** Report breakdowns (SPEC §5 `--by`) and the hit column each reads. */
export const DIMENSIONS = {
  episode: 'episode_id',
  day: 'day',
  app: 'app',
  country: 'country',
  region: 'region',
  device: 'device_category',
  os: 'os',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

export const METRICS = ['hits', 'downloads', 'listeners'] as const;
export type Metric = (typeof METRICS)[number];

export const UNKNOWN_COUNTRY = 'ZZ';
export const UNKNOWN_APP = 'Unknown';
export const GEO_ATTRIBUTION = 'IP Geolocation by DB-IP';
