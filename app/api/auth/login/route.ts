import { loginResponse } from '@/lib/auth/login-response';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';
export const POST = (request: Request) => loginResponse(getRuntime(), request);
