import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/** Spreadsheet formula guard (SPEC §5): a cell starting with = + - @ tab or CR gets a leading '. */
export function guardCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Writes an RFC 4180 CSV (UTF-8, CRLF, header row) through csv-stringify, guarding every text cell. */
export async function writeReportCsv(out: Writable, header: readonly string[], rows: Iterable<Array<string | number>>): Promise<void> {
  const source = Readable.from(
    (function* () {
      yield [...header];
      for (const r of rows) yield r;
    })(),
    { objectMode: true },
  );
  await pipeline(
    source,
    stringify({ record_delimiter: 'windows', cast: { string: (v: string) => guardCell(v), number: (n: number) => String(n) } }),
    out,
    { end: false },
  );
}
