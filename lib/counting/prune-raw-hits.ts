import type { Db } from '../../db/client';
import { utcMonth } from '../../db/ensure-hit-partitions';

export type PruneResult = { dropped: string[]; keptUncounted: string[] };

/**
 * Retention: drops the monthly partitions of raw `hits` older than `retentionMonths`, but
 * only once the counter has passed their end (their downloads live on in the rollups,
 * which are kept forever). Partition names come from the catalog, never from input.
 */
export async function pruneRawHits(db: Db, retentionMonths: number, now = new Date()): Promise<PruneResult> {
  const [state] = await db.query<{ w: string | null }>("SELECT watermark::text AS w FROM job_state WHERE job = 'count-downloads'");
  const counted = state?.w && state.w !== '-infinity' ? new Date(state.w) : null;
  const cutoff = utcMonth(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - retentionMonths, 1)));
  const parts = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'hits' AND c.relname ~ '^hits_\\d{4}_\\d{2}$' ORDER BY 1`,
  );
  const result: PruneResult = { dropped: [], keptUncounted: [] };
  for (const { name } of parts) {
    const month = `${name.slice(5, 9)}-${name.slice(10, 12)}`;
    if (month >= cutoff) continue;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const end = new Date(Date.UTC(y, m, 1));
    if (!counted || counted < end) {
      result.keptUncounted.push(month);
      continue;
    }
    await db.query(`DROP TABLE IF EXISTS ${name}`);
    result.dropped.push(month);
  }
  return result;
}
