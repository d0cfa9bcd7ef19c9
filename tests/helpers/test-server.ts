import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../lib/config/load-config';
import { startRuntime, type Runtime } from '../../lib/runtime/start-runtime';
import { createHttpServer } from '../../lib/runtime/create-http-server';
import type { Db } from '../../db/client';
import type { GeoLookup } from '../../lib/classify/open-geo-lookup';

export type TestTracker = { base: string; rt: Runtime; config: Config; dataDir: string; logs: string[]; close: () => Promise<void> };

let geoPromise: Promise<GeoLookup> | null = null;
/** The bundled geo data, opened once per test file. */
export function sharedGeo(): Promise<GeoLookup> {
  geoPromise ??= import('../../lib/classify/open-geo-lookup').then((m) => m.openGeoLookup());
  return geoPromise;
}

/** The runtime and the real http server (tracker before Next; no Next) on a free port, over `db`. */
export async function startTestTracker(db: Db, env: Record<string, string> = {}): Promise<TestTracker> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-test-'));
  const config = loadConfig({ EARSHOT_DATA_DIR: dataDir, EARSHOT_BATCH_MS: '50', ...env });
  const logs: string[] = [];
  const rt = await startRuntime(config, { db, geo: await sharedGeo(), log: (m) => logs.push(m) });
  const server = createHttpServer(rt, () => null);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    rt,
    config,
    dataDir,
    logs,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await rt.close();
    },
  };
}

/** Polls until `fn` returns true (or throws after `ms`). */
export async function waitFor(fn: () => Promise<boolean> | boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function countRows(db: Db, table: 'hits' | 'pending_hits'): Promise<number> {
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(r!.n);
}
