import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/client';
import { utcMonth } from '../../db/ensure-hit-partitions';

/**
 * The per-UTC-month HMAC keys. `keyFor` is synchronous (the tracker's hot path): a month
 * whose key is not loaded gets a fresh random key in memory, saved by `persist` on the next
 * write. `load` fetches (or creates) the current and next month's keys ahead of time.
 */
export class HashKeyStore {
  private keys = new Map<string, Buffer>();
  private unsaved = new Set<string>();

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
    await db.query(
      'INSERT INTO hash_keys (month, key) VALUES ($1, decode($2, \'hex\')) ON CONFLICT (month) DO NOTHING',
      [month, mine.toString('hex')],
    );
    const rows = await db.query<{ key: string | null }>("SELECT encode(key, 'hex') AS key FROM hash_keys WHERE month = $1", [month]);
    const stored = rows[0]?.key;
    this.unsaved.delete(month);
    if (stored) this.keys.set(month, Buffer.from(stored, 'hex'));
    else this.keys.delete(month);
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
