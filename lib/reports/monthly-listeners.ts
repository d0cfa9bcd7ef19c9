import type { Queryable } from '../../db/client';

/** Listeners of one UTC month (YYYY-MM) from the listener rollup; bots left out. */
export async function monthlyListeners(db: Queryable, showId: number, month: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    "SELECT coalesce(sum(listeners), 0)::int AS n FROM rollup_listeners WHERE show_id = $1 AND scope = 'month' AND period = $2::date AND value = ''",
    [showId, `${month}-01`],
  );
  return Number(r?.n ?? 0);
}
