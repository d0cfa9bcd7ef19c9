import { findPrincipal } from '../auth/find-principal';
import type { Principal } from '../auth/principal';
import { getRuntime } from '../runtime/get-runtime';
import { ApiError } from './api-error';

/** The caller of an API route (session cookie or Bearer token); 401 without one. */
export async function apiPrincipal(request: Request): Promise<Principal> {
  const p = await findPrincipal(getRuntime().db, { authorization: request.headers.get('authorization'), cookie: request.headers.get('cookie') });
  if (!p) throw new ApiError(401, 'unauthorized', 'sign in or send Authorization: Bearer <token>');
  return p;
}
