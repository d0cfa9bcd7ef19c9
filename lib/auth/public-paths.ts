/** Paths anyone may open (SPEC: tracker, health, login, setup, methodology; plus Next's static files and public show pages, which check their own toggle). */
const EXACT = new Set(['/login', '/setup', '/methodology', '/api/health', '/api/auth/login', '/api/auth/setup', '/favicon.ico', '/robots.txt', '/earshot.css']);
const PREFIXES = ['/_next/static/', '/_next/image', '/p/'];

export function isPublicPath(pathname: string): boolean {
  return EXACT.has(pathname) || PREFIXES.some((p) => pathname.startsWith(p));
}
