import type { Principal } from '../auth/principal';
import { findVisibleShow } from '../reports/find-visible-show';
import { queryShowStats } from '../reports/query-show-stats';
import { statsParamsSchema } from '../reports/stats-params';
import { getRuntime } from '../runtime/get-runtime';
import { ApiError } from './api-error';

/** GET /api/v1/shows/<slug>/stats: validated parameters → the shared stats query → JSON. */
export async function statsResponse(p: Principal, slug: string, search: URLSearchParams): Promise<Response> {
  const params = statsParamsSchema.parse(Object.fromEntries(search));
  const db = getRuntime().db;
  const show = await findVisibleShow(db, p, slug);
  if (!show) throw new ApiError(404, 'not_found', `no show "${slug}"`);
  const stats = await queryShowStats(db, show.id, params);
  return Response.json({ show: show.slug, ...stats }, { headers: { 'Cache-Control': 'private, no-store' } });
}
