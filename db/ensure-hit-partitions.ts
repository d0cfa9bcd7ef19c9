import type { Queryable } from './client';

const known = new WeakMap<Queryable, Set<string>>();

/** 'YYYY-MM' of a date in UTC. */
export function utcMonth(d: Date): string {
  return d.toISOString().slice(0, 7);
}

function partitionName(month: string): string {
  return `hits_${month.replace('-', '_')}`;
}

/**
 * Creates the monthly partitions of `hits` that the given times fall in, plus the next
 * month of each, so inserts never find a missing partition. Cheap when they exist (cached).
 */
export async function ensureHitPartitions(db: Queryable, times: Iterable<Date>): Promise<void> {
  let seen = known.get(db);
  if (!seen) known.set(db, (seen = new Set()));
  const wanted = new Set<string>();
  for (const t of times) {
    const m = utcMonth(t);
    if (seen.has(m)) continue;
    wanted.add(m);
    const next = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
    wanted.add(utcMonth(next));
  }
  for (const m of wanted) {
    if (seen.has(m)) continue;
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const from = new Date(Date.UTC(y, mo - 1, 1)).toISOString();
    const to = new Date(Date.UTC(y, mo, 1)).toISOString();
    // Month names are generated here from dates, never from input: safe to splice into DDL.
    try {
      await db.query(
        `CREATE TABLE IF NOT EXISTS ${partitionName(m)} PARTITION OF hits FOR VALUES FROM ('${from}') TO ('${to}')`,
      );
    } catch (err) {
      // Two processes creating the same partition at once: the loser sees a duplicate.
      if (!/already exists/.test(String((err as Error).message))) throw err;
    }
    seen.add(m);
  }
}
