import type { Runtime } from './start-runtime';

export class NotReadyError extends Error {}

/** The server's runtime (database, config) for pages and route handlers; server.ts starts it before Next. */
export function getRuntime(): Runtime {
  const rt = globalThis.__earshotRuntime;
  if (!rt) throw new NotReadyError('the server is starting');
  return rt;
}
