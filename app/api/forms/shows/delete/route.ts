import { settingsAction } from '@/lib/settings/settings-action';
import { deleteShow } from '@/lib/settings/delete-show';
import { UserInputError } from '@/lib/auth/create-user';
import { seeOther } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Delete a show and all its data; the slug must be typed again to confirm. */
export const POST = settingsAction('/settings', async (rt, form) => {
  const slug = form.get('slug');
  if (form.get('confirm').trim() !== slug) throw new UserInputError(`type the slug "${slug}" to confirm the deletion`);
  const [show] = await rt.db.query<{ id: number }>('SELECT id FROM shows WHERE slug = $1', [slug]);
  if (!show) throw new UserInputError(`no show "${slug}"`);
  await deleteShow(rt.db, Number(show.id));
  await rt.index.refresh(rt.db, true).catch(() => undefined);
  return seeOther('/settings?deleted=' + encodeURIComponent(slug));
});
