import { settingsAction } from '@/lib/settings/settings-action';
import { createApiToken } from '@/lib/auth/create-api-token';
import { UserInputError } from '@/lib/auth/create-user';
import { showIdsForSlugs } from '@/lib/settings/show-ids-for-slugs';
import { escapeHtml, htmlPage } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Create an API token scoped to shows (or an admin token); shown once. */
export const POST = settingsAction('/settings/tokens', async (rt, form, admin) => {
  const isAdmin = form.get('admin') === '1';
  const showIds = await showIdsForSlugs(rt.db, form.all('shows'));
  if (!isAdmin && !showIds.length) throw new UserInputError('choose at least one show (or make it an admin token)');
  const name = form.get('name').trim().slice(0, 100) || 'API token';
  const t = await createApiToken(rt.db, { name, showIds, isAdmin, createdBy: admin.kind === 'user' ? admin.userId : null });
  return htmlPage('Token created', `<p>Copy the token now; it is stored only as a hash and cannot be shown again.</p><p class="secret" data-testid="secret">${escapeHtml(t.token)}</p><p>Use it as <code>Authorization: Bearer &lt;token&gt;</code>.</p><p><a href="/settings/tokens">Back to tokens</a></p>`);
});
