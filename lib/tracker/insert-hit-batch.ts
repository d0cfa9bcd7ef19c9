import type { Db } from '../../db/client';
import { ensureHitPartitions } from '../../db/ensure-hit-partitions';
import type { AttributionIndex } from './attribution-index';
import type { HitRecord } from './hit-record';

type Col = readonly [name: string, type: string, get: (r: HitRecord) => string | number | boolean | null];

/** The columns shared by `hits` and `pending_hits`, with the record field each comes from. */
const COMMON: Col[] = [
  ['source', 'text', (r) => r.source], ['method', 'text', (r) => r.method], ['target', 'text', (r) => r.target],
  ['range_header', 'text', (r) => r.rangeHeader], ['referer', 'text', (r) => r.referer], ['podcast_guid', 'text', (r) => r.podcastGuid],
  ['listener_hash', 'bytea', (r) => r.listenerHash], ['country', 'text', (r) => r.country], ['region', 'text', (r) => r.region],
  ['ua_type', 'text', (r) => r.uaType], ['app', 'text', (r) => r.app], ['device', 'text', (r) => r.device],
  ['device_category', 'text', (r) => r.deviceCategory], ['os', 'text', (r) => r.os], ['browser', 'text', (r) => r.browser],
  ['web_player', 'text', (r) => r.webPlayer], ['is_bot', 'boolean', (r) => r.isBot], ['status', 'int', (r) => r.status],
  ['bytes', 'int8', (r) => r.bytes],
];
const TS: Col = ['ts', 'timestamptz', (r) => new Date(r.ts).toISOString()];
const ID: Col = ['id', 'uuid', (r) => r.id];

/** A record with the (show, episode) it was attributed to, if any. */
type Placed = { r: HitRecord; showId: number | null; episodeId: number | null };

const HIT_COLS: Array<readonly [string, string, (p: Placed) => unknown]> = [
  ['show_id', 'int8', (p) => p.showId], ['ts', TS[1], (p) => TS[2](p.r)], ['id', ID[1], (p) => p.r.id], ['episode_id', 'int8', (p) => p.episodeId],
  ...COMMON.map(([n, t, get]) => [n, t, (p: Placed) => get(p.r)] as const),
];
const PENDING_COLS: Array<readonly [string, string, (p: Placed) => unknown]> = [
  ['id', ID[1], (p) => p.r.id], ['ts', TS[1], (p) => TS[2](p.r)], ['show_id', 'int8', (p) => p.showId], ['url_key', 'text', (p) => p.r.urlKey],
  ...COMMON.map(([n, t, get]) => [n, t, (p: Placed) => get(p.r)] as const),
];

/** INSERT … SELECT FROM unnest($1::t[], …) ON CONFLICT DO NOTHING: idempotent, any batch size, fixed parameter count. */
function unnestSql(table: string, cols: typeof HIT_COLS, conflict: string): string {
  const names = cols.map(([c]) => c).join(', ');
  const args = cols.map(([, t], i) => `$${i + 1}::${t === 'bytea' ? 'text' : t}[]`).join(', ');
  const select = cols.map(([c, t]) => (t === 'bytea' ? `decode(u.${c}, 'hex')` : `u.${c}`)).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${args}) AS u(${names}) ON CONFLICT ${conflict} DO NOTHING`;
}
const HITS_INSERT = unnestSql('hits', HIT_COLS, '(show_id, ts, id)');
const PENDING_INSERT = unnestSql('pending_hits', PENDING_COLS, '(id)');
const HITS_COPY = `COPY hits (${HIT_COLS.map(([c]) => c).join(', ')}) FROM STDIN`;

const SPECIAL = /[\\\t\n\r]/;
function copyText(v: unknown, type: string): string {
  if (v === null || v === undefined) return '\\N';
  if (type === 'bytea') return `\\\\x${v as string}`;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return SPECIAL.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

function copyData(rows: Placed[]): string {
  const lines = new Array<string>(rows.length + 1);
  const vals = new Array<string>(HIT_COLS.length);
  for (let r = 0; r < rows.length; r++) {
    const p = rows[r]!;
    for (let i = 0; i < HIT_COLS.length; i++) {
      const [, type, get] = HIT_COLS[i]!;
      vals[i] = copyText(get(p), type);
    }
    lines[r] = vals.join('\t');
  }
  lines[rows.length] = '';
  return lines.join('\n');
}

const arrays = (rows: Placed[], cols: typeof HIT_COLS) => cols.map(([, , get]) => rows.map(get));

/**
 * Stores a batch: attributed hits into `hits` (month partitions created as needed), the rest
 * into `pending_hits`. Hits go in with COPY; should any of them be stored already (a retried or
 * replayed batch), the batch goes again through INSERT … ON CONFLICT DO NOTHING, so the result
 * is idempotent by hit id either way.
 */
export async function insertHitBatch(db: Db, index: AttributionIndex, batch: HitRecord[]): Promise<{ hits: number; pending: number }> {
  const attributed: Placed[] = [];
  const pending: Placed[] = [];
  for (const r of batch) {
    const a = index.resolve(r.urlKey, r.podcastGuid);
    if (a && a.episodeId !== null) attributed.push({ r, showId: a.showId, episodeId: a.episodeId });
    else pending.push({ r, showId: a?.showId ?? null, episodeId: null });
  }
  if (attributed.length) {
    await ensureHitPartitions(db, attributed.map((p) => new Date(p.r.ts)));
    try {
      await db.copyFrom(HITS_COPY, copyData(attributed));
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      await db.query(HITS_INSERT, arrays(attributed, HIT_COLS));
    }
  }
  if (pending.length) await db.query(PENDING_INSERT, arrays(pending, PENDING_COLS));
  return { hits: attributed.length, pending: pending.length };
}
