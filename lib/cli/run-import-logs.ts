import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { loadConfig } from '../config/load-config';
import { openGeoLookup } from '../classify/open-geo-lookup';
import { createKeySealer } from '../tracker/key-sealer';
import { importLogs, LOG_FORMATS, type ImportProgress, type LogFormat } from '../counting/import-logs';
import { CliError } from './cli-error';
import { withCliDb } from './with-cli-db';
import { parseArgs } from './parse-args';

const USAGE = 'usage: earshot import-logs <file|-> --format combined|op3-tsv [--host <media-host>]';

/** `earshot import-logs`: backfill from combined or OP3 logs, with progress on stderr. */
export async function runImportLogs(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['format', 'host']);
  if (positional.length !== 1 || !flags.format) throw new CliError(USAGE);
  const format = String(flags.format) as LogFormat;
  if (!LOG_FORMATS.includes(format)) throw new CliError(`--format must be combined or op3-tsv (got "${format}")`);
  const host = flags.host ? String(flags.host).toLowerCase() : null;
  if (host && !/^[a-z0-9.-]+(:\d{1,5})?$/.test(host)) throw new CliError(`--host must be a host name (got "${host}")`);
  const file = positional[0]!;
  let input: Readable;
  let total = 0;
  if (file === '-') input = process.stdin;
  else {
    try {
      total = fs.statSync(file).size;
    } catch {
      throw new CliError(`cannot read ${file}`);
    }
    input = fs.createReadStream(file);
  }
  const config = loadConfig();
  const geo = await openGeoLookup(config.geoipDb);
  const t0 = Date.now();
  let last = 0;
  const progress = (p: ImportProgress, final = false) => {
    const now = Date.now();
    if (!final && now - last < 500) return;
    last = now;
    const secs = Math.max(0.001, (now - t0) / 1000);
    const rate = p.lines / secs;
    const eta = total && p.bytes ? ((total - p.bytes) / (p.bytes / secs)).toFixed(0) : '?';
    const pct = total ? ` ${((100 * p.bytes) / total).toFixed(1)}%` : '';
    const text = `${pct} ${(p.bytes / 1048576).toFixed(1)} MB, ${p.lines} lines, ${Math.round(rate)} lines/s, ETA ${eta} s, ${p.bad} bad`;
    process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`);
  };
  try {
    await withCliDb(config, 'import-logs', async (db) => {
      const r = await importLogs(db, input, {
        format, host, geo, selfHosts: config.selfHosts, onProgress: (p) => progress(p), sealer: createKeySealer(config.secret, config.secretPrevious),
      });
      progress(r, true);
      if (process.stderr.isTTY) process.stderr.write('\n');
      for (const b of r.badExamples) process.stderr.write(`  bad ${b}\n`);
      process.stdout.write(
        `${r.lines} lines: ${r.imported} hits imported (already stored ones are skipped), ${r.skipped} not podcast requests, ${r.bad} bad; ${r.downloads} new downloads counted\n`,
      );
    });
  } catch (err) {
    if (/op3-tsv/.test((err as Error).message)) throw new CliError((err as Error).message);
    throw err;
  }
}
