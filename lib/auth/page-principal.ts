import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getRuntime } from '../runtime/get-runtime';
import { findPrincipal } from './find-principal';
import type { Principal } from './principal';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The signed-in user of a page, or a redirect to /login (the server's gate already refused strangers). */
export async function requireUser(): Promise<UserPrincipal> {
  const jar = await cookies();
  const h = await headers();
  const p = await findPrincipal(getRuntime().db, { cookie: jar.toString(), authorization: h.get('authorization') });
  if (!p || p.kind !== 'user') redirect('/login');
  return p;
}

/** An admin-only page: members get the same 404 as for a page that does not exist. */
export async function requireAdmin(): Promise<UserPrincipal> {
  const p = await requireUser();
  if (!p.isAdmin) notFound();
  return p;
}
