import type { Queryable } from '../../db/client';
import { hashToken, newToken } from './hash-token';

/** A new API token scoped to `showIds` (or every show, and adding shows, when `isAdmin`); returned once, stored hashed. */
export async function createApiToken(
  db: Queryable,
  input: { name: string; showIds: number[]; isAdmin: boolean; createdBy: number | null },
): Promise<{ tokenId: number; token: string }> {
  const token = newToken('et');
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO api_tokens (token_hash, name, is_admin, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [hashToken(token), input.name, input.isAdmin, input.createdBy],
  );
  const tokenId = Number(row!.id);
  if (input.showIds.length) {
    await db.query('INSERT INTO api_token_shows (token_id, show_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING', [tokenId, input.showIds]);
  }
  return { tokenId, token };
}
