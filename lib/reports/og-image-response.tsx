import { ImageResponse } from 'next/og';
import type { Queryable } from '../../db/client';
import type { ShowRow } from './find-visible-show';
import { showsOverview } from './shows-overview';
import { todayIn } from './stats-params';

/** The share card (1200×630 PNG): title, downloads in the last 30 days (UTC) and a small curve. */
export async function ogImageResponse(db: Queryable, show: ShowRow, episode?: { id: number; title: string }): Promise<Response> {
  let values: number[];
  let total: number;
  if (episode) {
    const rows = await db.query<{ day: string; n: number }>(
      `SELECT to_char((hour AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, sum(downloads)::int AS n FROM rollup_episode_hour
       WHERE show_id = $1 AND episode_id = $2 AND hour >= (current_date - 29)::timestamp AT TIME ZONE 'UTC' GROUP BY 1`,
      [show.id, episode.id],
    );
    const today = todayIn('UTC');
    values = Array.from({ length: 30 }, (_, i) => {
      const d = new Date(Date.parse(`${today}T00:00:00Z`) - (29 - i) * 86_400_000).toISOString().slice(0, 10);
      return Number(rows.find((r) => r.day === d)?.n ?? 0);
    });
    total = values.reduce((a, b) => a + b, 0);
  } else {
    const [s] = await showsOverview(db, [show], 'UTC', todayIn('UTC'));
    values = s!.daily;
    total = s!.last30;
  }
  const W = 1040;
  const H = 220;
  const max = Math.max(1, ...values);
  const pts = values.map((v, i) => `${((i * W) / Math.max(1, values.length - 1)).toFixed(1)},${(H - 8 - (v / max) * (H - 16)).toFixed(1)}`).join(' ');
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', padding: 80, background: '#ffffff', color: '#1c1f24', fontSize: 36 }}>
        <div style={{ fontSize: 30, color: '#2458c6', fontWeight: 700 }}>earshot</div>
        <div style={{ fontSize: 60, fontWeight: 700, marginTop: 12, lineHeight: 1.1 }}>{(episode?.title ?? show.title).slice(0, 80)}</div>
        {episode && <div style={{ fontSize: 30, color: '#5b6270', marginTop: 8 }}>{show.title.slice(0, 80)}</div>}
        <div style={{ marginTop: 16, color: '#5b6270' }}>{`${new Intl.NumberFormat('en-US').format(total)} downloads in the last 30 days`}</div>
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ marginTop: 'auto' }}>
          <polyline points={pts} fill="none" stroke="#2458c6" strokeWidth="6" />
        </svg>
      </div>
    ),
    { width: 1200, height: 630, headers: { 'Cache-Control': 'private, max-age=300' } },
  );
}
