import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

export type FeedRoute = { body?: string | Buffer; status?: number; etag?: string; gzip?: boolean; redirect?: string; delayMs?: number };

/** A loopback HTTP server for feed tests: routes can be changed while it runs; requests are logged. */
export async function startFeedServer(routes: Record<string, FeedRoute>) {
  const log: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    log.push({ path: req.url ?? '', headers: req.headers });
    const r = routes[req.url ?? ''];
    if (!r) {
      res.writeHead(404).end('not found');
      return;
    }
    const send = () => {
      if (r.redirect) return res.writeHead(302, { Location: r.redirect }).end();
      if (r.etag && req.headers['if-none-match'] === r.etag) return res.writeHead(304).end();
      const headers: Record<string, string> = { 'Content-Type': 'application/rss+xml' };
      if (r.etag) headers.ETag = r.etag;
      let body = typeof r.body === 'string' ? Buffer.from(r.body) : (r.body ?? Buffer.alloc(0));
      if (r.gzip) {
        body = zlib.gzipSync(body);
        headers['Content-Encoding'] = 'gzip';
      }
      res.writeHead(r.status ?? 200, headers).end(body);
    };
    if (r.delayMs) setTimeout(send, r.delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes,
    log,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
