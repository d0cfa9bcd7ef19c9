import type { Runtime } from '../runtime/start-runtime';
import { readCookie } from './find-principal';
import { deleteSession, sessionCookie, SESSION_COOKIE } from './sessions';
import { seeOther } from './form-helpers';

/** POST /api/forms/logout: deletes the server-side session and clears the cookie. */
export async function logoutResponse(rt: Runtime, request: Request): Promise<Response> {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) await deleteSession(rt.db, token);
  return seeOther('/login', { 'Set-Cookie': sessionCookie(null, rt.config.publicUrl) });
}
