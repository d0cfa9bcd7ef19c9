'use client';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Animations only for people: off for automated browsers (tests) and reduced-motion users. */
function animate(): boolean {
  if (typeof window === 'undefined') return false;
  return !navigator.webdriver && !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

const COLORS = ['#2458c6', '#c4511a', '#1a7f37', '#8a3ffc', '#b42318', '#0e7c86', '#a15c00', '#5b6270'];

export function TimeSeriesChart({ data, markers, label }: { data: Array<{ label: string; downloads: number }>; markers: Array<{ label: string; title: string }>; label: string }) {
  return (
    <div className="chart" role="img" aria-label={label} data-testid="timeseries-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 10, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} />
          <Tooltip />
          {markers.map((m) => (
            <ReferenceLine key={m.label + m.title} x={m.label} stroke="#c4511a" strokeDasharray="4 3" label={{ value: '▼', position: 'top', fill: '#c4511a', fontSize: 10 }} />
          ))}
          <Area type="monotone" dataKey="downloads" name="Downloads" stroke="#2458c6" fill="#2458c6" fillOpacity={0.15} isAnimationActive={animate()} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

export function HorizontalBars({ data, label }: { data: Array<{ label: string; downloads: number }>; label: string }) {
  const height = Math.max(120, data.length * 28 + 30);
  return (
    <div style={{ width: '100%', height }} role="img" aria-label={label} data-testid="bar-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="downloads" name="Downloads" fill="#2458c6" isAnimationActive={animate()} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function LaunchCurvesChart({ curves, label }: { curves: Array<{ title: string; points: number[] }>; label: string }) {
  const days = Math.max(0, ...curves.map((c) => c.points.length));
  const data = Array.from({ length: days }, (_, d) => {
    const row: Record<string, number | string> = { day: `Day ${d + 1}` };
    curves.forEach((c, i) => {
      if (d < c.points.length) row[`e${i}`] = c.points[d]!;
    });
    return row;
  });
  return (
    <div className="chart" role="img" aria-label={label} data-testid="compare-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 10, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={52} />
          <Tooltip />
          <Legend />
          {curves.map((c, i) => (
            <Line key={i} type="monotone" dataKey={`e${i}`} name={c.title} stroke={COLORS[i % COLORS.length]} dot={false} strokeWidth={2} isAnimationActive={animate()} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
