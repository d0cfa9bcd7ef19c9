import { describe, it, expect } from 'vitest';
import { RateLimiter } from '../../lib/auth/rate-limiter';
import { isPublicPath } from '../../lib/auth/public-paths';

describe('per-token rate limit', () => {
  it('allows the budget, refuses the next request, refills over the minute', () => {
    const r = new RateLimiter(3);
    expect([r.take('t', 0), r.take('t', 0), r.take('t', 0), r.take('t', 0)]).toEqual([true, true, true, false]);
    expect(r.take('other', 0)).toBe(true);
    expect(r.take('t', 20_000)).toBe(true);
    expect(r.take('t', 20_000)).toBe(false);
  });
});

describe('public paths', () => {
  it.each([['/login', true], ['/setup', true], ['/methodology', true], ['/api/health', true], ['/_next/static/x.js', true], ['/p/show', true],
    ['/', false], ['/settings', false], ['/api/v1/shows', false], ['/shows/x', false], ['/loginx', false], ['/api/healthz', false], ['/_next/data/x', false]] as const)(
    '%s → %s', (p, pub) => expect(isPublicPath(p)).toBe(pub));
});
