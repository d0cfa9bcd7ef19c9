/**
 * The one earshot server: `/e/…` is answered by the tracker's plain node:http handler
 * before Next sees it; everything else goes to Next. `npm start` runs this file:
 * config → migrations → build the app if there is no build → serve.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from './lib/config/load-config';
import { startRuntime } from './lib/runtime/start-runtime';
import { DataDirLockedError } from './lib/runtime/lock-data-dir';
import { createHttpServer, type NextHandler } from './lib/runtime/create-http-server';

const dir = path.dirname(fileURLToPath(import.meta.url));
const log = (m: string) => process.stderr.write(`earshot: ${m}\n`);

function ensureBuild(): void {
  if (fs.existsSync(path.join(dir, '.next', 'BUILD_ID'))) return;
  log('no build found: building the dashboard (next build), once');
  const r = spawnSync(process.execPath, [path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('next build failed');
}

async function main(): Promise<void> {
  const config = loadConfig();
  ensureBuild();
  const rt = await startRuntime(config, { log });

  let nextHandler: NextHandler | null = null;
  const server = createHttpServer(rt, () => nextHandler);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  log(`tracker and dashboard on http://${config.host}:${port} (database: ${rt.db.kind}); prefix: ${config.publicUrl}/e/`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: no new connections; writing queued hits`);
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    // Let requests in flight finish (their hits are queued as their 302 goes out), then cut the rest.
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
    server.closeAllConnections();
    await rt.close();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const { default: next } = await import('next');
  const app = next({ dev: false, dir, hostname: config.host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  nextHandler = (req, res) => handle(req, res);
  log('dashboard ready');
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) log(err.message);
  else log(`failed to start: ${(err as Error).message}`);
  process.exit(err instanceof ConfigError || err instanceof DataDirLockedError ? 2 : 1);
});
