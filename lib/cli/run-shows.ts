import { loadConfig } from '../config/load-config';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';

/** `earshot shows`: one line per show (slug, episodes, title, feed status). */
export async function runShows(args: string[]): Promise<void> {
  if (args.length) throw new CliError('usage: earshot shows');
  const config = loadConfig();
  await withCliDb(config, 'shows', async (db) => {
    const rows = await db.query<{ slug: string; title: string; episodes: number; last_error: string | null; last_success_at: Date | null }>(
      `SELECT s.slug, s.title, (SELECT count(*) FROM episodes e WHERE e.show_id = s.id)::int AS episodes, s.last_error, s.last_success_at
       FROM shows s ORDER BY s.slug`,
    );
    if (!rows.length) process.stdout.write('no shows yet: earshot add-show <feed-url-or-file>\n');
    for (const r of rows) {
      const status = r.last_error ? `feed error: ${r.last_error}` : r.last_success_at ? `feed read ${new Date(r.last_success_at).toISOString()}` : 'feed never read';
      process.stdout.write(`${r.slug}\t${r.episodes} episodes\t${r.title}\t${status}\n`);
    }
  });
}
