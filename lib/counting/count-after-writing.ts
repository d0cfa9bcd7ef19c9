import type { Db } from '../../db/client';
import { COUNT_LAG_SECONDS, countDownloads, type CountResult } from './count-downloads';

/**
 * Counts what a bulk writer (import, demo) just stored. By default it first waits out the
 * counting lag, so hits other processes are still writing are never skipped; `lagSeconds: 0`
 * counts at once (only when nothing else writes, as in tests).
 */
export async function countAfterWriting(db: Db, lagSeconds = COUNT_LAG_SECONDS): Promise<CountResult> {
  if (lagSeconds > 0) await new Promise((r) => setTimeout(r, lagSeconds * 1000 + 100));
  return countDownloads(db, { lagSeconds });
}
