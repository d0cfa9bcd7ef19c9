import { loadShowPage, ShowShell } from '../../../_components/show-shell';
import { HorizontalBars } from '../../../_components/charts';
import { queryShowStats } from '@/lib/reports/query-show-stats';
import { hrefWith } from '@/lib/reports/dashboard-filters';
import { countryName, regionName } from '@/lib/classify/region-name';
import { GEO_ATTRIBUTION } from '@/lib/vocabulary';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GeoPage({ params, searchParams }: Props) {
  const page = await loadShowPage(params, searchParams);
  const { show, filters: f, fmt } = page;
  const db = getRuntime().db;
  // The country table ignores the country filter (it is how one is chosen); regions follow it.
  const countries = await queryShowStats(db, show.id, { ...f, country: undefined, by: 'country' });
  const regions = f.country ? await queryShowStats(db, show.id, { ...f, by: 'region' }) : null;
  const base = `/shows/${encodeURIComponent(show.slug)}/geo`;
  return (
    <ShowShell page={page} tab="/geo">
      <h2>Countries</h2>
      {countries.series.length === 0 ? <p className="muted">No downloads in this range.</p> : (
        <>
          <HorizontalBars data={countries.series.slice(0, 12).map((r) => ({ label: countryName(r.key), downloads: r.downloads }))} label={`Downloads by country: ${countries.series.slice(0, 5).map((r) => `${countryName(r.key)} ${r.downloads}`).join(', ')}`} />
          <div className="table-wrap">
            <table data-testid="countries-table">
              <thead><tr><th>Country</th><th>Code</th><th className="num">Downloads</th><th className="num">Listeners</th></tr></thead>
              <tbody>{countries.series.map((r) => (
                <tr key={r.key}><td><a href={hrefWith(base, f.query, { country: r.key })}>{countryName(r.key)}</a></td><td>{r.key}</td><td className="num">{fmt(r.downloads)}</td><td className="num">{fmt(r.listeners)}</td></tr>
              ))}</tbody>
            </table>
          </div>
        </>
      )}
      <h2>Regions{f.country ? ` in ${countryName(f.country)}` : ''}</h2>
      {!regions ? <p className="muted">Choose a country to see its regions (ISO 3166-2).</p> : (
        <div className="table-wrap">
          <table data-testid="regions-table">
            <thead><tr><th>Region</th><th>Code</th><th className="num">Downloads</th><th className="num">Listeners</th></tr></thead>
            <tbody>{regions.series.map((r) => (
              <tr key={r.key}><td>{r.key ? regionName(r.key) : 'Unknown'}</td><td>{r.key || '—'}</td><td className="num">{fmt(r.downloads)}</td><td className="num">{fmt(r.listeners)}</td></tr>
            ))}</tbody>
          </table>
        </div>
      )}
      <footer className="attribution"><a href="https://db-ip.com">{GEO_ATTRIBUTION}</a> (CC BY 4.0).</footer>
    </ShowShell>
  );
}
