import { loadConfig, ConfigError } from '../config/load-config';
import { DataDirLockedError } from '../runtime/lock-data-dir';
import { CliError } from './cli-error';
import { runMigrate } from './run-migrate';
import { runAddShow } from './run-add-show';
import { runRefreshFeeds } from './run-refresh-feeds';
import { runShows } from './run-shows';
import { runReport } from './run-report';
import { runSeedDemo } from './run-seed-demo';
import { runImportLogs } from './run-import-logs';
import { runPrune } from './run-prune';
import { runCreateUser } from './run-create-user';
import { runCreateToken } from './run-create-token';

type Command = { summary: string; usage: string; run: (args: string[]) => Promise<void> };

const COMMANDS: Record<string, Command> = {
  migrate: { summary: 'apply database migrations', usage: 'earshot migrate', run: runMigrate },
  'add-show': {
    summary: 'register a show from its RSS feed (URL or file), import its episodes, print the prefix to use',
    usage: 'earshot add-show <feed-url-or-file> [--slug <slug>]',
    run: runAddShow,
  },
  'refresh-feeds': { summary: 're-read feeds, add episodes, attribute pending hits', usage: 'earshot refresh-feeds [--show <slug>]', run: runRefreshFeeds },
  shows: { summary: 'list the registered shows', usage: 'earshot shows', run: runShows },
  report: {
    summary: 'the monthly CSV of a show (counts new hits first)',
    usage: 'earshot report --show <slug> --month YYYY-MM [--by episode|day|app|country|region|device|os] [--include-bots] [--tz <zone>] [--out <file>]',
    run: runReport,
  },
  'import-logs': {
    summary: 'backfill from nginx/Apache combined logs (prefix or media paths) or OP3 exports; idempotent',
    usage: 'earshot import-logs <file|-> --format combined|op3-tsv [--host <media-host>]',
    run: runImportLogs,
  },
  prune: { summary: 'drop raw hits past EARSHOT_RAW_RETENTION_MONTHS (counted months only) and destroy closed months\' keys', usage: 'earshot prune', run: runPrune },
  'seed-demo': { summary: 'the netstack.fm demo show with realistic traffic up to today', usage: 'earshot seed-demo', run: runSeedDemo },
  'create-user': {
    summary: 'add a dashboard user (password from stdin when piped, else a one-time password is printed)',
    usage: 'earshot create-user <email> [--admin] [--show <slug>[,<slug>…]]',
    run: runCreateUser,
  },
  'create-token': {
    summary: 'print a new API token for some shows (or all, --admin); stored hashed, shown once',
    usage: 'earshot create-token --show <slug>[,<slug>…] [--name <name>] | --admin',
    run: runCreateToken,
  },
};

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}\n  ${''.padEnd(16)}usage: ${c.usage}`);
  return [
    'earshot — privacy-friendly podcast download analytics',
    '',
    'Usage: earshot <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Configuration comes from the environment (DATABASE_URL, EARSHOT_DATA_DIR, …); see README.md.',
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) throw new CliError(`unknown command "${name}" (see earshot --help)`);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`usage: ${cmd.usage}\n`);
    return 0;
  }
  await cmd.run(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof CliError || err instanceof ConfigError || err instanceof DataDirLockedError;
    const msg = (err as Error)?.message ?? String(err);
    process.stderr.write(`earshot: ${msg.split('\n')[0]}\n`);
    process.exit(known ? 2 : 1);
  },
);


