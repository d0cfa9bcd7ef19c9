import { settingsAction } from '@/lib/settings/settings-action';
import { createUser } from '@/lib/auth/create-user';
import { showIdsForSlugs } from '@/lib/settings/show-ids-for-slugs';
import { escapeHtml, htmlPage } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Create a user; without a typed password a one-time password is shown once. */
export const POST = settingsAction('/settings/users', async (rt, form) => {
  const showIds = await showIdsForSlugs(rt.db, form.all('shows'));
  const u = await createUser(rt.db, { email: form.get('email'), password: form.get('password') || undefined, isAdmin: form.get('admin') === '1', showIds });
  return htmlPage('User created', `<p class="ok">${escapeHtml(u.email)} can now sign in.</p>${u.generated ? `<p>One-time password (shown only now):</p><p class="secret" data-testid="secret">${escapeHtml(u.password)}</p>` : ''}<p><a href="/settings/users">Back to users</a></p>`);
});
