import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/page-principal';
import { findVisibleShow, type ShowRow } from '@/lib/reports/find-visible-show';
import { dashboardFilters, hrefWith, PRESETS, type DashboardFilters } from '@/lib/reports/dashboard-filters';
import type { StatsBy } from '@/lib/reports/stats-params';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { TopBar } from './top-bar';
import { BrowserTimeZone } from './browser-time-zone';
import { formatter, requestLocale } from './format';

type Search = Record<string, string | string[] | undefined>;

export type ShowPage = {
  user: Awaited<ReturnType<typeof requireUser>>;
  show: ShowRow;
  filters: DashboardFilters;
  fmt: (n: number | null | undefined) => string;
  locale: string;
  episodes: Array<{ id: number; guid: string; title: string; published: string | null }>;
};

/** Everything a show page needs: the signed-in user (404 for a show they may not see), filters from the URL, number formatting. */
export async function loadShowPage(params: Promise<{ slug: string }>, searchParams: Promise<Search>, by: StatsBy = 'day'): Promise<ShowPage> {
  const user = await requireUser();
  const { slug } = await params;
  const db = getRuntime().db;
  const show = await findVisibleShow(db, user, slug);
  if (!show) notFound();
  const filters = await dashboardFilters(db, show.id, await searchParams, user.timeZone, by);
  const locale = await requestLocale();
  const episodes = (await db.query<{ id: number; guid: string; title: string; published: string | null }>(
    `SELECT id, guid, title, to_char(published_at AT TIME ZONE $2, 'YYYY-MM-DD') AS published FROM episodes WHERE show_id = $1 ORDER BY published_at DESC NULLS LAST, id DESC`,
    [show.id, filters.tz],
  )).map((e) => ({ ...e, id: Number(e.id) }));
  return { user, show, filters, fmt: formatter(locale), locale, episodes };
}

const TABS = [
  ['', 'Overview'], ['/episodes', 'Episodes'], ['/compare', 'Compare'], ['/apps', 'Apps & devices'], ['/geo', 'Geography'], ['/reports', 'Reports'],
] as const;

/** Header, tabs and the filter bar (a plain GET form: every view is a shareable URL). */
export function ShowShell({ page, tab, children, filters = true }: { page: ShowPage; tab: string; children: ReactNode; filters?: boolean }) {
  const { show, filters: f, user, episodes } = page;
  const base = `/shows/${encodeURIComponent(show.slug)}`;
  return (
    <>
      <TopBar user={user} />
      <main>
        <h1>{show.title}</h1>
        <nav className="tabs" aria-label="Show sections">
          {TABS.map(([p, name]) => (
            <a key={p} href={hrefWith(base + p, f.query)} aria-current={tab === p ? 'page' : undefined}>{name}</a>
          ))}
          <a href={`/settings/shows/${encodeURIComponent(show.slug)}`}>Settings</a>
        </nav>
        {filters && (
          <form className="filters" method="get" action={base + tab} aria-label="Filters">
            <label>Range
              <select name="range" defaultValue={f.preset}>
                {Object.entries(PRESETS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </label>
            <label>From<input type="date" name="from" defaultValue={f.preset === 'custom' ? f.from : ''} placeholder={f.from} /></label>
            <label>To<input type="date" name="to" defaultValue={f.preset === 'custom' ? f.to : ''} placeholder={f.to} /></label>
            <label>Episode
              <select name="episode" defaultValue={f.episode ?? ''}>
                <option value="">All episodes</option>
                {episodes.map((e) => <option key={e.guid} value={e.guid}>{e.title}</option>)}
              </select>
            </label>
            <label>App<input type="text" name="app" defaultValue={f.app ?? ''} size={14} placeholder="any" /></label>
            <label>Country<input type="text" name="country" defaultValue={f.country ?? ''} size={4} maxLength={2} placeholder="any" /></label>
            <label>Time zone<input type="text" name="tz" defaultValue={f.tz} size={16} /></label>
            <button type="submit">Apply</button>
          </form>
        )}
        {filters && (
          <p className="muted" data-testid="range">
            {f.from} – {f.to} ({f.tz}){f.episode ? ' · one episode' : ''}{f.app ? ` · app ${f.app}` : ''}{f.country ? ` · country ${f.country}` : ''}
          </p>
        )}
        {f.error && <p className="alert" role="alert">{f.error}</p>}
        <Suspense fallback={null}><BrowserTimeZone enabled={!f.query.tz && !user.timeZone} /></Suspense>
        {children}
      </main>
    </>
  );
}
