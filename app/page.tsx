import { requireUser } from '@/lib/auth/page-principal';
import { listVisibleShows } from '@/lib/reports/find-visible-show';
import { showsOverview } from '@/lib/reports/shows-overview';
import { parseTimeZone } from '@/lib/reports/parse-time-zone';
import { todayIn } from '@/lib/reports/stats-params';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { TopBar } from './_components/top-bar';
import { Sparkline } from './_components/sparkline';
import { formatter, requestLocale } from './_components/format';

export const dynamic = 'force-dynamic';

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const rt = getRuntime();
  const tz = parseTimeZone(sp.tz ?? '') ?? (user.timeZone && parseTimeZone(user.timeZone)) ?? 'UTC';
  const shows = await listVisibleShows(rt.db, user);
  const summaries = await showsOverview(rt.db, shows, tz, todayIn(tz));
  const fmt = formatter(await requestLocale());
  return (
    <>
      <TopBar user={user} />
      <main>
        <h1>Shows</h1>
        {summaries.length === 0 ? (
          <div data-testid="no-shows">
            <p>No shows yet.</p>
            {user.isAdmin ? (
              <p>Add one under <a href="/settings">Settings</a> (by feed URL), then put <code>{rt.config.publicUrl}/e/</code> in front of its enclosure URLs. Or try the demo: <code>npx earshot seed-demo</code>.</p>
            ) : <p>Ask an admin to give you access to a show.</p>}
          </div>
        ) : (
          <div className="table-wrap">
            <table data-testid="shows-table">
              <thead><tr><th>Show</th><th className="num">Downloads, last 30 days</th><th className="num">vs previous 30</th><th>Daily ({tz})</th></tr></thead>
              <tbody>
                {summaries.map((s) => {
                  const change = s.prev30 ? Math.round(((s.last30 - s.prev30) / s.prev30) * 100) : null;
                  return (
                    <tr key={s.slug}>
                      <td><a href={`/shows/${encodeURIComponent(s.slug)}`}>{s.title}</a></td>
                      <td className="num" data-testid="last30">{fmt(s.last30)}</td>
                      <td className={`num ${change === null ? '' : change >= 0 ? 'up' : 'down'}`}>
                        {change === null ? '—' : `${change >= 0 ? '▲' : '▼'} ${Math.abs(change)}%`}
                        <span className="sr-only">{change === null ? 'no earlier data' : change >= 0 ? ' up' : ' down'}</span>
                      </td>
                      <td><Sparkline values={s.daily} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </main>
    </>
  );
}
