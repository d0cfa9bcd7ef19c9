import { z } from 'zod';
import { parseTimeZone } from './parse-time-zone';

export const STATS_BYS = ['day', 'hour', 'episode', 'app', 'country', 'region', 'device', 'os', 'web_player'] as const;
export type StatsBy = (typeof STATS_BYS)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'is not a calendar date');

/** Today's date in a time zone. */
export function todayIn(tz: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Stats parameters shared by the API and the dashboard (SPEC §6): from/to inclusive dates in
 * `tz` (default UTC; default range the last 30 days), `by`, optional episode guid, app and
 * country filters, include-bots. At most 10 years; `hour` for at most 31 days.
 */
export const statsParamsSchema = z
  .object({
    from: date.optional(),
    to: date.optional(),
    tz: z.string().max(64).optional().transform((v, ctx) => {
      if (v === undefined || v === '') return 'UTC';
      const tz = parseTimeZone(v);
      if (!tz) {
        ctx.addIssue({ code: 'custom', message: `unknown time zone "${v}"` });
        return z.NEVER;
      }
      return tz;
    }),
    by: z.enum(STATS_BYS).default('day'),
    episode: z.string().min(1).max(2000).optional(),
    app: z.string().min(1).max(200).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE').optional(),
    bots: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
  })
  .transform((p, ctx) => {
    const to = p.to ?? (p.from ? addDays(p.from, 29) : todayIn(p.tz));
    const from = p.from ?? addDays(to, -29);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (days > 3660) ctx.addIssue({ code: 'custom', path: ['from'], message: 'the range is longer than 10 years' });
    if (p.by === 'hour' && days > 31) ctx.addIssue({ code: 'custom', path: ['by'], message: 'hour is for ranges of at most 31 days' });
    return { ...p, from, to, days, includeBots: p.bots };
  });

export type StatsParams = z.output<typeof statsParamsSchema>;
