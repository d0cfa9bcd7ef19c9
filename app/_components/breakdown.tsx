import type { StatsPoint } from '@/lib/reports/query-show-stats';
import { HorizontalBars } from './charts';

/** A bar chart of the top values and the full table (the chart's text equivalent). */
export function Breakdown({ rows, fmt, label, testid, chart = true }: { rows: StatsPoint[]; fmt: (n: number) => string; label: string; testid: string; chart?: boolean }) {
  if (!rows.length) return <p className="muted">No downloads in this range.</p>;
  const total = rows.reduce((n, r) => n + r.downloads, 0);
  return (
    <>
      {chart && <HorizontalBars data={rows.slice(0, 12).map((r) => ({ label: r.label, downloads: r.downloads }))} label={`Downloads by ${label}: ${rows.slice(0, 5).map((r) => `${r.label} ${r.downloads}`).join(', ')}`} />}
      <div className="table-wrap">
        <table data-testid={testid}>
          <thead><tr><th>{label[0]!.toUpperCase() + label.slice(1)}</th><th className="num">Downloads</th><th className="num">Share</th><th className="num">Listeners</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr key={r.key}><td>{r.label}</td><td className="num">{fmt(r.downloads)}</td><td className="num">{total ? `${Math.round((100 * r.downloads) / total)}%` : '—'}</td><td className="num">{fmt(r.listeners)}</td></tr>
          ))}</tbody>
        </table>
      </div>
    </>
  );
}
