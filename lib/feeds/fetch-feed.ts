import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { FeedError } from './parse-feed';

export const FEED_USER_AGENT = 'earshot/0.1 (self-hosted podcast analytics; reads the feeds its users register)';

export type FetchFeedOptions = {
  etag?: string | null;
  lastModified?: string | null;
  /** Allow loopback and private addresses (EARSHOT_ALLOW_PRIVATE_FEEDS=1); off by default (SSRF guard). */
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
};

export type FetchedFeed =
  | { notModified: true; url: string }
  | { notModified: false; url: string; bytes: Buffer; etag: string | null; lastModified: string | null };

/** True for addresses a feed fetch must not reach unless allowed: loopback, private, link-local, CGNAT, multicast, unspecified. */
export function isPrivateAddress(ip: string): boolean {
  const v = net.isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19));
  }
  if (v === 6) {
    const x = ip.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return x === '::' || x === '::1' || /^f[cd]/.test(x) || /^fe[89ab]/.test(x) || /^ff/.test(x) || x.startsWith('64:ff9b:');
  }
  return true;
}

function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = !allowPrivate && list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(new FeedError(`refusing to fetch a feed from a private or loopback address (${hostname}); set EARSHOT_ALLOW_PRIVATE_FEEDS=1 to allow`), '', 0);
      if ((options as dns.LookupAllOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * Fetches a feed over http(s) with a timeout, a size cap, at most `maxRedirects` redirects,
 * conditional GET (ETag / Last-Modified) and an honest User-Agent. Addresses are checked at
 * connect time (no DNS rebinding around the SSRF guard).
 */
export async function fetchFeed(url: string, opts: FetchFeedOptions = {}): Promise<FetchedFeed> {
  const { timeoutMs = 15_000, maxBytes = 20 * 1024 * 1024, maxRedirects = 5, allowPrivate = false } = opts;
  let current = url;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    let u: URL;
    try {
      u = new URL(current);
    } catch {
      throw new FeedError(`not a URL: ${current.slice(0, 200)}`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FeedError(`feeds are fetched over http(s) only, not ${u.protocol}`);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !allowPrivate && isPrivateAddress(host)) {
      throw new FeedError(`refusing to fetch a feed from a private or loopback address (${host}); set EARSHOT_ALLOW_PRIVATE_FEEDS=1 to allow`);
    }
    const headers: Record<string, string> = { 'User-Agent': FEED_USER_AGENT, Accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1', 'Accept-Encoding': 'gzip, deflate, br' };
    if (hop === 0 && opts.etag) headers['If-None-Match'] = opts.etag;
    if (hop === 0 && opts.lastModified) headers['If-Modified-Since'] = opts.lastModified;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = (u.protocol === 'https:' ? https : http).request(u, { headers, lookup: guardedLookup(allowPrivate), timeout: timeoutMs }, resolve);
      req.on('timeout', () => req.destroy(new FeedError(`timed out after ${timeoutMs} ms fetching ${u.host}`)));
      req.on('error', (e) => reject(e instanceof FeedError ? e : new FeedError(`could not fetch ${u.host}: ${e.message}`)));
      req.end();
    });
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304) {
      res.resume();
      const loc = res.headers.location;
      if (!loc) throw new FeedError(`redirect without a Location from ${u.host}`);
      current = new URL(loc, u).toString();
      continue;
    }
    if (status === 304) {
      res.resume();
      return { notModified: true, url: current };
    }
    if (status !== 200) {
      res.resume();
      throw new FeedError(`HTTP ${status} from ${u.host}`);
    }
    const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
    let body: Readable = res;
    if (enc === 'gzip' || enc === 'x-gzip') body = res.pipe(zlib.createGunzip());
    else if (enc === 'deflate') body = res.pipe(zlib.createInflate());
    else if (enc === 'br') body = res.pipe(zlib.createBrotliDecompress());
    const chunks: Buffer[] = [];
    let size = 0;
    const deadline = setTimeout(() => res.destroy(new FeedError(`timed out after ${timeoutMs} ms reading ${u.host}`)), timeoutMs);
    try {
      for await (const c of body) {
        size += (c as Buffer).length;
        if (size > maxBytes) {
          res.destroy();
          throw new FeedError(`the feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
        }
        chunks.push(c as Buffer);
      }
    } catch (err) {
      throw err instanceof FeedError ? err : new FeedError(`could not read the feed from ${u.host}: ${(err as Error).message}`);
    } finally {
      clearTimeout(deadline);
    }
    return {
      notModified: false,
      url: current,
      bytes: Buffer.concat(chunks),
      etag: (res.headers.etag as string | undefined) ?? null,
      lastModified: (res.headers['last-modified'] as string | undefined) ?? null,
    };
  }
  throw new FeedError(`more than ${maxRedirects} redirects`);
}
