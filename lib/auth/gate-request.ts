import type { IncomingMessage } from 'node:http';
import type { Queryable } from '../../db/client';
import { findPrincipal } from './find-principal';
import { isPublicPath } from './public-paths';
import { RateLimiter } from './rate-limiter';

export const MAX_BODY_BYTES = 6 * 1024 * 1024;
export const TOKEN_REQUESTS_PER_MINUTE = 600;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export type GateAnswer = { status: number; headers: Record<string, string>; body: string } | null;

const tokenLimiter = new RateLimiter(TOKEN_REQUESTS_PER_MINUTE);

function refuse(api: boolean, status: number, code: string, message: string, extra: Record<string, string> = {}): GateAnswer {
  return api
    ? { status, headers: { 'Content-Type': 'application/json', ...extra }, body: JSON.stringify({ error: { code, message } }) }
    : { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: `${message}\n` };
}

/** Same origin: the Origin (or, without it, the Referer) names this host or EARSHOT_PUBLIC_URL. */
function sameOrigin(req: IncomingMessage, publicUrl: string | null): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  if (!source || source === 'null') return false;
  let origin: string;
  try {
    origin = new URL(source).origin;
  } catch {
    return false;
  }
  const host = req.headers.host;
  const allowed = new Set<string>();
  if (host) for (const s of ['http', 'https']) allowed.add(`${s}://${host}`);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return allowed.has(origin);
}

/**
 * The one gate in front of Next, for every request that is not the tracker: strips our
 * internal headers, refuses cross-origin state changes (CSRF) and oversized bodies, and lets
 * through only public paths or requests with a valid session or API token (API tokens are rate
 * limited). Returns the refusal to send, or null to go on. Pages and handlers then decide
 * which shows the caller sees.
 */
export async function gateRequest(db: Queryable, req: IncomingMessage, publicUrl: string | null): Promise<GateAnswer> {
  for (const h of Object.keys(req.headers)) if (h.startsWith('x-earshot-')) delete req.headers[h];
  const pathname = (req.url ?? '/').split('?')[0]!;
  const api = pathname.startsWith('/api/');
  const method = (req.method ?? 'GET').toUpperCase();
  const bearer = /^Bearer\s/i.test(req.headers.authorization ?? '');
  if (!SAFE.has(method)) {
    if (!bearer && !sameOrigin(req, publicUrl)) return refuse(api, 403, 'cross_origin', 'cross-origin request refused (the Origin header must name this site)');
    const len = Number(req.headers['content-length'] ?? NaN);
    if (req.headers['transfer-encoding'] && Number.isNaN(len)) return refuse(api, 411, 'length_required', 'a Content-Length is required');
    if (len > MAX_BODY_BYTES) return refuse(api, 413, 'too_large', `request body over ${MAX_BODY_BYTES} bytes`);
  }
  if (isPublicPath(pathname)) return null;
  let principal;
  try {
    principal = await findPrincipal(db, { authorization: req.headers.authorization, cookie: req.headers.cookie });
  } catch {
    return refuse(api, 503, 'unavailable', 'the database is unavailable', { 'Retry-After': '5' });
  }
  if (!principal) {
    if (api || !SAFE.has(method)) return refuse(api, 401, 'unauthorized', 'sign in or send Authorization: Bearer <token>', api ? { 'WWW-Authenticate': 'Bearer' } : {});
    const next = encodeURIComponent(req.url ?? '/');
    return { status: 303, headers: { Location: `/login?next=${next}`, 'Cache-Control': 'no-store' }, body: '' };
  }
  if (principal.kind === 'token' && !tokenLimiter.take(String(principal.tokenId))) {
    return refuse(true, 429, 'rate_limited', `over ${TOKEN_REQUESTS_PER_MINUTE} requests a minute for this token`, { 'Retry-After': '10' });
  }
  return null;
}
