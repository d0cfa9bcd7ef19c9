import { Suspense } from 'react';
import { loadShowPage, ShowShell, type ShowPage } from '../../_components/show-shell';
import { TimeSeriesChart } from '../../_components/charts';
import { queryShowStats } from '@/lib/reports/query-show-stats';
import { episodeTable } from '@/lib/reports/episode-table';
import { monthlyListeners } from '@/lib/reports/monthly-listeners';
import { hrefWith } from '@/lib/reports/dashboard-filters';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { slug } = await params;
  return { title: `${slug} — earshot`, openGraph: { images: [{ url: `/shows/${encodeURIComponent(slug)}/og.png`, width: 1200, height: 630 }] } };
}

/** Access and filters are settled first (a show one may not see is a 404), then the numbers stream in. */
export default async function ShowOverview({ params, searchParams }: Props) {
  const page = await loadShowPage(params, searchParams);
  return (
    <ShowShell page={page} tab="">
      <Suspense fallback={<p className="muted chart" role="status" aria-busy="true">Loading statistics…</p>}>
        <Overview page={page} />
      </Suspense>
    </ShowShell>
  );
}

async function Overview({ page }: { page: ShowPage }) {
  const { show, filters: f, fmt } = page;
  const db = getRuntime().db;
  const month = f.to.slice(0, 7);
  const [series, topEpisodes, topApps, topCountries, table, listenersOfMonth] = await Promise.all([
    queryShowStats(db, show.id, f),
    queryShowStats(db, show.id, { ...f, by: 'episode' }),
    queryShowStats(db, show.id, { ...f, by: 'app' }),
    queryShowStats(db, show.id, { ...f, by: 'country' }),
    episodeTable(db, show.id),
    monthlyListeners(db, show.id, month),
  ]);
  const avg = (k: 'd7' | 'd30') => {
    const xs = table.map((e) => e[k]).filter((v): v is number => v !== null);
    return xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
  };
  const markers = f.by === 'day'
    ? page.episodes.filter((e) => e.published && e.published >= f.from && e.published <= f.to).map((e) => ({ label: e.published!, title: e.title }))
    : [];
  const base = `/shows/${encodeURIComponent(show.slug)}`;
  const empty = series.totals.downloads === 0;
  return (
    <>
      <div className="cards">
        <div className="card"><div className="value" data-testid="total-downloads">{fmt(series.totals.downloads)}</div><div className="label">Downloads</div></div>
        <div className="card"><div className="value" data-testid="total-listeners">{fmt(series.totals.listeners)}</div><div className="label">Listeners (once per month)</div></div>
        <div className="card"><div className="value" data-testid="monthly-listeners">{fmt(listenersOfMonth)}</div><div className="label">Monthly listeners, {month} (UTC)</div></div>
        <div className="card"><div className="value" data-testid="total-hits">{fmt(series.totals.hits)}</div><div className="label">Requests (all, incl. bots)</div></div>
        <div className="card"><div className="value" data-testid="avg-7">{fmt(avg('d7'))}</div><div className="label">Avg per episode, first 7 days</div></div>
        <div className="card"><div className="value" data-testid="avg-30">{fmt(avg('d30'))}</div><div className="label">Avg per episode, first 30 days</div></div>
      </div>
      <h2>Downloads {f.by === 'hour' ? 'by hour' : 'by day'}</h2>
      {empty ? (
        <p className="muted" data-testid="empty">No downloads in this range yet. Once listeners download episodes through the prefix, they appear here within seconds.</p>
      ) : (
        <TimeSeriesChart
          data={series.series.map((p) => ({ label: p.label, downloads: p.downloads }))}
          markers={markers}
          label={`Downloads ${f.by === 'hour' ? 'per hour' : 'per day'} from ${f.from} to ${f.to}: ${fmt(series.totals.downloads)} in all`}
        />
      )}
      {markers.length > 0 && <p className="muted">▼ marks a release: {markers.map((m) => `${m.title} (${m.label})`).join(', ')}</p>}
      <details>
        <summary>Show as a table</summary>
        <div className="table-wrap">
          <table>
            <thead><tr><th>{f.by === 'hour' ? 'Hour' : 'Day'}</th><th className="num">Downloads</th><th className="num">Listeners</th></tr></thead>
            <tbody>{series.series.map((p) => <tr key={p.key}><td>{p.label}</td><td className="num">{fmt(p.downloads)}</td><td className="num">{fmt(p.listeners)}</td></tr>)}</tbody>
          </table>
        </div>
      </details>
      <div className="grid2">
        <section>
          <h2>Top episodes</h2>
          <Top rows={topEpisodes.series.slice(0, 5).map((r) => ({ label: r.label, n: r.downloads, href: hrefWith(base, f.query, { episode: r.key }) }))} fmt={fmt} testid="top-episodes" />
        </section>
        <section>
          <h2>Top apps</h2>
          <Top rows={topApps.series.slice(0, 5).map((r) => ({ label: r.label, n: r.downloads, href: hrefWith(base, f.query, { app: r.key }) }))} fmt={fmt} testid="top-apps" />
        </section>
        <section>
          <h2>Top countries</h2>
          <Top rows={topCountries.series.slice(0, 5).map((r) => ({ label: r.label, n: r.downloads, href: hrefWith(base, f.query, { country: r.key }) }))} fmt={fmt} testid="top-countries" />
        </section>
      </div>
    </>
  );
}

function Top({ rows, fmt, testid }: { rows: Array<{ label: string; n: number; href: string }>; fmt: (n: number) => string; testid: string }) {
  if (!rows.length) return <p className="muted">Nothing yet.</p>;
  return (
    <table data-testid={testid}>
      <tbody>{rows.map((r) => <tr key={r.label}><td><a href={r.href}>{r.label}</a></td><td className="num">{fmt(r.n)}</td></tr>)}</tbody>
    </table>
  );
}
