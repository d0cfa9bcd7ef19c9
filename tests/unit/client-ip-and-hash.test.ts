import { describe, it, expect } from 'vitest';
import { resolveClientIp } from '../../lib/tracker/resolve-client-ip';
import { listenerHash, reduceIp } from '../../lib/tracker/listener-hash';
import { createHmac } from 'node:crypto';

describe('resolveClientIp (EARSHOT_TRUST_PROXY)', () => {
  it('uses the socket address when off', () => {
    expect(resolveClientIp('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
    expect(resolveClientIp('::ffff:203.0.113.9', undefined, 0)).toBe('203.0.113.9');
  });
  it('takes the n-th X-Forwarded-For entry from the right', () => {
    expect(resolveClientIp('10.0.0.1', '198.51.100.1, 198.51.100.2, 198.51.100.3', 1)).toBe('198.51.100.3');
    expect(resolveClientIp('10.0.0.1', '198.51.100.1, 198.51.100.2, 198.51.100.3', 2)).toBe('198.51.100.2');
    expect(resolveClientIp('10.0.0.1', ['198.51.100.1', '198.51.100.2'], 2)).toBe('198.51.100.1');
    expect(resolveClientIp('10.0.0.1', '2001:DB8::1', 1)).toBe('2001:db8::1');
    expect(resolveClientIp('10.0.0.1', '[2001:db8::1]:443', 1)).toBe('2001:db8::1');
    expect(resolveClientIp('10.0.0.1', '198.51.100.7:5555', 1)).toBe('198.51.100.7');
  });
  it('falls back to the socket address for missing or garbage entries', () => {
    for (const xff of ['', 'garbage', '999.1.1.1', '1.2.3.4, not-an-ip', 'unknown', '\u0000', ',,,', 'x'.repeat(10_000)]) {
      expect(resolveClientIp('10.0.0.1', xff, 1)).toBe('10.0.0.1');
    }
    expect(resolveClientIp('10.0.0.1', '198.51.100.1', 3)).toBe('10.0.0.1');
    expect(resolveClientIp(undefined, undefined, 0)).toBe('');
  });
});

describe('listener hash', () => {
  it('reduces IPv6 to its /64', () => {
    expect(reduceIp('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(reduceIp('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(reduceIp('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(reduceIp('::1')).toBe('0:0:0:0::/64');
    expect(reduceIp('2001:0db8:0001:0002:ffff::')).toBe('2001:db8:1:2::/64');
    expect(reduceIp('203.0.113.9')).toBe('203.0.113.9');
  });
  it('is HMAC-SHA-256(key, reduced ip \\n ua) and equal within a /64', () => {
    const key = Buffer.alloc(32, 7);
    const expected = createHmac('sha256', key).update('203.0.113.9\nUA/1').digest('hex');
    expect(listenerHash(key, '203.0.113.9', 'UA/1').toString('hex')).toBe(expected);
    expect(listenerHash(key, '2001:db8:1:2::1', 'UA').equals(listenerHash(key, '2001:db8:1:2:ffff::9', 'UA'))).toBe(true);
    expect(listenerHash(key, '2001:db8:1:3::1', 'UA').equals(listenerHash(key, '2001:db8:1:2::1', 'UA'))).toBe(false);
    expect(listenerHash(key, '203.0.113.9', 'UA').equals(listenerHash(Buffer.alloc(32, 8), '203.0.113.9', 'UA'))).toBe(false);
    expect(listenerHash(key, '203.0.113.9', 'UA').equals(listenerHash(key, '203.0.113.9', 'UA2'))).toBe(false);
  });
});
