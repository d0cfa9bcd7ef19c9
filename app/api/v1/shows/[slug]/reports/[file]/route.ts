import { handleApi } from '@/lib/api/handle-api';
import { apiPrincipal } from '@/lib/api/api-principal';
import { reportCsvResponse } from '@/lib/api/report-csv-response';

export const dynamic = 'force-dynamic';

export const GET = handleApi(async (request: Request, ctx: { params: Promise<{ slug: string; file: string }> }) => {
  const { slug, file } = await ctx.params;
  return reportCsvResponse(await apiPrincipal(request), slug, file, new URL(request.url).searchParams);
});
