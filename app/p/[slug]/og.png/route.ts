import { findVisibleShow } from '@/lib/reports/find-visible-show';
import { ogImageResponse } from '@/lib/reports/og-image-response';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

/** The share card of a show whose owner made its stats public; 404 otherwise. */
export async function GET(_request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const db = getRuntime().db;
  const show = await findVisibleShow(db, null, (await ctx.params).slug);
  if (!show) return new Response('not found\n', { status: 404 });
  return ogImageResponse(db, show);
}
