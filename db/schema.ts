/**
 * Drizzle schema: the typed view of every table. The SQL that creates them lives in
 * drizzle/ (generated from this file; `hits` is turned into a partitioned table by hand there).
 * Every table that belongs to a show leads its primary and unique keys with show_id.
 */
import {
  pgTable, bigint, text, timestamp, uuid, boolean, integer, customType, primaryKey, uniqueIndex, index, char, date,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const shows = pgTable('shows', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  feedUrl: text('feed_url'),
  podcastGuid: text('podcast_guid'),
  link: text('link'),
  imageUrl: text('image_url'),
  author: text('author'),
  language: text('language'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastError: text('last_error'),
  isPublic: boolean('is_public').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('shows_slug_key').on(t.slug),
  index('shows_podcast_guid_idx').on(t.podcastGuid),
]);

export const episodes = pgTable('episodes', {
  showId: bigint('show_id', { mode: 'number' }).notNull().references(() => shows.id, { onDelete: 'cascade' }),
  id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  guid: text('guid').notNull(),
  title: text('title').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  enclosureUrl: text('enclosure_url'),
  enclosureType: text('enclosure_type'),
  enclosureLength: bigint('enclosure_length', { mode: 'number' }),
  durationSeconds: integer('duration_seconds'),
  season: integer('season'),
  episodeNumber: integer('episode_number'),
  imageUrl: text('image_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.showId, t.id] }),
  uniqueIndex('episodes_show_guid_key').on(t.showId, t.guid),
]);

/** Every URL an episode's enclosure has ever had, by its normalized key (host + path, lower-case host). */
export const episodeUrls = pgTable('episode_urls', {
  showId: bigint('show_id', { mode: 'number' }).notNull().references(() => shows.id, { onDelete: 'cascade' }),
  urlKey: text('url_key').notNull(),
  episodeId: bigint('episode_id', { mode: 'number' }).notNull(),
  url: text('url').notNull(),
  host: text('host').notNull(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.showId, t.urlKey] }),
  index('episode_urls_url_key_idx').on(t.urlKey),
]);

/** The columns `hits` and `pending_hits` share: what was recorded about one request (never the address). */
function hitColumns() {
  return {
    source: text('source').notNull(),
    method: text('method').notNull(),
    target: text('target').notNull(),
    rangeHeader: text('range_header'),
    referer: text('referer'),
    podcastGuid: text('podcast_guid'),
    listenerHash: bytea('listener_hash'),
    country: char('country', { length: 2 }).notNull(),
    region: text('region').notNull(),
    uaType: text('ua_type').notNull(),
    app: text('app').notNull(),
    device: text('device'),
    deviceCategory: text('device_category'),
    os: text('os'),
    browser: text('browser'),
    webPlayer: text('web_player'),
    isBot: boolean('is_bot').notNull(),
    status: integer('status'),
    bytes: bigint('bytes', { mode: 'number' }),
  };
}

/** Fully attributed hits. Partitioned by month on ts (see drizzle/0000). */
export const hits = pgTable('hits', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  ts: timestamp('ts', { withTimezone: true }).notNull(),
  id: uuid('id').notNull(),
  episodeId: bigint('episode_id', { mode: 'number' }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  ...hitColumns(),
}, (t) => [
  // Raw hits are only read by the counter (by received_at) and dropped by month: no other index.
  primaryKey({ columns: [t.showId, t.ts, t.id] }),
  index('hits_received_at_idx').on(t.receivedAt),
]);

/** Hits not (yet) attributed to an episode: kept until a feed refresh attributes them. */
export const pendingHits = pgTable('pending_hits', {
  id: uuid('id').primaryKey(),
  ts: timestamp('ts', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  showId: bigint('show_id', { mode: 'number' }),
  urlKey: text('url_key').notNull(),
  ...hitColumns(),
}, (t) => [
  index('pending_hits_url_key_idx').on(t.urlKey),
  index('pending_hits_ts_idx').on(t.ts),
]);

/** One random HMAC key per UTC month; key set to NULL when destroyed. */
export const hashKeys = pgTable('hash_keys', {
  month: text('month').primaryKey(),
  key: bytea('key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  destroyedAt: timestamp('destroyed_at', { withTimezone: true }),
});

/**
 * Counted downloads (SPEC §3): one row per (episode, listener hash, UTC day), bots apart.
 * The finest rollup of `hits`: listeners are counted from it, reports never read raw hits.
 */
export const downloads = pgTable('downloads', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  episodeId: bigint('episode_id', { mode: 'number' }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  listenerHash: bytea('listener_hash').notNull(),
  isBot: boolean('is_bot').notNull(),
  ts: timestamp('ts', { withTimezone: true }).notNull(),
  app: text('app').notNull(),
  country: char('country', { length: 2 }).notNull(),
  region: text('region').notNull(),
  device: text('device').notNull(),
  os: text('os').notNull(),
  /** For browser downloads: the web player named by the Referer (OPAWG referrers), else null. */
  webPlayer: text('web_player'),
}, (t) => [
  primaryKey({ columns: [t.showId, t.episodeId, t.day, t.listenerHash, t.isBot] }),
  // (show, day) range reads, and the counter's "was this listener already counted that day" probe.
  index('downloads_show_day_listener_idx').on(t.showId, t.day, t.listenerHash, t.isBot),
]);

/** Downloads per show × episode × UTC hour (hours let any time zone cut its own days). */
export const rollupEpisodeHour = pgTable('rollup_episode_hour', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  episodeId: bigint('episode_id', { mode: 'number' }).notNull(),
  hour: timestamp('hour', { withTimezone: true }).notNull(),
  downloads: integer('downloads').notNull().default(0),
  botDownloads: integer('bot_downloads').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.showId, t.episodeId, t.hour] }),
  index('rollup_episode_hour_show_hour_idx').on(t.showId, t.hour),
]);

/** Downloads per show × UTC day × dimension value (app, device, os, country, region). */
export const rollupDimensionDay = pgTable('rollup_dimension_day', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  dimension: text('dimension').notNull(),
  value: text('value').notNull(),
  downloads: integer('downloads').notNull().default(0),
  botDownloads: integer('bot_downloads').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.showId, t.day, t.dimension, t.value] })]);

/** Every recorded request per show × episode × UTC hour (bots and HEAD included): the API's `hits`. */
export const rollupHitsHour = pgTable('rollup_hits_hour', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  episodeId: bigint('episode_id', { mode: 'number' }).notNull(),
  hour: timestamp('hour', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.showId, t.episodeId, t.hour] }),
  index('rollup_hits_hour_show_hour_idx').on(t.showId, t.hour),
]);

/**
 * Listener sets (who was already counted), so listener rollups can be kept incrementally:
 * per show × UTC month (with the listener's first app/country/region/device/os that month),
 * per show × episode × month. (Whether a listener is new for a UTC day is probed on the
 * `downloads` index instead: a per-day set would be nearly as large as `downloads` itself.)
 */
export const listenerMonth = pgTable('listener_month', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  listenerHash: bytea('listener_hash').notNull(),
  isBot: boolean('is_bot').notNull(),
  app: text('app').notNull(),
  country: char('country', { length: 2 }).notNull(),
  region: text('region').notNull(),
  device: text('device').notNull(),
  os: text('os').notNull(),
}, (t) => [primaryKey({ columns: [t.showId, t.month, t.listenerHash, t.isBot] })]);

export const listenerEpisodeMonth = pgTable('listener_episode_month', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  episodeId: bigint('episode_id', { mode: 'number' }).notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  listenerHash: bytea('listener_hash').notNull(),
  isBot: boolean('is_bot').notNull(),
}, (t) => [primaryKey({ columns: [t.showId, t.episodeId, t.month, t.listenerHash, t.isBot] })]);

/**
 * Listener counts: scope `month` (period = first of the month, value ''), `day` (period = the
 * UTC day), `episode` (period = month, value = episode id) and one scope per dimension
 * (period = month, value = the dimension's value).
 */
export const rollupListeners = pgTable('rollup_listeners', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  scope: text('scope').notNull(),
  period: date('period', { mode: 'string' }).notNull(),
  value: text('value').notNull(),
  listeners: integer('listeners').notNull().default(0),
  botListeners: integer('bot_listeners').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.showId, t.scope, t.period, t.value] })]);

/** Dashboard users: scrypt password hash (salt inside), admin or member. */
export const users = pgTable('users', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  email: text('email').notNull(),
  passwordHash: text('password_hash').notNull(),
  isAdmin: boolean('is_admin').notNull().default(false),
  timeZone: text('time_zone'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_email_idx').on(t.email)]);

/** Server-side sessions; only the SHA-256 of the cookie value is stored. */
export const sessions = pgTable('sessions', {
  tokenHash: bytea('token_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** Which shows a member may see (admins see all). */
export const userShows = pgTable('user_shows', {
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  showId: bigint('show_id', { mode: 'number' }).notNull().references(() => shows.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.userId, t.showId] }), index('user_shows_show_idx').on(t.showId)]);

/** API tokens: only the SHA-256 of the token is stored; scoped to shows. */
export const apiTokens = pgTable('api_tokens', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  tokenHash: bytea('token_hash').notNull(),
  name: text('name').notNull(),
  isAdmin: boolean('is_admin').notNull().default(false),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)]);

export const apiTokenShows = pgTable('api_token_shows', {
  tokenId: bigint('token_id', { mode: 'number' }).notNull().references(() => apiTokens.id, { onDelete: 'cascade' }),
  showId: bigint('show_id', { mode: 'number' }).notNull().references(() => shows.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.tokenId, t.showId] }), index('api_token_shows_show_idx').on(t.showId)]);

/** Watermarks of incremental jobs (the counter: hits received up to this time are counted). */
export const jobState = pgTable('job_state', {
  job: text('job').primaryKey(),
  watermark: timestamp('watermark', { withTimezone: true }).notNull(),
});
