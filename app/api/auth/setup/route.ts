import { setupResponse } from '@/lib/auth/setup-response';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';
export const POST = (request: Request) => setupResponse(getRuntime(), request);
