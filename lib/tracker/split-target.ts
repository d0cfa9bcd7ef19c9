/** A target URL split into its parts, exactly as given (nothing decoded). */
export type TargetParts = {
  scheme: 'http' | 'https';
  /** host[:port] as given (case kept). */
  authority: string;
  /** Lower-case host name. */
  host: string;
  port: number | null;
  /** From the first '/' after the authority; never empty or just '/'. */
  path: string;
};

export type SplitResult = { ok: true; parts: TargetParts } | { ok: false; reason: string };

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Splits a tracker target in any SPEC §2 form — `host/path`, `https://host/path`,
 * `http://host/path`, `https:/host/path`, `http:/host/path` — and validates scheme,
 * host and port. The target must not contain its query string.
 */
export function splitTarget(target: string): SplitResult {
  if (target.length === 0) return { ok: false, reason: 'no target URL after /e/' };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(target)) return { ok: false, reason: 'control characters or spaces in the target URL' };
  let scheme: 'http' | 'https' = 'https';
  let rest = target;
  const m = SCHEME.exec(target);
  if (m) {
    const name = m[1]!;
    const after = target.slice(m[0].length);
    const looksLikePort = name.includes('.') || /^\d*(\/|$)/.test(after);
    if (!looksLikePort || after.startsWith('/')) {
      const lower = name.toLowerCase();
      if (lower !== 'http' && lower !== 'https') {
        return { ok: false, reason: `unsupported scheme "${name.slice(0, 20)}": only http and https` };
      }
      scheme = lower;
      if (after.startsWith('//')) rest = after.slice(2);
      else if (after.startsWith('/')) rest = after.slice(1);
      else return { ok: false, reason: 'no host after the scheme' };
    }
  }
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash);
  if (authority === '') return { ok: false, reason: 'no host in the target URL' };
  if (path === '' || path === '/') return { ok: false, reason: 'empty path in the target URL' };
  if (authority.includes('@')) return { ok: false, reason: 'user info (user@host) is not allowed in the target URL' };
  if (authority.includes('%')) return { ok: false, reason: 'escapes are not allowed in the host' };
  if (authority.includes('[') || authority.includes(']')) return { ok: false, reason: 'IP literals are not allowed as host' };
  let hostPart = authority;
  let port: number | null = null;
  const colon = authority.lastIndexOf(':');
  if (colon !== -1) {
    hostPart = authority.slice(0, colon);
    const p = authority.slice(colon + 1);
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) {
      return { ok: false, reason: 'port must be a number from 1 to 65535' };
    }
    port = Number(p);
  }
  const hostCheck = checkHost(hostPart);
  if (hostCheck) return { ok: false, reason: hostCheck };
  return { ok: true, parts: { scheme, authority, host: hostPart.toLowerCase(), port, path } };
}

function checkHost(raw: string): string | null {
  const host = raw.toLowerCase();
  if (host.length > 253) return 'host name too long';
  if (!/^[a-z0-9.-]+$/.test(host)) return 'host must be a DNS name of letters, digits, "." and "-"';
  const labels = host.split('.');
  if (labels.some((l) => l === '')) return 'host has an empty label ("..", or a leading or trailing dot)';
  if (labels.some((l) => !LABEL.test(l))) return 'host has an invalid label';
  if (labels.length < 2 || labels.at(-1) === 'localhost') return 'host must be a public DNS name (not localhost or a single label)';
  if (/^\d+$/.test(labels.at(-1)!) || /^0x/.test(labels.at(-1)!)) return 'IP literals are not allowed as host';
  return null;
}
