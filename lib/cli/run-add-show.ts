import { loadConfig } from '../config/load-config';
import { addShow } from '../feeds/add-show';
import { loadFeedSource } from '../feeds/load-feed-source';
import { checkPrefixes } from '../feeds/check-prefixes';
import { FeedError } from '../feeds/parse-feed';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';
import { parseArgs } from './parse-args';

/** `earshot add-show <feed-url-or-file> [--slug <slug>]` */
export async function runAddShow(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['slug']);
  if (positional.length !== 1) throw new CliError('usage: earshot add-show <feed-url-or-file> [--slug <slug>]');
  const config = loadConfig();
  let src;
  try {
    src = await loadFeedSource(positional[0]!, { allowPrivate: config.allowPrivateFeeds });
  } catch (err) {
    if (err instanceof FeedError) throw new CliError(err.message);
    throw err;
  }
  await withCliDb(config, 'add-show', async (db) => {
    const added = await addShow(db, src, { slug: flags.slug as string | undefined, selfHosts: config.selfHosts }).catch((err) => {
      throw err instanceof FeedError ? new CliError(err.message) : err;
    });
    const check = checkPrefixes(src.feed.episodes, config.publicUrl, config.selfHosts);
    const out = [
      `added "${src.feed.show.title}" as ${added.slug}: ${added.episodes} episodes${src.feedUrl ? '' : ' (from a file with no feed URL: refresh-feeds will skip it)'}`,
      `prefix: ${config.publicUrl}/e/`,
      `enclosures through this tracker: ${check.ours}, through other prefixes only: ${check.otherPrefix}, through none: ${check.none}`,
    ];
    if (check.example) {
      out.push('to measure with earshot, put the prefix in front of every enclosure URL, e.g.');
      out.push(`  ${check.example.before}`);
      out.push(`  → ${check.example.after}`);
    }
    if (added.attributed) out.push(`attributed ${added.attributed} earlier hits to its episodes`);
    process.stdout.write(out.join('\n') + '\n');
  });
}
