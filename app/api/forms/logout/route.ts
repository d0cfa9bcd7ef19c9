import { logoutResponse } from '@/lib/auth/logout-response';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';
export const POST = (request: Request) => logoutResponse(getRuntime(), request);
