import { isIP } from 'node:net';

/**
 * The client address per EARSHOT_TRUST_PROXY: 0 = the socket address; n = the n-th
 * X-Forwarded-For entry from the right. A missing or unparsable entry falls back to the
 * socket address. Returns a normalised address (IPv4-mapped IPv6 as IPv4), or '' if none.
 */
export function resolveClientIp(socketAddress: string | undefined, xff: string | string[] | undefined, trustProxy: number): string {
  const socketIp = normalizeIp(socketAddress ?? '') ?? '';
  if (trustProxy <= 0 || xff === undefined) return socketIp;
  const header = Array.isArray(xff) ? xff.join(',') : xff;
  if (header.length > 8192) return socketIp;
  const entries = header.split(',');
  const entry = entries[entries.length - trustProxy];
  if (entry === undefined) return socketIp;
  return normalizeIp(stripPort(entry.trim())) ?? socketIp;
}

function stripPort(s: string): string {
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) return bracket[1]!;
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(s);
  return v4port ? v4port[1]! : s;
}

function normalizeIp(s: string): string | null {
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind === 6) {
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(s);
    return mapped ? mapped[1]! : s.toLowerCase();
  }
  return null;
}
