import { handleApi } from '@/lib/api/handle-api';
import { apiPrincipal } from '@/lib/api/api-principal';
import { listShowsResponse, addShowResponse } from '@/lib/api/shows-response';

export const dynamic = 'force-dynamic';

export const GET = handleApi(async (request: Request) => listShowsResponse(await apiPrincipal(request)));
export const POST = handleApi(async (request: Request) => addShowResponse(await apiPrincipal(request), request));
