import { notFound } from 'next/navigation';
import { loadShowPage, ShowShell } from '../../../../_components/show-shell';
import { LaunchCurvesChart, TimeSeriesChart } from '../../../../_components/charts';
import { queryShowStats } from '@/lib/reports/query-show-stats';
import { launchCurves } from '@/lib/reports/launch-curves';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EpisodePage({ params, searchParams }: Props) {
  const { id } = await params;
  const page = await loadShowPage(params, searchParams);
  const episode = page.episodes.find((e) => String(e.id) === id);
  if (!episode) notFound();
  const db = getRuntime().db;
  const f = { ...page.filters, episode: episode.guid };
  const [stats, curves] = await Promise.all([queryShowStats(db, page.show.id, f), launchCurves(db, page.show.id, [episode.id], 30)]);
  const { fmt } = page;
  return (
    <ShowShell page={page} tab="/episodes">
      <h2>{episode.title}</h2>
      <p className="muted">Published {episode.published ?? 'without a date'}.</p>
      <div className="cards">
        <div className="card"><div className="value" data-testid="total-downloads">{fmt(stats.totals.downloads)}</div><div className="label">Downloads in range</div></div>
        <div className="card"><div className="value">{fmt(stats.totals.listeners)}</div><div className="label">Listeners (once per month)</div></div>
        <div className="card"><div className="value">{fmt(curves[0]?.points.at(-1) ?? 0)}</div><div className="label">First {curves[0]?.points.length ?? 0} days after release</div></div>
      </div>
      <h2>Downloads in range</h2>
      <TimeSeriesChart data={stats.series.map((p) => ({ label: p.label, downloads: p.downloads }))} markers={[]} label={`Downloads of ${episode.title} from ${f.from} to ${f.to}: ${fmt(stats.totals.downloads)}`} />
      <h2>Launch curve (cumulative downloads by day since release)</h2>
      {curves.length ? <LaunchCurvesChart curves={curves} label={`Cumulative downloads of ${episode.title} over its first ${curves[0]!.points.length} days`} /> : <p className="muted">No release date: no launch curve.</p>}
    </ShowShell>
  );
}
