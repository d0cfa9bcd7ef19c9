import type { Queryable } from '../../db/client';
import { UserInputError } from '../auth/create-user';

/** The ids of these show slugs; an unknown slug is an input error. */
export async function showIdsForSlugs(db: Queryable, slugs: string[]): Promise<number[]> {
  if (!slugs.length) return [];
  const rows = await db.query<{ id: number; slug: string }>('SELECT id, slug FROM shows WHERE slug = ANY($1::text[])', [slugs]);
  const found = new Set(rows.map((r) => r.slug));
  const missing = slugs.find((s) => !found.has(s));
  if (missing) throw new UserInputError(`no show "${missing}"`);
  return rows.map((r) => Number(r.id));
}
