import { apiErrorResponse } from '@/lib/api/api-error';

export const dynamic = 'force-dynamic';

/** Any other /api/v1 path: a JSON 404 (the gate has already required credentials). */
const notFound = async () => apiErrorResponse(404, 'not_found', 'no such API route');
export const GET = notFound;
export const POST = notFound;
