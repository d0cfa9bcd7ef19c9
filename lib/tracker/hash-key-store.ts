import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/client';
import { utcMonth } from '../../db/ensure-hit-partitions';
import type { KeySealer } from './key-sealer';

export class SealedKeyError extends Error {}

/**
 * The per-UTC-month HMAC keys. `keyFor` is synchronous (the tracker's hot path): a month
 * whose key is not loaded gets a fresh random key in memory, saved by `persist` on the next
 * write. `load` fetches (or creates) the current and next month's keys ahead of time.
 * With a sealer (the server and the CLI always pass one, from EARSHOT_SECRET) keys are stored
 * encrypted: a database dump alone cannot link hashes to addresses.
 */
export class HashKeyStore {
  private keys = new Map<string, Buffer>();
  private unsaved = new Set<string>();

  constructor(private readonly sealer: KeySealer | null = null) {}

  keyFor(month: string): Buffer {
    let k = this.keys.get(month);
    if (!k) {
      k = randomBytes(32);
      this.keys.set(month, k);
      this.unsaved.add(month);
    }
    return k;
  }

  /** Loads or creates the keys of the months of `now` and of the next month. */
  async load(db: Queryable, now = new Date()): Promise<void> {
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    for (const m of [utcMonth(now), utcMonth(next)]) await this.sync(db, m);
  }

  /** Saves keys made while the database could not be reached. */
  async persist(db: Queryable): Promise<void> {
    for (const m of [...this.unsaved]) await this.sync(db, m);
  }

  /** Loads or creates the key of one month; null when it was destroyed. */
  async ensure(db: Queryable, month: string): Promise<Buffer | null> {
    await this.sync(db, month);
    return this.keys.get(month) ?? null;
  }

  private async sync(db: Queryable, month: string): Promise<void> {
    const mine = this.keys.get(month) ?? randomBytes(32);
    const stored = this.sealer ? this.sealer.seal(month, mine) : mine;
    await db.query(
      'INSERT INTO hash_keys (month, key) VALUES ($1, decode($2, \'hex\')) ON CONFLICT (month) DO NOTHING',
      [month, stored.toString('hex')],
    );
    const rows = await db.query<{ key: string | null }>("SELECT encode(key, 'hex') AS key FROM hash_keys WHERE month = $1", [month]);
    const hex = rows[0]?.key;
    this.unsaved.delete(month);
    if (!hex) {
      this.keys.delete(month);
      return;
    }
    const blob = Buffer.from(hex, 'hex');
    if (!this.sealer) {
      if (blob.length !== 32) throw new SealedKeyError(`the hash key of ${month} is sealed: open the store with EARSHOT_SECRET`);
      this.keys.set(month, blob);
      return;
    }
    const opened = this.sealer.open(month, blob);
    if (!opened) throw new SealedKeyError(`the hash key of ${month} was sealed with another EARSHOT_SECRET (set EARSHOT_SECRET_PREVIOUS after a rotation)`);
    this.keys.set(month, opened.key);
    if (opened.stale) {
      await db.query("UPDATE hash_keys SET key = decode($2, 'hex') WHERE month = $1 AND key IS NOT NULL", [month, this.sealer.seal(month, opened.key).toString('hex')]);
    }
  }

  /**
   * Destroys the keys of months whose next month is `graceDays` days old and that the counter
   * has counted to their end (SPEC §2):
   * after this no hash of those months can be linked back to an address.
   */
  async destroyExpired(db: Queryable, now: Date, graceDays: number, countedUpTo?: Date): Promise<string[]> {
    let cutoff = utcMonth(new Date(now.getTime() - graceDays * 86_400_000));
    // …and only once the month is counted: the counter has passed its end.
    if (countedUpTo && utcMonth(countedUpTo) < cutoff) cutoff = utcMonth(countedUpTo);
    const rows = await db.query<{ month: string }>(
      'UPDATE hash_keys SET key = NULL, destroyed_at = now() WHERE month < $1 AND key IS NOT NULL RETURNING month',
      [cutoff],
    );
    for (const r of rows) this.keys.delete(r.month);
    for (const m of [...this.keys.keys()]) if (m < cutoff) this.keys.delete(m);
    return rows.map((r) => r.month);
  }
}
