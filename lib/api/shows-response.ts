import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { registerShow } from '../feeds/register-show';
import { listVisibleShows } from '../reports/find-visible-show';
import { getRuntime } from '../runtime/get-runtime';
import { ApiError } from './api-error';

/** GET /api/v1/shows — the shows the caller may see. */
export async function listShowsResponse(p: Principal): Promise<Response> {
  const rt = getRuntime();
  const shows = await listVisibleShows(rt.db, p);
  const counts = new Map(
    (await rt.db.query<{ show_id: number; n: number }>('SELECT show_id, count(*)::int AS n FROM episodes GROUP BY 1')).map((r) => [Number(r.show_id), Number(r.n)]),
  );
  return Response.json({
    shows: shows.map((s) => ({
      slug: s.slug, title: s.title, feedUrl: s.feedUrl, episodes: counts.get(s.id) ?? 0, public: s.isPublic,
      lastFeedSuccess: s.lastSuccessAt, lastFeedError: s.lastError,
    })),
  }, { headers: { 'Cache-Control': 'private, no-store' } });
}

const addShowSchema = z.object({
  feedUrl: z.string().url().max(2048).optional(),
  feedXml: z.string().max(5_000_000).optional(),
  slug: z.string().max(40).optional(),
}).refine((v) => Boolean(v.feedUrl) !== Boolean(v.feedXml), { message: 'give exactly one of feedUrl or feedXml', path: ['feedUrl'] });

/** POST /api/v1/shows {feedUrl | feedXml, slug?} — admins only; 201 with the slug and the prefix. */
export async function addShowResponse(p: Principal, request: Request): Promise<Response> {
  if (!p.isAdmin) throw new ApiError(403, 'forbidden', 'only admins add shows');
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError(400, 'bad_request', 'body: must be JSON such as {"feedUrl":"https://…"}');
  }
  const input = addShowSchema.parse(body);
  const added = await registerShow(getRuntime(), input);
  return Response.json({ slug: added.slug, episodes: added.episodes, prefix: added.prefix, check: added.check }, { status: 201 });
}
