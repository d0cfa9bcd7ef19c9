import { settingsAction } from '@/lib/settings/settings-action';
import { showIdsForSlugs } from '@/lib/settings/show-ids-for-slugs';
import { seeOther } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Set which shows a member may see. */
export const POST = settingsAction('/settings/users', async (rt, form) => {
  const userId = Number(form.get('userId'));
  const showIds = await showIdsForSlugs(rt.db, form.all('shows'));
  await rt.db.transaction(async (tx) => {
    await tx.query('DELETE FROM user_shows WHERE user_id = $1', [userId]);
    if (showIds.length) await tx.query('INSERT INTO user_shows (user_id, show_id) SELECT $1, unnest($2::bigint[])', [userId, showIds]);
  });
  return seeOther('/settings/users');
});
