import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { HitRecord } from './hit-record';

const ACTIVE = 'spool.ndjson';
const REPLAY = /^spool-\d+-\d+\.replay\.ndjson$/;

/**
 * Append-only spool of hit records (one JSON line each) in the data dir, for when the
 * database is unreachable and memory is full, or at shutdown. Records hold no address.
 */
export class Spool {
  private count = 0;
  private seq = 0;
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'spool');
    fs.mkdirSync(this.dir, { recursive: true });
    for (const f of this.files()) this.count += countLines(path.join(this.dir, f));
  }

  depth(): number {
    return this.count;
  }

  /** Appends records and syncs them to disk before returning. */
  append(records: HitRecord[]): void {
    if (records.length === 0) return;
    const fd = fs.openSync(path.join(this.dir, ACTIVE), 'a', 0o600);
    try {
      fs.writeSync(fd, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.count += records.length;
  }

  /**
   * Feeds every spooled record to `write` in batches; a file is deleted only after all of
   * it was written. Appends during a replay go to a new file. Stops at the first error.
   */
  async replay(batchSize: number, write: (batch: HitRecord[]) => Promise<void>): Promise<number> {
    const active = path.join(this.dir, ACTIVE);
    if (fs.existsSync(active)) fs.renameSync(active, path.join(this.dir, `spool-${Date.now()}-${this.seq++}.replay.ndjson`));
    let done = 0;
    for (const f of this.files().filter((n) => REPLAY.test(n)).sort()) {
      const file = path.join(this.dir, f);
      let batch: HitRecord[] = [];
      let inFile = 0;
      const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
      for await (const line of rl) {
        if (!line) continue;
        try {
          batch.push(JSON.parse(line) as HitRecord);
        } catch {
          continue; // a torn last line from a crash mid-append
        }
        inFile++;
        if (batch.length >= batchSize) {
          await write(batch);
          batch = [];
        }
      }
      if (batch.length) await write(batch);
      fs.unlinkSync(file);
      this.count = Math.max(0, this.count - inFile);
      done += inFile;
    }
    return done;
  }

  private files(): string[] {
    return fs.readdirSync(this.dir).filter((n) => n === ACTIVE || REPLAY.test(n));
  }
}

function countLines(file: string): number {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return n;
}
