import { loadShowPage, ShowShell } from '../../../_components/show-shell';
import { monthlyReportRows } from '@/lib/reports/monthly-report-rows';
import { REPORT_BYS } from '@/lib/reports/report-columns';
import { todayIn } from '@/lib/reports/stats-params';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReportsPage({ params, searchParams }: Props) {
  const sp = await searchParams;
  const page = await loadShowPage(params, Promise.resolve(sp));
  const { show, fmt } = page;
  const thisMonth = todayIn('UTC').slice(0, 7);
  const month = typeof sp.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.month) ? sp.month : thisMonth;
  const bots = sp.bots === '1';
  const rows = await monthlyReportRows(getRuntime().db, { showId: show.id, slug: show.slug, month, by: 'episode', includeBots: bots });
  const api = `/api/v1/shows/${encodeURIComponent(show.slug)}/reports/${month}.csv`;
  return (
    <ShowShell page={page} tab="/reports" filters={false}>
      <form className="filters" method="get" aria-label="Report month">
        <label>Month (UTC)<input type="month" name="month" defaultValue={month} max={thisMonth} /></label>
        <label style={{ display: 'flex', gap: '.4rem', alignItems: 'center' }}><input type="checkbox" name="bots" value="1" defaultChecked={bots} />Include bots</label>
        <button type="submit">Show</button>
      </form>
      <h2>Downloads by episode, {month}{bots ? ' (bots included)' : ''}</h2>
      {rows.length === 0 ? <p className="muted" data-testid="empty">No downloads in {month}.</p> : (
        <div className="table-wrap">
          <table data-testid="report-table">
            <thead><tr><th>Episode</th><th>Published</th><th className="num">Downloads</th><th className="num">Listeners</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr key={String(r[2])}><td>{r[3]}</td><td>{String(r[4]).slice(0, 10)}</td><td className="num">{fmt(Number(r[5]))}</td><td className="num">{fmt(Number(r[6]))}</td></tr>
            ))}</tbody>
          </table>
        </div>
      )}
      <h2>Download CSV</h2>
      <p>
        {REPORT_BYS.map((by) => (
          <a key={by} className="button secondary" style={{ margin: '0 .5rem .5rem 0' }} href={`${api}?by=${by}${bots ? '&bots=1' : ''}`} download data-testid={`csv-${by}`}>By {by === 'os' ? 'OS' : by}</a>
        ))}
      </p>
      <p className="muted">The same files as <code>earshot report --show {show.slug} --month {month} --by …</code>. Months are UTC calendar months.</p>
    </ShowShell>
  );
}
