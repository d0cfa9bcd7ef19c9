export type LogRequest = {
  ip: string;
  ts: number;
  method: string;
  /** The request target as logged (path and query, nothing decoded). */
  path: string;
  status: number;
  bytes: number | null;
  referer: string | null;
  userAgent: string;
  range: string | null;
};

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
// ip - user [10/Oct/2025:13:55:36 -0700] "GET /path HTTP/1.1" 302 123 "referer" "user agent" (extra fields ignored)
const LINE = /^(\S+) \S+ \S+ \[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "([A-Z]+) (\S+)(?: HTTP\/[\d.]+)?" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(.*)$/;
const unescape = (s: string) => s.replace(/\\(["\\])/g, '$1').replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/**
 * Parses one nginx/Apache "combined" log line; null when it is not one. The time's offset
 * is applied (the result is UTC). A `range="…"` field after the combined fields is read if present.
 */
export function parseCombinedLogLine(line: string): LogRequest | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, ip, dd, mon, yyyy, hh, mi, ss, sign, oh, om, method, path, status, bytes, referer, ua, rest] = m;
  const month = MONTHS[mon!];
  if (month === undefined) return null;
  const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const ts = Date.UTC(Number(yyyy), month, Number(dd), Number(hh), Number(mi), Number(ss)) - offsetMin * 60_000;
  if (!Number.isFinite(ts)) return null;
  const range = /\brange="([^"]*)"/.exec(rest ?? '')?.[1];
  return {
    ip: ip!,
    ts,
    method: method!,
    path: path!,
    status: Number(status),
    bytes: bytes === '-' ? null : Number(bytes),
    referer: referer && referer !== '-' ? unescape(referer) : null,
    userAgent: ua && ua !== '-' ? unescape(ua) : '',
    range: range && range !== '-' ? range : null,
  };
}
