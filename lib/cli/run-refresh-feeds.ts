import { loadConfig } from '../config/load-config';
import { refreshFeeds } from '../feeds/refresh-feeds';
import { AttributionIndex } from '../tracker/attribution-index';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';
import { parseArgs } from './parse-args';

/** `earshot refresh-feeds [--show <slug>]` */
export async function runRefreshFeeds(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['show']);
  if (positional.length) throw new CliError('usage: earshot refresh-feeds [--show <slug>]');
  const config = loadConfig();
  await withCliDb(config, 'refresh-feeds', async (db) => {
    const slug = flags.show as string | undefined;
    if (slug && !(await db.query('SELECT 1 FROM shows WHERE slug = $1', [slug])).length) throw new CliError(`no show "${slug}"`);
    const r = await refreshFeeds(db, new AttributionIndex(), { allowPrivate: config.allowPrivateFeeds, selfHosts: config.selfHosts, slug });
    const lines = [
      `${r.shows} feeds: ${r.updated} read, ${r.notModified} unchanged, ${r.failed.length} failed; ${r.newUrls} new enclosure URLs; ${r.attributed} pending hits attributed`,
      ...r.failed.map((f) => `  ${f.slug}: ${f.error}`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  });
}
