import { loadConfig } from '../config/load-config';
import { migrateDb } from '../../db/migrate';
import { CliError } from './cli-error';
import { openCliDb } from './open-cli-db';

/** `earshot migrate`: applies the migrations in drizzle/ to the configured database. */
export async function runMigrate(args: string[]): Promise<void> {
  if (args.length) throw new CliError(`migrate takes no arguments (got "${args[0]}")`);
  const config = loadConfig();
  const { db, close } = await openCliDb(config, 'migrate');
  try {
    await migrateDb(db);
    process.stdout.write(`migrations applied (${db.kind === 'pg' ? 'PostgreSQL' : `embedded database in ${config.dataDir}`})\n`);
  } finally {
    await close();
  }
}
