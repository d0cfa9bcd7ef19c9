import type { Runtime } from './start-runtime';

export type Health = {
  ok: boolean;
  database: { kind: 'pglite' | 'pg'; up: boolean; migrated: boolean };
  queue: { queued: number; spooled: number; written: number };
  lastError: string | null;
};

const PING_TIMEOUT_MS = 2000;

/** Database state (a live ping with a timeout) and the hit queue's depth. */
export async function getHealth(rt: Runtime): Promise<Health> {
  let up = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      rt.db.query('SELECT 1'),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS))),
    ]);
    up = true;
  } catch {
    up = false;
  } finally {
    clearTimeout(timer);
  }
  const s = rt.writer.stats();
  return {
    ok: up && rt.ready(),
    database: { kind: rt.db.kind, up, migrated: rt.ready() },
    queue: { queued: s.queued, spooled: s.spooled, written: s.written },
    lastError: s.lastError,
  };
}
