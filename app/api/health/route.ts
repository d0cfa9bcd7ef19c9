import { getHealth } from '@/lib/runtime/get-health';

export const dynamic = 'force-dynamic';

/** GET /api/health — 200 {"ok":true,…} with database state and queue depth; 503 when the database is unreachable. */
export async function GET(): Promise<Response> {
  const rt = globalThis.__earshotRuntime;
  if (!rt) return Response.json({ ok: false, error: { code: 'starting', message: 'the server is starting' } }, { status: 503 });
  const health = await getHealth(rt);
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
