import http from 'node:http';
import { isTrackerPath } from '../tracker/parse-tracker-url';
import type { Runtime } from './start-runtime';
import { gateRequest } from '../auth/gate-request';
import { resolveClientIp } from '../tracker/resolve-client-ip';

/** Security headers on every dashboard and API answer (the tracker sends only its own). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * The one node:http server: `/e/…` goes to the tracker before Next sees it; everything
 * else to Next (503 until Next is ready). Malformed requests get a bare 400; nothing
 * about the client is logged.
 */
export function createHttpServer(rt: Runtime, getNext: () => NextHandler | null): http.Server {
  const server = http.createServer((req, res) => {
    // Absolute-form request targets (`GET http://host/e/…`, as some proxies send) are judged by their path.
    const abs = /^https?:\/\/[^/?#]*(\/[^]*)?$/i.exec(req.url ?? '');
    if (abs) req.url = abs[1] ?? '/';
    if (isTrackerPath(req.url ?? '')) return rt.tracker(req, res);
    const next = getNext();
    if (!next) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '2' });
      res.end('earshot is starting\n');
      return;
    }
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    gateRequest(rt.db, req, rt.config.publicUrl)
      .then((refusal) => {
        if (refusal) {
          res.writeHead(refusal.status, refusal.headers);
          res.end(req.method === 'HEAD' ? undefined : refusal.body);
          return;
        }
        const path = (req.url ?? '').split('?')[0];
        if (path === '/api/auth/login' || path === '/api/auth/setup') {
          // Only these two handlers get the client address (login throttling, the loopback-only
          // first-run setup); it stays in memory and is never written anywhere.
          req.headers['x-earshot-client'] = resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], rt.config.trustProxy);
          const sock = req.socket.remoteAddress ?? '';
          req.headers['x-earshot-loopback'] = /^(127\.|::1$|::ffff:127\.)/.test(sock) && !req.headers['x-forwarded-for'] ? '1' : '0';
        }
        return next(req, res);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('internal error\n');
      });
  });
  server.keepAliveTimeout = 5000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
