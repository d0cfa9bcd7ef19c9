import type { Queryable } from '../../db/client';
import { addDays, statsParamsSchema, todayIn, type StatsParams } from './stats-params';
import { parseTimeZone } from './parse-time-zone';

export const PRESETS = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', 'this-month': 'This month', 'last-month': 'Last month', all: 'All time', custom: 'Custom' } as const;
export type Preset = keyof typeof PRESETS;

export type DashboardFilters = StatsParams & { preset: Preset; error: string | null; query: Record<string, string> };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The dashboard's filters from the URL (so every view is a link): preset or custom from/to,
 * episode, app, country, tz (default: the user's stored zone, else UTC). Invalid values fall
 * back to the defaults with a message, never an error page.
 */
export async function dashboardFilters(db: Queryable, showId: number, search: Search, userTz: string | null, by: StatsParams['by'] = 'day'): Promise<DashboardFilters> {
  const tz = parseTimeZone(one(search.tz) ?? '') ?? (userTz && parseTimeZone(userTz)) ?? 'UTC';
  const today = todayIn(tz);
  const presetRaw = one(search.range) ?? (one(search.from) || one(search.to) ? 'custom' : '30d');
  const preset: Preset = presetRaw in PRESETS ? (presetRaw as Preset) : '30d';
  let from: string | undefined;
  let to: string | undefined = today;
  if (preset === '7d') from = addDays(today, -6);
  else if (preset === '30d') from = addDays(today, -29);
  else if (preset === '90d') from = addDays(today, -89);
  else if (preset === 'this-month') from = `${today.slice(0, 8)}01`;
  else if (preset === 'last-month') {
    const first = `${today.slice(0, 8)}01`;
    to = addDays(first, -1);
    from = `${to.slice(0, 8)}01`;
  } else if (preset === 'all') {
    const [r] = await db.query<{ d: string | null }>(
      `SELECT to_char((min(hour) AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS d FROM rollup_episode_hour WHERE show_id = $1`,
      [showId, tz],
    );
    from = r?.d && r.d > addDays(today, -3650) ? r.d : addDays(today, -29);
  } else {
    from = one(search.from);
    to = one(search.to);
  }
  const raw = {
    from, to, tz, by,
    episode: one(search.episode) || undefined, app: one(search.app) || undefined, country: one(search.country) || undefined,
    bots: one(search.bots) || undefined,
  };
  const parsed = statsParamsSchema.safeParse(raw);
  const query: Record<string, string> = {};
  for (const k of ['range', 'from', 'to', 'tz', 'episode', 'app', 'country', 'bots'] as const) {
    const v = one(search[k]);
    if (v) query[k] = v;
  }
  if (parsed.success) {
    const days = parsed.data.days;
    const p = { ...parsed.data, by: by === 'day' && days <= 3 ? 'hour' as const : parsed.data.by };
    return { ...p, preset, error: null, query };
  }
  const issue = parsed.error.issues[0]!;
  const fallback = statsParamsSchema.parse({ from: addDays(today, -29), to: today, tz, by });
  return { ...fallback, preset: '30d', error: `${issue.path.join('.') || 'filter'}: ${issue.message} — showing the last 30 days instead`, query: { tz } };
}

/** A dashboard link with the current filters and some changed (undefined removes one). */
export function hrefWith(path: string, query: Record<string, string>, change: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
