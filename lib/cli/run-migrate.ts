import { loadConfig } from '../config/load-config';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';

/** `earshot migrate`: applies the migrations in drizzle/ to the configured database. */
export async function runMigrate(args: string[]): Promise<void> {
  if (args.length) throw new CliError(`migrate takes no arguments (got "${args[0]}")`);
  const config = loadConfig();
  await withCliDb(config, 'migrate', async (db) => {
    process.stdout.write(`migrations applied (${db.kind === 'pg' ? 'PostgreSQL' : `embedded database in ${config.dataDir}`})\n`);
  });
}
