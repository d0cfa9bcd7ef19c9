import { settingsAction } from '@/lib/settings/settings-action';
import { seeOther } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Turn a show's public read-only stats page (and share cards) on or off. */
export const POST = settingsAction('/settings', async (rt, form) => {
  const slug = form.get('slug');
  await rt.db.query('UPDATE shows SET is_public = $2 WHERE slug = $1', [slug, form.get('public') === '1']);
  return seeOther(`/settings/shows/${encodeURIComponent(slug)}`);
});
