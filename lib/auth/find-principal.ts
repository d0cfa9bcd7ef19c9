import type { Queryable } from '../../db/client';
import { hashToken } from './hash-token';
import type { Principal } from './principal';
import { SESSION_COOKIE } from './sessions';

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim() || null;
  }
  return null;
}

const lastUsedWritten = new Map<number, number>();

/**
 * The one authentication function: a `Bearer` API token (not revoked) or a session cookie
 * (not expired) → the principal with the shows it may see; null otherwise.
 */
export async function findPrincipal(db: Queryable, headers: { authorization?: string | null; cookie?: string | null }): Promise<Principal | null> {
  const auth = headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (bearer) {
    const [t] = await db.query<{ id: number; is_admin: boolean; shows: number[] | null }>(
      `SELECT t.id, t.is_admin, (SELECT array_agg(show_id) FROM api_token_shows s WHERE s.token_id = t.id) AS shows
       FROM api_tokens t WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hashToken(bearer[1]!)],
    );
    if (!t) return null;
    const id = Number(t.id);
    const now = Date.now();
    if ((lastUsedWritten.get(id) ?? 0) < now - 60_000) {
      lastUsedWritten.set(id, now);
      await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id]);
    }
    return { kind: 'token', tokenId: id, isAdmin: t.is_admin, shows: t.is_admin ? 'all' : (t.shows ?? []).map(Number) };
  }
  if (auth) return null;
  const cookie = readCookie(headers.cookie, SESSION_COOKIE);
  if (!cookie) return null;
  const [u] = await db.query<{ id: number; email: string; is_admin: boolean; time_zone: string | null; shows: number[] | null }>(
    `SELECT u.id, u.email, u.is_admin, u.time_zone, (SELECT array_agg(show_id) FROM user_shows us WHERE us.user_id = u.id) AS shows
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [hashToken(cookie)],
  );
  if (!u) return null;
  return {
    kind: 'user', userId: Number(u.id), email: u.email, isAdmin: u.is_admin, timeZone: u.time_zone,
    shows: u.is_admin ? 'all' : (u.shows ?? []).map(Number),
  };
}
