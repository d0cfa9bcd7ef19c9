import { loadConfig } from '../config/load-config';
import { countDownloads } from '../counting/count-downloads';
import { pruneRawHits } from '../counting/prune-raw-hits';
import { HashKeyStore } from '../tracker/hash-key-store';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';

/** `earshot prune`: count, then drop raw hit months past EARSHOT_RAW_RETENTION_MONTHS and destroy closed months' keys. */
export async function runPrune(args: string[]): Promise<void> {
  if (args.length) throw new CliError('usage: earshot prune');
  const config = loadConfig();
  await withCliDb(config, 'prune', async (db) => {
    const counted = await countDownloads(db);
    const r = await pruneRawHits(db, config.rawRetentionMonths);
    const keys = await new HashKeyStore().destroyExpired(db, new Date(), config.keyGraceDays, new Date(counted.watermark));
    process.stdout.write(
      `raw hits kept for ${config.rawRetentionMonths} months: dropped ${r.dropped.length ? r.dropped.join(', ') : 'nothing'}` +
        `${r.keptUncounted.length ? `; not yet counted, kept: ${r.keptUncounted.join(', ')}` : ''}; hash keys destroyed: ${keys.length ? keys.join(', ') : 'none'}\n`,
    );
  });
}
