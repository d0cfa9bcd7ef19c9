import { handleApi } from '@/lib/api/handle-api';
import { apiPrincipal } from '@/lib/api/api-principal';
import { statsResponse } from '@/lib/api/stats-response';

export const dynamic = 'force-dynamic';

export const GET = handleApi(async (request: Request, ctx: { params: Promise<{ slug: string }> }) =>
  statsResponse(await apiPrincipal(request), (await ctx.params).slug, new URL(request.url).searchParams),
);
