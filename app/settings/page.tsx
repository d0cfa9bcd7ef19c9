import { requireUser } from '@/lib/auth/page-principal';
import { listVisibleShows } from '@/lib/reports/find-visible-show';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { TopBar } from '../_components/top-bar';

export const dynamic = 'force-dynamic';

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const rt = getRuntime();
  const shows = await listVisibleShows(rt.db, user);
  return (
    <>
      <TopBar user={user} />
      <main>
        <h1>Settings</h1>
        {sp.deleted && <p className="ok" role="status">Deleted {sp.deleted}.</p>}
        {user.isAdmin && (
          <p>
            <a href="/settings/users">Users and access</a> · <a href="/settings/tokens">API tokens</a>
          </p>
        )}
        <h2>Shows</h2>
        {shows.length === 0 ? (
          <p className="muted">No shows yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead><tr><th>Show</th><th>Slug</th><th>Feed</th><th>Last refresh</th></tr></thead>
              <tbody>
                {shows.map((s) => (
                  <tr key={s.id}>
                    <td><a href={`/settings/shows/${encodeURIComponent(s.slug)}`}>{s.title}</a></td>
                    <td><code>{s.slug}</code></td>
                    <td>{s.feedUrl ? <code>{s.feedUrl}</code> : <span className="muted">from a file</span>}</td>
                    <td>{s.lastError ? <span className="alert">{s.lastError}</span> : (s.lastSuccessAt?.slice(0, 16) ?? '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {user.isAdmin && (
          <>
            <h2>Add a show</h2>
            <form className="stack" method="post" action="/api/forms/shows/add" encType="multipart/form-data">
              <label>Feed URL<input type="url" name="feedUrl" placeholder="https://example.com/feed.xml" /></label>
              <label>…or upload the feed file<input type="file" name="feedFile" accept=".xml,.rss,application/rss+xml,application/xml,text/xml" /></label>
              <label>…or paste the feed (RSS XML)<textarea name="feedXml" rows={4} /></label>
              <label>Slug (optional)<input type="text" name="slug" pattern="[a-z0-9-]{1,40}" /></label>
              <button type="submit">Add show</button>
            </form>
          </>
        )}
        <h2>Your time zone</h2>
        <form className="stack" method="post" action="/api/forms/account">
          <label>
            Days are cut in this zone by default (empty: your browser&apos;s zone, else UTC)
            <input type="text" name="timeZone" defaultValue={user.timeZone ?? ''} placeholder="Europe/Berlin" />
          </label>
          <button type="submit" className="secondary">Save</button>
        </form>
      </main>
    </>
  );
}
