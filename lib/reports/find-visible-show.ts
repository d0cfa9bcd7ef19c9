import type { Queryable } from '../../db/client';
import { canSeeShow, type Principal } from '../auth/principal';

export type ShowRow = {
  id: number; slug: string; title: string; feedUrl: string | null; imageUrl: string | null; isPublic: boolean;
  lastSuccessAt: string | null; lastFetchedAt: string | null; lastError: string | null;
};

const COLUMNS = `id, slug, title, feed_url, image_url, is_public, last_success_at::text, last_fetched_at::text, last_error`;
function toShow(r: Record<string, unknown>): ShowRow {
  return {
    id: Number(r.id), slug: String(r.slug), title: String(r.title), feedUrl: (r.feed_url as string) ?? null, imageUrl: (r.image_url as string) ?? null,
    isPublic: Boolean(r.is_public), lastSuccessAt: (r.last_success_at as string) ?? null, lastFetchedAt: (r.last_fetched_at as string) ?? null,
    lastError: (r.last_error as string) ?? null,
  };
}

/** The show with this slug if the principal may see it (null → answer 404, never 403). */
export async function findVisibleShow(db: Queryable, p: Principal | null, slug: string): Promise<ShowRow | null> {
  const [r] = await db.query(`SELECT ${COLUMNS} FROM shows WHERE slug = $1`, [slug]);
  if (!r) return null;
  const show = toShow(r);
  if (p ? canSeeShow(p, show.id) : show.isPublic) return show;
  return null;
}

/** Every show the principal may see, by title. */
export async function listVisibleShows(db: Queryable, p: Principal): Promise<ShowRow[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM shows WHERE $1::bigint[] IS NULL OR id = ANY($1::bigint[]) ORDER BY lower(title), slug`,
    [p.shows === 'all' ? null : p.shows],
  );
  return rows.map(toShow);
}
