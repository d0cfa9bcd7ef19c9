import { settingsAction } from '@/lib/settings/settings-action';
import { UserInputError } from '@/lib/auth/create-user';
import { seeOther } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Delete a user (not yourself); their sessions end with them. */
export const POST = settingsAction('/settings/users', async (rt, form, admin) => {
  const userId = Number(form.get('userId'));
  if (admin.kind === 'user' && admin.userId === userId) throw new UserInputError('you cannot delete your own account');
  await rt.db.query('DELETE FROM users WHERE id = $1', [userId]);
  return seeOther('/settings/users');
});
