import type { Db } from '../../db/client';
import { ensureHitPartitions } from '../../db/ensure-hit-partitions';
import type { AttributionIndex } from './attribution-index';
import type { HitRecord } from './hit-record';

const COMMON = [
  ['source', 'text'], ['method', 'text'], ['target', 'text'], ['range_header', 'text'], ['referer', 'text'],
  ['podcast_guid', 'text'], ['listener_hash', 'text'], ['country', 'text'], ['region', 'text'], ['ua_type', 'text'],
  ['app', 'text'], ['device', 'text'], ['device_category', 'text'], ['os', 'text'], ['browser', 'text'],
  ['web_player', 'text'], ['is_bot', 'boolean'], ['status', 'int'], ['bytes', 'int8'],
] as const;

function commonArrays(rows: HitRecord[]): unknown[][] {
  return [
    rows.map((r) => r.source), rows.map((r) => r.method), rows.map((r) => r.target), rows.map((r) => r.rangeHeader),
    rows.map((r) => r.referer), rows.map((r) => r.podcastGuid), rows.map((r) => r.listenerHash), rows.map((r) => r.country),
    rows.map((r) => r.region), rows.map((r) => r.uaType), rows.map((r) => r.app), rows.map((r) => r.device),
    rows.map((r) => r.deviceCategory), rows.map((r) => r.os), rows.map((r) => r.browser), rows.map((r) => r.webPlayer),
    rows.map((r) => r.isBot), rows.map((r) => r.status), rows.map((r) => r.bytes),
  ];
}

/** INSERT … SELECT FROM unnest($1::t[], …): one statement, a fixed number of parameters, any batch size. */
function unnestInsert(table: string, lead: ReadonlyArray<readonly [string, string]>, conflict: string): string {
  const cols = [...lead, ...COMMON];
  const names = cols.map(([c]) => c).join(', ');
  const args = cols.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  const select = cols.map(([c]) => (c === 'listener_hash' ? `decode(u.${c}, 'hex')` : `u.${c}`)).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${args}) AS u(${names}) ON CONFLICT ${conflict} DO NOTHING`;
}

const HITS_SQL = unnestInsert('hits', [['show_id', 'int8'], ['ts', 'timestamptz'], ['id', 'uuid'], ['episode_id', 'int8']], '(show_id, ts, id)');
const PENDING_SQL = unnestInsert('pending_hits', [['id', 'uuid'], ['ts', 'timestamptz'], ['show_id', 'int8'], ['url_key', 'text']], '(id)');

/**
 * Stores a batch: attributed hits into `hits` (creating month partitions as needed), the
 * rest into `pending_hits`. Idempotent by hit id, so a batch can be retried or replayed.
 */
export async function insertHitBatch(db: Db, index: AttributionIndex, batch: HitRecord[]): Promise<{ hits: number; pending: number }> {
  const attributed: Array<[HitRecord, number, number]> = [];
  const pending: Array<[HitRecord, number | null]> = [];
  for (const r of batch) {
    const a = index.resolve(r.urlKey, r.podcastGuid);
    if (a && a.episodeId !== null) attributed.push([r, a.showId, a.episodeId]);
    else pending.push([r, a?.showId ?? null]);
  }
  if (attributed.length) {
    await ensureHitPartitions(db, attributed.map(([r]) => new Date(r.ts)));
    const rows = attributed.map(([r]) => r);
    await db.query(HITS_SQL, [
      attributed.map(([, s]) => s), rows.map((r) => new Date(r.ts).toISOString()), rows.map((r) => r.id),
      attributed.map(([, , e]) => e), ...commonArrays(rows),
    ]);
  }
  if (pending.length) {
    const rows = pending.map(([r]) => r);
    await db.query(PENDING_SQL, [
      rows.map((r) => r.id), rows.map((r) => new Date(r.ts).toISOString()), pending.map(([, s]) => s), rows.map((r) => r.urlKey),
      ...commonArrays(rows),
    ]);
  }
  return { hits: attributed.length, pending: pending.length };
}
