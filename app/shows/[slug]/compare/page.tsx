import { loadShowPage, ShowShell } from '../../../_components/show-shell';
import { LaunchCurvesChart } from '../../../_components/charts';
import { launchCurves } from '@/lib/reports/launch-curves';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ComparePage({ params, searchParams }: Props) {
  const sp = await searchParams;
  const page = await loadShowPage(params, Promise.resolve(sp));
  const { show, fmt } = page;
  const chosen = [sp.e].flat().filter((v): v is string => Boolean(v));
  const ids = (chosen.length ? page.episodes.filter((e) => chosen.includes(String(e.id))) : page.episodes.filter((e) => e.published).slice(0, 3)).map((e) => e.id);
  const days = Math.min(90, Math.max(7, Number(sp.days) || 30));
  const curves = await launchCurves(getRuntime().db, show.id, ids, days);
  return (
    <ShowShell page={page} tab="/compare" filters={false}>
      <form className="filters" method="get" aria-label="Episodes to compare">
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend>Episodes</legend>
          {page.episodes.map((e) => (
            <label key={e.id} style={{ display: 'inline-flex', gap: '.3rem', marginRight: '1rem', fontWeight: 400 }}>
              <input type="checkbox" name="e" value={e.id} defaultChecked={ids.includes(e.id)} />{e.title}
            </label>
          ))}
        </fieldset>
        <label>Days since release<select name="days" defaultValue={String(days)}>{[7, 14, 30, 60, 90].map((d) => <option key={d} value={d}>{d}</option>)}</select></label>
        <button type="submit">Compare</button>
      </form>
      {curves.length === 0 ? <p className="muted">Choose episodes with a release date.</p> : (
        <>
          <LaunchCurvesChart curves={curves} label={`Launch curves of ${curves.map((c) => c.title).join(', ')} over ${days} days`} />
          <div className="table-wrap">
            <table data-testid="compare-table">
              <thead><tr><th>Episode</th>{[1, 3, 7, 30].filter((d) => d <= days).map((d) => <th key={d} className="num">Day {d}</th>)}</tr></thead>
              <tbody>{curves.map((c) => (
                <tr key={c.id}><td>{c.title}</td>{[1, 3, 7, 30].filter((d) => d <= days).map((d) => <td key={d} className="num">{c.points.length >= d ? fmt(c.points[d - 1]!) : '—'}</td>)}</tr>
              ))}</tbody>
            </table>
          </div>
        </>
      )}
    </ShowShell>
  );
}
