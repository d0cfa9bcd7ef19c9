// The earshot tracker as the server runs it (runtime + node:http server, hits recorded), without Next.
import { loadConfig } from '../../lib/config/load-config';
import { startRuntime } from '../../lib/runtime/start-runtime';
import { createHttpServer } from '../../lib/runtime/create-http-server';

const config = loadConfig();
const rt = await startRuntime(config, { log: () => {} });
const server = createHttpServer(rt, () => null);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', async () => {
  server.closeAllConnections();
  server.close();
  await rt.close();
  process.exit(0);
});
