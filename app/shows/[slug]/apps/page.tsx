import { loadShowPage, ShowShell } from '../../../_components/show-shell';
import { Breakdown } from '../../../_components/breakdown';
import { queryShowStats } from '@/lib/reports/query-show-stats';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AppsPage({ params, searchParams }: Props) {
  const page = await loadShowPage(params, searchParams);
  const { show, filters: f, fmt } = page;
  const db = getRuntime().db;
  const [apps, devices, oses, players] = await Promise.all(
    (['app', 'device', 'os', 'web_player'] as const).map((by) => queryShowStats(db, show.id, { ...f, by })),
  );
  const webPlayers = players!.series.filter((p) => p.key !== '');
  return (
    <ShowShell page={page} tab="/apps">
      <h2>Apps</h2>
      <p className="muted">App names from the Open Podcast Analytics Working Group (OPAWG) user-agent list; browsers appear as “Browser: name”.</p>
      <Breakdown rows={apps!.series} fmt={fmt} label="app" testid="apps-table" />
      <div className="grid2">
        <section><h2>Device types</h2><Breakdown rows={devices!.series} fmt={fmt} label="device" testid="devices-table" /></section>
        <section><h2>Operating systems</h2><Breakdown rows={oses!.series} fmt={fmt} label="os" testid="os-table" /></section>
      </div>
      <h2>Web players</h2>
      <p className="muted">Browser downloads whose Referer names a web player (OPAWG referrers).</p>
      {webPlayers.length ? <Breakdown rows={webPlayers} fmt={fmt} label="web player" testid="web-table" chart={false} /> : <p className="muted">No downloads from web players in this range.</p>}
    </ShowShell>
  );
}
