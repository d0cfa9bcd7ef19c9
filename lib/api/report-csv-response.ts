import { PassThrough, Readable } from 'node:stream';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { findVisibleShow } from '../reports/find-visible-show';
import { monthlyReportRows } from '../reports/monthly-report-rows';
import { REPORT_BYS, REPORT_COLUMNS } from '../reports/report-columns';
import { writeReportCsv } from '../reports/write-report-csv';
import { parseTimeZone } from '../reports/parse-time-zone';
import { getRuntime } from '../runtime/get-runtime';
import { ApiError } from './api-error';

const querySchema = z.object({
  by: z.enum(REPORT_BYS).default('episode'),
  bots: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
  tz: z.string().max(64).optional().refine((v) => v === undefined || parseTimeZone(v) !== null, 'unknown time zone'),
});

/** GET /api/v1/shows/<slug>/reports/<YYYY-MM>.csv?by=&bots=&tz= — the same CSV as `earshot report` (SPEC §5). */
export async function reportCsvResponse(p: Principal, slug: string, file: string, search: URLSearchParams): Promise<Response> {
  const m = /^(\d{4})-(\d{2})\.csv$/.exec(file);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new ApiError(400, 'bad_request', 'month: the file must be named YYYY-MM.csv');
  const q = querySchema.parse(Object.fromEntries(search));
  const db = getRuntime().db;
  const show = await findVisibleShow(db, p, slug);
  if (!show) throw new ApiError(404, 'not_found', `no show "${slug}"`);
  const month = `${m[1]}-${m[2]}`;
  const rows = await monthlyReportRows(db, { showId: show.id, slug: show.slug, month, by: q.by, includeBots: q.bots, tz: q.tz ? parseTimeZone(q.tz)! : undefined });
  const out = new PassThrough();
  writeReportCsv(out, REPORT_COLUMNS[q.by], rows).then(() => out.end(), (err) => out.destroy(err));
  const name = `${show.slug}-${month}-${q.by}${q.bots ? '-with-bots' : ''}.csv`;
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
