/** SPEC §5: the monthly CSV's breakdowns and their columns. */
export const REPORT_BYS = ['episode', 'day', 'app', 'country', 'region', 'device', 'os'] as const;
export type ReportBy = (typeof REPORT_BYS)[number];

export const REPORT_COLUMNS: Record<ReportBy, readonly string[]> = {
  episode: ['month', 'show', 'episode_guid', 'episode_title', 'published_at', 'downloads', 'listeners'],
  day: ['month', 'show', 'day', 'downloads', 'listeners'],
  app: ['month', 'show', 'app', 'downloads', 'listeners'],
  country: ['month', 'show', 'country', 'downloads', 'listeners'],
  region: ['month', 'show', 'region', 'downloads', 'listeners'],
  device: ['month', 'show', 'device', 'downloads', 'listeners'],
  os: ['month', 'show', 'os', 'downloads', 'listeners'],
};
