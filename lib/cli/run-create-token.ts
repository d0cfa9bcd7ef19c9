import { loadConfig } from '../config/load-config';
import { createApiToken } from '../auth/create-api-token';
import { UserInputError } from '../auth/create-user';
import { showIdsForSlugs } from '../settings/show-ids-for-slugs';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';
import { parseArgs } from './parse-args';

const USAGE = 'usage: earshot create-token --show <slug>[,<slug>…] [--name <name>] | --admin';

/** `earshot create-token --show <slug>`: prints a new API token once (stored hashed). */
export async function runCreateToken(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['show', 'name'], ['admin']);
  if (positional.length || (!flags.show && !flags.admin)) throw new CliError(USAGE);
  const config = loadConfig();
  await withCliDb(config, 'create-token', async (db) => {
    try {
      const slugs = flags.show ? String(flags.show).split(',').map((s) => s.trim()).filter(Boolean) : [];
      const showIds = await showIdsForSlugs(db, slugs);
      const name = flags.name ? String(flags.name) : flags.admin ? 'admin token' : `token for ${slugs.join(', ')}`;
      const t = await createApiToken(db, { name, showIds, isAdmin: flags.admin === true, createdBy: null });
      process.stdout.write(`${t.token}\n`);
      process.stderr.write('this token is shown only now; send it as Authorization: Bearer <token>\n');
    } catch (err) {
      if (err instanceof UserInputError) throw new CliError(err.message);
      throw err;
    }
  });
}
