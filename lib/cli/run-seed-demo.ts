import { loadConfig } from '../config/load-config';
import { openGeoLookup } from '../classify/open-geo-lookup';
import { seedDemo } from '../counting/seed-demo';
import { createKeySealer } from '../tracker/key-sealer';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';

/** `earshot seed-demo`: the netstack.fm demo show with traffic up to today. */
export async function runSeedDemo(args: string[]): Promise<void> {
  if (args.length) throw new CliError('usage: earshot seed-demo');
  const config = loadConfig();
  const geo = await openGeoLookup(config.geoipDb);
  await withCliDb(config, 'seed-demo', async (db) => {
    const t0 = Date.now();
    const r = await seedDemo(db, geo, new Date(), { sealer: createKeySealer(config.secret, config.secretPrevious) });
    process.stdout.write(
      `demo show ${r.slug}: ${r.hits} hits from ${r.from} to ${r.to}, ${r.downloads} new downloads counted (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
    );
  });
}
