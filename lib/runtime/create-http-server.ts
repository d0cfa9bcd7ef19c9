import http from 'node:http';
import { isTrackerPath } from '../tracker/parse-tracker-url';
import type { Runtime } from './start-runtime';

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
    next(req, res).catch(() => {
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
