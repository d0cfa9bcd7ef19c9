import { settingsAction } from '@/lib/settings/settings-action';
import { refreshFeeds } from '@/lib/feeds/refresh-feeds';
import { seeOther } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Re-read one show's feed now. */
export const POST = settingsAction('/settings', async (rt, form) => {
  const slug = form.get('slug');
  await refreshFeeds(rt.db, rt.index, { slug, allowPrivate: rt.config.allowPrivateFeeds, selfHosts: rt.config.selfHosts });
  return seeOther(`/settings/shows/${encodeURIComponent(slug)}?refreshed=1`);
});
