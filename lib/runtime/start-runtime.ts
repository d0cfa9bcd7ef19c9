import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/load-config';
import { openDb, type Db } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { AttributionIndex } from '../tracker/attribution-index';
import { HashKeyStore } from '../tracker/hash-key-store';
import { createKeySealer } from '../tracker/key-sealer';
import { HitWriter } from '../tracker/hit-writer';
import { Spool } from '../tracker/spool';
import { createTrackerHandler } from '../tracker/create-tracker-handler';
import { createUaClassifier } from '../classify/create-ua-classifier';
import { openGeoLookup, type GeoLookup } from '../classify/open-geo-lookup';
import { lockDataDir } from './lock-data-dir';
import { refreshFeeds } from '../feeds/refresh-feeds';
import { attributePendingHits } from '../feeds/attribute-pending-hits';
import { countDownloads } from '../counting/count-downloads';
import { pruneRawHits } from '../counting/prune-raw-hits';

export type Runtime = {
  config: Config;
  db: Db;
  index: AttributionIndex;
  keys: HashKeyStore;
  writer: HitWriter;
  tracker: (req: IncomingMessage, res: ServerResponse) => void;
  /** True once migrations have been applied in this process. */
  ready: () => boolean;
  close: () => Promise<void>;
};

export type RuntimeOptions = {
  /** Use this database instead of opening the configured one (tests). */
  db?: Db;
  geo?: GeoLookup;
  log?: (msg: string) => void;
  role?: string;
};

const INDEX_REFRESH_MS = 15_000;
const HOURLY_MS = 3_600_000;
const COUNT_EVERY_MS = 5_000;
const DAILY_MS = 86_400_000;

declare global {
  // eslint-disable-next-line no-var
  var __earshotRuntime: Runtime | undefined;
}

/**
 * Everything the server process runs besides Next: database, migrations, attribution index,
 * month keys, the batched hit writer, the tracker handler and the periodic jobs. The tracker
 * works before the database does: migrations and loads are retried in the background.
 */
export async function startRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`earshot: ${m}\n`));
  const release = !opts.db && !config.databaseUrl ? lockDataDir(config.dataDir, opts.role ?? 'server') : () => {};
  const db = opts.db ?? (await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }));
  const index = new AttributionIndex();
  const keys = new HashKeyStore(createKeySealer(config.secret, config.secretPrevious));
  const spool = new Spool(config.dataDir);
  const writer = new HitWriter({
    db, index, keys, spool, log, batchRows: config.batchRows, batchMs: config.batchMs, queueMax: config.queueMax,
  });
  const classifier = createUaClassifier();
  const geo = opts.geo ?? (await openGeoLookup(config.geoipDb));
  const tracker = createTrackerHandler({
    trustProxy: config.trustProxy,
    allowedHosts: new Set(config.allowedHosts),
    selfHosts: config.selfHosts,
    index,
    keys,
    classifier,
    geo,
    record: (h) => writer.push(h),
  });

  let migrated = false;
  let migrating: Promise<void> | null = null;
  const prepare = () =>
    (migrating ??= (async () => {
      try {
        if (!migrated) {
          await migrateDb(db);
          migrated = true;
        }
        await keys.load(db);
        await index.refresh(db, true);
        writer.start();
      } catch (err) {
        log(`database not ready (${(err as Error).message}); the tracker keeps answering and retries`);
        setTimeout(() => void prepare(), 2000).unref();
      } finally {
        migrating = null;
      }
    })());
  await prepare();

  let counting = false;
  let countedUpTo: Date | undefined;
  const count = async () => {
    if (!migrated || counting) return;
    counting = true;
    try {
      countedUpTo = new Date((await countDownloads(db)).watermark);
    } catch (err) {
      log(`counting failed, will retry: ${(err as Error).message}`);
    } finally {
      counting = false;
    }
  };
  const destroyKeys = async () => {
    if (!countedUpTo) await count();
    if (!countedUpTo) return; // never destroy a key before its month is counted
    await keys.destroyExpired(db, new Date(), config.keyGraceDays, countedUpTo);
  };
  const timers: NodeJS.Timeout[] = [
    // Shows added by another process (CLI on PostgreSQL): new URLs attribute from now on, and pending hits are attributed.
    setInterval(() => {
      if (!migrated) return;
      void index.refresh(db).then((changed) => (changed ? attributePendingHits(db, index) : 0)).catch(() => {});
    }, INDEX_REFRESH_MS),
    setInterval(() => {
      if (!migrated) return;
      void keys.load(db).then(() => destroyKeys()).catch(() => {});
    }, HOURLY_MS),
    setInterval(() => void count(), COUNT_EVERY_MS),
    setInterval(() => {
      if (migrated) void pruneRawHits(db, config.rawRetentionMonths).catch((err) => log(`prune failed: ${(err as Error).message}`));
    }, DAILY_MS),
  ];
  if (config.feedRefreshMinutes > 0) {
    let refreshing = false;
    const refresh = async () => {
      if (!migrated || refreshing) return;
      refreshing = true;
      try {
        const r = await refreshFeeds(db, index, { allowPrivate: config.allowPrivateFeeds, selfHosts: config.selfHosts });
        if (r.failed.length) log(`feed refresh: ${r.failed.length} of ${r.shows} feeds failed (${r.failed.map((f) => f.slug).join(', ')})`);
      } catch (err) {
        log(`feed refresh failed: ${(err as Error).message}`);
      } finally {
        refreshing = false;
      }
    };
    timers.push(setTimeout(() => void refresh(), 30_000), setInterval(() => void refresh(), config.feedRefreshMinutes * 60_000));
  }
  for (const t of timers) t.unref();
  if (migrated) await destroyKeys().catch(() => {});

  const runtime: Runtime = {
    config, db, index, keys, writer, tracker,
    ready: () => migrated,
    close: async () => {
      for (const t of timers) clearInterval(t);
      await writer.close();
      if (!opts.db) await db.close().catch(() => {});
      release();
      if (globalThis.__earshotRuntime === runtime) globalThis.__earshotRuntime = undefined;
    },
  };
  globalThis.__earshotRuntime = runtime;
  return runtime;
}
