import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client';
import type { GeoLookup } from '../classify/open-geo-lookup';
import { createUaClassifier } from '../classify/create-ua-classifier';
import { AttributionIndex } from '../tracker/attribution-index';
import { HashKeyStore } from '../tracker/hash-key-store';
import type { KeySealer } from '../tracker/key-sealer';
import { buildHitRecord } from '../tracker/build-hit-record';
import { insertHitBatch } from '../tracker/insert-hit-batch';
import type { HitRecord } from '../tracker/hit-record';
import { parseTrackerUrl } from '../tracker/parse-tracker-url';
import { unwrapPrefixChain } from '../tracker/unwrap-prefix-chain';
import { attributionKeyOf } from '../tracker/attribution-key-of';
import { uuidFromText } from '../tracker/uuid-from-text';
import { urlKey } from '../tracker/url-key';
import { isMediaPath } from '../tracker/is-media-path';
import { parseCombinedLogLine, type LogRequest } from './parse-combined-log-line';
import { countAfterWriting } from './count-after-writing';

export const LOG_FORMATS = ['combined', 'op3-tsv'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type ImportProgress = { bytes: number; lines: number; imported: number; skipped: number; bad: number };
export type ImportResult = ImportProgress & { badExamples: string[]; downloads: number };

type Parsed = { req: LogRequest; source: 'import-prefix' | 'import-file'; location: string; urlKey: string; podcastGuid: string | null };


function fromRequest(req: LogRequest, host: string | null, selfHosts: ReadonlySet<string>): Parsed | 'skip' | null {
  if (req.path.startsWith('/e/') || req.path.startsWith('/e,')) {
    const p = parseTrackerUrl(req.path);
    if (!p.ok) return 'skip';
    const inner = unwrapPrefixChain(p.url.target, selfHosts);
    return { req, source: 'import-prefix', location: p.url.location, urlKey: urlKey(inner), podcastGuid: p.url.podcastGuid };
  }
  if (!host) return 'skip';
  const q = req.path.indexOf('?');
  const path = q === -1 ? req.path : req.path.slice(0, q);
  if (!isMediaPath(path)) return 'skip';
  const k = attributionKeyOf(`${host}${path}`, selfHosts);
  if (!k) return null;
  return { req, source: 'import-file', location: `https://${host}${req.path}`, urlKey: k.key, podcastGuid: null };
}

/** OP3-style TSV: a header row names the columns (time, method, url, userAgent, referer, range, and hashedIpAddress or ip). */
function op3Parser() {
  let cols: Map<string, number> | null = null;
  return (line: string, host: string | null, selfHosts: ReadonlySet<string>): Parsed | 'skip' | 'header' | null => {
    const f = line.split('\t');
    if (!cols) {
      cols = new Map(f.map((name, i) => [name.trim(), i]));
      if (!cols.has('time') || !cols.has('url')) throw new Error('op3-tsv: the first line must be a header with at least "time" and "url"');
      return 'header';
    }
    const get = (name: string) => {
      const i = cols!.get(name);
      const v = i === undefined ? undefined : f[i];
      return v === undefined || v === '' ? null : v;
    };
    const ts = Date.parse(get('time') ?? '');
    const url = get('url');
    if (!Number.isFinite(ts) || !url) return null;
    const u = /^https?:\/\/[^/]+(\/.*)$/.exec(url);
    const req: LogRequest = {
      ip: get('hashedIpAddress') ?? get('ip') ?? '', ts, method: get('method') ?? 'GET', path: u ? u[1]! : url, status: 302, bytes: null,
      referer: get('referer'), userAgent: get('userAgent') ?? '', range: get('range'),
    };
    return fromRequest(req, host, selfHosts);
  };
}

/**
 * Streams a log (constant memory) into hits: prefix paths (`/e/…`, as the tracker would
 * have seen them) or, with `host`, media paths served by that host. Uses the logs' own
 * timestamps; hashes with the key of each hit's month (made on demand; lines of a month
 * whose key was destroyed are skipped as bad). Idempotent: ids come from the lines, so a
 * second import of the same file adds nothing. Bad lines are counted, never fatal.
 */
export async function importLogs(
  db: Db,
  input: Readable,
  opts: {
    /** Seals month keys made on demand (from EARSHOT_SECRET). */
    sealer?: KeySealer;
    format: LogFormat; host?: string | null; geo: GeoLookup; selfHosts?: ReadonlySet<string>;
    onProgress?: (p: ImportProgress) => void; batchRows?: number;
    /** Count right after the import (0, when nothing else writes) or wait out the counting lag first (default). */
    countLagSeconds?: number;
    /** false: leave counting to the server's counter (or a later run); `downloads` is then 0. */
    count?: boolean;
  },
): Promise<ImportResult> {
  const selfHosts = opts.selfHosts ?? new Set<string>();
  const host = opts.host ?? null;
  const keys = new HashKeyStore(opts.sealer ?? null);
  const deps = { keys, classifier: createUaClassifier(), geo: opts.geo };
  const index = new AttributionIndex();
  await index.refresh(db, true);
  const months = new Map<string, boolean>();
  const seen = new Map<string, number>();
  const result: ImportResult = { bytes: 0, lines: 0, imported: 0, skipped: 0, bad: 0, badExamples: [], downloads: 0 };
  const bad = (line: string, why: string) => {
    result.bad++;
    if (result.badExamples.length < 10) result.badExamples.push(`line ${result.lines}: ${why}: ${line.slice(0, 160)}`);
  };
  const op3 = opts.format === 'op3-tsv' ? op3Parser() : null;
  let batch: HitRecord[] = [];
  // One batch is written while the next is parsed (the database works on another core).
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    await inFlight;
    inFlight = insertHitBatch(db, index, rows).then(() => {
      result.imported += rows.length;
      opts.onProgress?.(result);
    });
    // A failed write stops the import (awaited at the next flush or at the end).
    inFlight.catch(() => undefined);
  };
  input.on('data', (c: Buffer | string) => (result.bytes += typeof c === 'string' ? Buffer.byteLength(c) : c.length));
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const raw of rl) {
    result.lines++;
    const line = raw.trimEnd();
    if (!line) continue;
    let parsed: Parsed | 'skip' | 'header' | null;
    if (op3) parsed = op3(line, host, selfHosts);
    else {
      const req = parseCombinedLogLine(line);
      parsed = req ? fromRequest(req, host, selfHosts) : null;
    }
    if (parsed === 'header') continue;
    if (parsed === 'skip') {
      result.skipped++;
      continue;
    }
    if (!parsed) {
      bad(line, op3 ? 'not an OP3 TSV row' : 'not a combined log line');
      continue;
    }
    const month = new Date(parsed.req.ts).toISOString().slice(0, 7);
    let usable = months.get(month);
    if (usable === undefined) {
      usable = (await keys.ensure(db, month)) !== null;
      months.set(month, usable);
    }
    if (!usable) {
      bad(line, `the hash key of ${month} was destroyed (that month is closed)`);
      continue;
    }
    const n = seen.get(line) ?? 0;
    seen.set(line, n + 1);
    if (seen.size > 200_000) seen.clear(); // identical lines are adjacent in practice; bound memory
    batch.push(buildHitRecord(deps, {
      // The id comes from the line itself (and how often the same line came before): never from hash keys.
      id: uuidFromText(`${line}\n${n}`), ts: parsed.req.ts, source: parsed.source, method: parsed.req.method, location: parsed.location,
      urlKey: parsed.urlKey, ip: parsed.req.ip, userAgent: parsed.req.userAgent, referer: parsed.req.referer,
      range: parsed.req.range, podcastGuid: parsed.podcastGuid, status: parsed.req.status, bytes: parsed.req.bytes,
    }));
    if (batch.length >= (opts.batchRows ?? 5000)) await flush();
  }
  await flush();
  await inFlight;
  if (opts.count !== false) result.downloads = (await countAfterWriting(db, opts.countLagSeconds)).downloads;
  return result;
}
