import { findPrincipal } from '../auth/find-principal';
import type { Principal } from '../auth/principal';
import type { Runtime } from '../runtime/start-runtime';

/** The signed-in admin posting a settings form (session only, never a token), or null. */
export async function requireFormAdmin(rt: Runtime, request: Request): Promise<Principal | null> {
  const p = await findPrincipal(rt.db, { cookie: request.headers.get('cookie') });
  return p && p.kind === 'user' && p.isAdmin ? p : null;
}
