import { loadShowPage, ShowShell } from '../../../_components/show-shell';
import { episodeTable, type EpisodeRow } from '@/lib/reports/episode-table';
import { hrefWith } from '@/lib/reports/dashboard-filters';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

const COLUMNS = [['published', 'Published'], ['title', 'Episode'], ['d1', '1 day'], ['d3', '3 days'], ['d7', '7 days'], ['d30', '30 days'], ['allTime', 'All time']] as const;
type Key = (typeof COLUMNS)[number][0];

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EpisodesPage({ params, searchParams }: Props) {
  const sp = await searchParams;
  const page = await loadShowPage(params, Promise.resolve(sp));
  const { show, fmt, filters: f } = page;
  const rows = await episodeTable(getRuntime().db, show.id);
  const sort = (COLUMNS.some(([k]) => k === sp.sort) ? sp.sort : 'published') as Key;
  const dir = sp.dir === 'asc' ? 1 : -1;
  const value = (r: EpisodeRow, k: Key) => (k === 'published' ? r.publishedAt ?? '' : k === 'title' ? r.title.toLowerCase() : r[k] ?? -1);
  rows.sort((a, b) => (value(a, sort) < value(b, sort) ? -dir : value(a, sort) > value(b, sort) ? dir : 0));
  const base = `/shows/${encodeURIComponent(show.slug)}`;
  return (
    <ShowShell page={page} tab="/episodes" filters={false}>
      <p className="muted">Downloads in the first 1, 3, 7 and 30 days after each release (— while that window is still open) and all time. Select column headers to sort.</p>
      {rows.length === 0 ? <p className="muted">This show has no episodes yet.</p> : (
        <div className="table-wrap">
          <table data-testid="episodes-table">
            <thead>
              <tr>
                {COLUMNS.map(([k, label]) => {
                  const active = sort === k;
                  const nextDir = active && dir === -1 ? 'asc' : 'desc';
                  return (
                    <th key={k} className={k === 'title' || k === 'published' ? '' : 'num'} aria-sort={active ? (dir === 1 ? 'ascending' : 'descending') : 'none'}>
                      <a href={hrefWith(base + '/episodes', f.query, { sort: k, dir: nextDir })}>{label}{active ? (dir === 1 ? ' ▲' : ' ▼') : ''}</a>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.publishedAt?.slice(0, 10) ?? '—'}</td>
                  <td><a href={`${base}/episodes/${r.id}`}>{r.title}</a></td>
                  <td className="num">{fmt(r.d1)}</td><td className="num">{fmt(r.d3)}</td><td className="num">{fmt(r.d7)}</td><td className="num">{fmt(r.d30)}</td>
                  <td className="num" data-testid="all-time">{fmt(r.allTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p><a className="button secondary" href={`${base}/compare`}>Compare episodes</a></p>
    </ShowShell>
  );
}
