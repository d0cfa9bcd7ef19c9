import { loadConfig } from '../config/load-config';
import { createUser, UserInputError } from '../auth/create-user';
import { showIdsForSlugs } from '../settings/show-ids-for-slugs';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';
import { parseArgs } from './parse-args';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** `earshot create-user <email> [--admin] [--show a,b]`: password from stdin when piped, else a one-time password is printed. */
export async function runCreateUser(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['show'], ['admin']);
  if (positional.length !== 1) throw new CliError('usage: earshot create-user <email> [--admin] [--show <slug>[,<slug>…]]');
  const config = loadConfig();
  const piped = await readStdin();
  await withCliDb(config, 'create-user', async (db) => {
    try {
      const slugs = flags.show ? String(flags.show).split(',').map((s) => s.trim()).filter(Boolean) : [];
      const showIds = await showIdsForSlugs(db, slugs);
      const u = await createUser(db, { email: positional[0]!, password: piped || undefined, isAdmin: flags.admin === true, showIds });
      process.stdout.write(`created ${flags.admin ? 'admin' : 'member'} ${u.email}\n`);
      if (u.generated) process.stdout.write(`one-time password: ${u.password}\n`);
    } catch (err) {
      if (err instanceof UserInputError) throw new CliError(err.message);
      throw err;
    }
  });
}
