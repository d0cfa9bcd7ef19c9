import type { Queryable } from '../../db/client';
import { hashToken, newToken } from './hash-token';

export const SESSION_COOKIE = 'earshot_session';
export const SESSION_DAYS = 14;

/** A new server-side session for the user; returns the cookie value (stored only as its SHA-256). */
export async function createSession(db: Queryable, userId: number): Promise<string> {
  const token = newToken('es');
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`,
    [hashToken(token), userId, SESSION_DAYS],
  );
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  return token;
}

/** Ends a session (logout). */
export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** The Set-Cookie value for a session (or for clearing it with `token` null); `Secure` when this site is served over https. */
export function sessionCookie(token: string | null, publicUrl: string): string {
  const secure = publicUrl.startsWith('https:');
  const parts = [`${SESSION_COOKIE}=${token ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${token ? SESSION_DAYS * 86_400 : 0}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
