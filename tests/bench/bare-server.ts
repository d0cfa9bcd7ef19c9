// A bare node:http server answering the tracker's 302 with the same headers: the benchmark's yardstick.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(302, {
    Location: `https://${(req.url ?? '/').slice(3)}`,
    'Cache-Control': 'private, no-cache',
    'Access-Control-Allow-Origin': '*',
    'Content-Length': '0',
  });
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
