import { findPrincipal } from '@/lib/auth/find-principal';
import { findVisibleShow } from '@/lib/reports/find-visible-show';
import { ogImageResponse } from '@/lib/reports/og-image-response';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

/** The show's (or, with ?episode=<id>, an episode's) share card, for users who can see the show. */
export async function GET(request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const db = getRuntime().db;
  const p = await findPrincipal(db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
  const show = p ? await findVisibleShow(db, p, (await ctx.params).slug) : null;
  if (!show) return new Response('not found\n', { status: 404 });
  const id = new URL(request.url).searchParams.get('episode');
  const [ep] = id && /^\d{1,18}$/.test(id) ? await db.query<{ id: number; title: string }>('SELECT id, title FROM episodes WHERE show_id = $1 AND id = $2', [show.id, id]) : [];
  if (id && !ep) return new Response('not found\n', { status: 404 });
  return ogImageResponse(db, show, ep ? { id: Number(ep.id), title: ep.title } : undefined);
}
