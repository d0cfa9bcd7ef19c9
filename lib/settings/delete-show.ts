import type { Db } from '../../db/client';

/** Deletes a show and everything recorded for it (hits, counts, rollups, access grants) in one transaction. */
export async function deleteShow(db: Db, showId: number): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of [
      'hits', 'pending_hits', 'downloads', 'rollup_episode_hour', 'rollup_hits_hour', 'rollup_dimension_day', 'rollup_listeners',
      'listener_month', 'listener_episode_month', 'user_shows', 'api_token_shows', 'episode_urls', 'episodes',
    ]) {
      await tx.query(`DELETE FROM ${table} WHERE show_id = $1`, [showId]);
    }
    await tx.query('DELETE FROM shows WHERE id = $1', [showId]);
  });
}
