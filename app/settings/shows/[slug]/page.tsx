import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/page-principal';
import { findVisibleShow } from '@/lib/reports/find-visible-show';
import { checkPrefixes } from '@/lib/feeds/check-prefixes';
import type { FeedEpisode } from '@/lib/feeds/parse-feed';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { TopBar } from '../../../_components/top-bar';

export const dynamic = 'force-dynamic';

export default async function ShowSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireUser();
  const { slug } = await params;
  const rt = getRuntime();
  const show = await findVisibleShow(rt.db, user, slug);
  if (!show) notFound();
  const episodes = await rt.db.query<{ guid: string; title: string; published: string | null; enclosure_url: string | null }>(
    `SELECT guid, title, to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS published, enclosure_url
     FROM episodes WHERE show_id = $1 ORDER BY published_at DESC NULLS LAST, id DESC`,
    [show.id],
  );
  const check = checkPrefixes(episodes.map((e) => ({ enclosureUrl: e.enclosure_url }) as FeedEpisode), rt.config.publicUrl, rt.config.selfHosts);
  return (
    <>
      <TopBar user={user} />
      <main>
        <h1>{show.title}</h1>
        <p><a href={`/shows/${encodeURIComponent(show.slug)}`}>Dashboard</a> · slug <code>{show.slug}</code></p>
        <h2>Feed</h2>
        <p>{show.feedUrl ? <code>{show.feedUrl}</code> : 'Added from a file: not refreshed.'}</p>
        <p>
          Last fetched {show.lastFetchedAt?.slice(0, 16) ?? 'never'}; last success {show.lastSuccessAt?.slice(0, 16) ?? 'never'}.
          {show.lastError && <span className="alert" role="alert"> Last error: {show.lastError}</span>}
        </p>
        {user.isAdmin && show.feedUrl && (
          <form method="post" action="/api/forms/shows/refresh"><input type="hidden" name="slug" value={show.slug} /><button type="submit" className="secondary">Refresh feed now</button></form>
        )}
        <h2>Prefix</h2>
        <p>Put <code>{rt.config.publicUrl}/e/</code> in front of every enclosure URL.</p>
        <p>Enclosures through earshot: <strong>{check.ours}</strong>; through other prefixes only: {check.otherPrefix}; through none: {check.none}.</p>
        {check.example && (
          <>
            <p>Change for example</p><p className="secret">{check.example.before}</p><p>to</p><p className="secret">{check.example.after}</p>
          </>
        )}
        {user.isAdmin && (
          <>
            <h2>Public stats page</h2>
            <p>{show.isPublic ? <>Public: <a href={`/p/${show.slug}`}>/p/{show.slug}</a> shows read-only totals and share cards to anyone.</> : 'Private: only signed-in users with access see this show.'}</p>
            <form method="post" action="/api/forms/shows/public">
              <input type="hidden" name="slug" value={show.slug} />
              <input type="hidden" name="public" value={show.isPublic ? '0' : '1'} />
              <button type="submit" className="secondary">{show.isPublic ? 'Make private' : 'Make public'}</button>
            </form>
          </>
        )}
        <h2>Episodes ({episodes.length})</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th>Published</th><th>Title</th><th>Enclosure</th></tr></thead>
            <tbody>
              {episodes.map((e) => (
                <tr key={e.guid}><td>{e.published ?? '—'}</td><td>{e.title}</td><td><code>{e.enclosure_url ?? '—'}</code></td></tr>
              ))}
            </tbody>
          </table>
        </div>
        {user.isAdmin && (
          <>
            <h2>Delete this show</h2>
            <form className="stack" method="post" action="/api/forms/shows/delete">
              <input type="hidden" name="slug" value={show.slug} />
              <label>Type <code>{show.slug}</code> to delete the show and all its statistics for good<input type="text" name="confirm" required autoComplete="off" /></label>
              <button type="submit" className="danger">Delete show</button>
            </form>
          </>
        )}
      </main>
    </>
  );
}
