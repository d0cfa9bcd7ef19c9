import { notFound } from 'next/navigation';
import { findVisibleShow } from '@/lib/reports/find-visible-show';
import { queryShowStats } from '@/lib/reports/query-show-stats';
import { statsParamsSchema } from '@/lib/reports/stats-params';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { TimeSeriesChart } from '../../_components/charts';
import { formatter, requestLocale } from '../../_components/format';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  const { slug } = await params;
  const show = await findVisibleShow(getRuntime().db, null, slug);
  if (!show) return { title: 'Not found' };
  return { title: `${show.title} — public stats`, openGraph: { title: show.title, images: [{ url: `/p/${slug}/og.png`, width: 1200, height: 630 }] } };
}

/** A read-only public stats page (like OP3's) for a show whose admin turned it on. */
export default async function PublicShowPage({ params }: Props) {
  const { slug } = await params;
  const db = getRuntime().db;
  const show = await findVisibleShow(db, null, slug);
  if (!show) notFound();
  const stats = await queryShowStats(db, show.id, statsParamsSchema.parse({}));
  const fmt = formatter(await requestLocale());
  return (
    <main>
      <h1>{show.title}</h1>
      <p className="muted">Public download statistics, last 30 days (UTC), counted by the IAB Podcast Measurement rules. <a href="/methodology">How we count</a></p>
      <div className="cards">
        <div className="card"><div className="value" data-testid="total-downloads">{fmt(stats.totals.downloads)}</div><div className="label">Downloads</div></div>
        <div className="card"><div className="value">{fmt(stats.totals.listeners)}</div><div className="label">Listeners</div></div>
      </div>
      <TimeSeriesChart data={stats.series.map((p) => ({ label: p.label, downloads: p.downloads }))} markers={[]} label={`Downloads per day: ${fmt(stats.totals.downloads)} in the last 30 days`} />
    </main>
  );
}
