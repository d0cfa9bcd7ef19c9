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
  primaryKey({ columns: [t.showId, t.ts, t.id] }),
  index('hits_show_episode_ts_idx').on(t.showId, t.episodeId, t.ts),
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
}, (t) => [
  primaryKey({ columns: [t.showId, t.episodeId, t.day, t.listenerHash, t.isBot] }),
  index('downloads_show_day_idx').on(t.showId, t.day),
]);

/** Downloads per show × episode × UTC day. */
export const rollupEpisodeDay = pgTable('rollup_episode_day', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  episodeId: bigint('episode_id', { mode: 'number' }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  downloads: integer('downloads').notNull().default(0),
  botDownloads: integer('bot_downloads').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.showId, t.episodeId, t.day] })]);

/** Downloads per show × UTC day × dimension value (app, device, os, country, region). */
export const rollupDimensionDay = pgTable('rollup_dimension_day', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  dimension: text('dimension').notNull(),
  value: text('value').notNull(),
  downloads: integer('downloads').notNull().default(0),
  botDownloads: integer('bot_downloads').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.showId, t.day, t.dimension, t.value] })]);

/** Every recorded request per show × UTC day (bots and HEAD included): the API's `hits`. */
export const rollupHitsDay = pgTable('rollup_hits_day', {
  showId: bigint('show_id', { mode: 'number' }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  hits: integer('hits').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.showId, t.day] })]);

/** Watermarks of incremental jobs (the counter: hits received up to this time are counted). */
export const jobState = pgTable('job_state', {
  job: text('job').primaryKey(),
  watermark: timestamp('watermark', { withTimezone: true }).notNull(),
});
