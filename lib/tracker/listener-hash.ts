import { createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';

/** IPv6 reduced to its /64 (first four groups, expanded); IPv4 unchanged. */
export function reduceIp(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.split('::') as [string, string?];
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  // An embedded IPv4 tail counts as two groups; it never reaches the first four of a /64 when expanded.
  const tailGroups = t.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = ip.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - tailGroups)).fill('0'), ...t] : h;
  return groups.slice(0, 4).map((g) => (g.includes('.') ? g : parseInt(g || '0', 16).toString(16))).join(':') + '::/64';
}

/** HMAC-SHA-256(month key, reduced IP + "\n" + User-Agent). */
export function listenerHash(key: Buffer, ip: string, userAgent: string): Buffer {
  return createHmac('sha256', key).update(reduceIp(ip)).update('\n').update(userAgent).digest();
}
