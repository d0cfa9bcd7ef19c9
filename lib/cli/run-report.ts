import fs from 'node:fs';
import { loadConfig } from '../config/load-config';
import { countDownloads } from '../counting/count-downloads';
import { monthlyReportRows } from '../reports/monthly-report-rows';
import { REPORT_BYS, REPORT_COLUMNS, type ReportBy } from '../reports/report-columns';
import { writeReportCsv } from '../reports/write-report-csv';
import { parseTimeZone } from '../reports/parse-time-zone';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';
import { parseArgs } from './parse-args';

const USAGE = `usage: earshot report --show <slug> --month YYYY-MM [--by ${REPORT_BYS.join('|')}] [--include-bots] [--tz <zone>] [--out <file>]`;

/** `earshot report`: counts what is new, then writes the monthly CSV (SPEC §5) to stdout or --out. */
export async function runReport(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['show', 'month', 'by', 'out', 'tz'], ['include-bots']);
  if (positional.length || !flags.show || !flags.month) throw new CliError(USAGE);
  const month = String(flags.month);
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new CliError(`--month must be YYYY-MM (got "${month}")`);
  const by = String(flags.by ?? 'episode') as ReportBy;
  if (!REPORT_BYS.includes(by)) throw new CliError(`--by must be one of ${REPORT_BYS.join(', ')} (got "${by}")`);
  const tz = flags.tz === undefined ? 'UTC' : parseTimeZone(String(flags.tz));
  if (!tz) throw new CliError(`--tz must be an IANA time zone such as Europe/Berlin (got "${String(flags.tz)}")`);
  const config = loadConfig();
  await withCliDb(config, 'report', async (db) => {
    const [show] = await db.query<{ id: number; slug: string }>('SELECT id, slug FROM shows WHERE slug = $1', [String(flags.show)]);
    if (!show) throw new CliError(`no show "${String(flags.show)}"`);
    await countDownloads(db);
    const rows = await monthlyReportRows(db, { showId: Number(show.id), slug: show.slug, month, by, includeBots: flags['include-bots'] === true, tz });
    if (flags.out) {
      const tmp = `${String(flags.out)}.tmp-${process.pid}`;
      const file = fs.createWriteStream(tmp);
      await writeReportCsv(file, REPORT_COLUMNS[by], rows);
      await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
      fs.renameSync(tmp, String(flags.out));
    } else {
      await writeReportCsv(process.stdout, REPORT_COLUMNS[by], rows);
    }
  });
}
