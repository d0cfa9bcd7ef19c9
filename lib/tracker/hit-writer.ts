import type { Db } from '../../db/client';
import type { AttributionIndex } from './attribution-index';
import type { HashKeyStore } from './hash-key-store';
import type { HitRecord } from './hit-record';
import { insertHitBatch } from './insert-hit-batch';
import type { Spool } from './spool';

export type HitWriterOptions = {
  db: Db;
  index: AttributionIndex;
  keys: HashKeyStore;
  spool: Spool;
  batchRows: number;
  batchMs: number;
  /** Records kept in memory while the database is unreachable before they go to the spool. */
  queueMax: number;
  log?: (msg: string) => void;
};

export type WriterStats = {
  queued: number;
  spooled: number;
  written: number;
  databaseUp: boolean;
  lastError: string | null;
};

/**
 * Batches hit records into the database: a batch goes out every `batchMs` or at
 * `batchRows` records; on errors it retries with backoff, keeping records in memory up to
 * `queueMax` and spilling past that to the spool, which is replayed once the database is back.
 */
export class HitWriter {
  private queue: HitRecord[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private retryAt = 0;
  private written = 0;
  private up = true;
  private lastError: string | null = null;
  private closed = false;

  constructor(private readonly o: HitWriterOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.o.batchMs);
    this.timer.unref();
    void this.flush();
  }

  /** Synchronous: queue one record (the tracker calls this after its 302 went out). */
  push(rec: HitRecord): void {
    if (this.closed) {
      this.o.spool.append([rec]);
      return;
    }
    this.queue.push(rec);
    if (this.queue.length >= this.o.queueMax) {
      this.o.spool.append(this.queue);
      this.queue = [];
    } else if (this.queue.length >= this.o.batchRows && !this.running && Date.now() >= this.retryAt) {
      setImmediate(() => void this.flush());
    }
  }

  stats(): WriterStats {
    return { queued: this.queue.length, spooled: this.o.spool.depth(), written: this.written, databaseUp: this.up, lastError: this.lastError };
  }

  /** Writes what is queued (and then the spool) unless a retry is not yet due. */
  flush(force = false): Promise<void> {
    if (this.running) return this.running;
    this.running = this.drain(force).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(force: boolean): Promise<void> {
    if (!force && Date.now() < this.retryAt) return;
    try {
      await this.o.keys.persist(this.o.db);
      while (this.queue.length) {
        const batch = this.queue.length <= this.o.batchRows ? this.queue : this.queue.slice(0, this.o.batchRows);
        this.queue = batch === this.queue ? [] : this.queue.slice(batch.length);
        try {
          await this.write(batch);
        } catch (err) {
          this.queue = batch.concat(this.queue);
          throw err;
        }
      }
      if (this.o.spool.depth() > 0) await this.o.spool.replay(this.o.batchRows, (b) => this.write(b));
      if (!this.up) this.o.log?.('database reachable again; hits are being written');
      this.up = true;
      this.failures = 0;
      this.retryAt = 0;
      this.lastError = null;
    } catch (err) {
      this.failures++;
      this.retryAt = Date.now() + Math.min(5_000, 200 * 2 ** Math.min(this.failures, 5));
      if (this.up) this.o.log?.(`database write failed, hits kept for retry: ${(err as Error).message}`);
      this.up = false;
      this.lastError = (err as Error).message;
    }
  }

  private async write(batch: HitRecord[]): Promise<void> {
    await insertHitBatch(this.o.db, this.o.index, batch);
    this.written += batch.length;
  }

  /**
   * Stops the timer and writes everything still queued; if the database does not take it,
   * it goes to the spool (synced to disk) instead of waiting. After close, pushes go straight to the spool.
   */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.running) await this.running;
    while (this.queue.length && this.up) await this.flush(true);
    if (this.running) await this.running;
    this.closed = true;
    if (this.queue.length) {
      this.o.spool.append(this.queue);
      this.queue = [];
    }
  }
}
