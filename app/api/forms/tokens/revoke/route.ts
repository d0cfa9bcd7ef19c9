import { settingsAction } from '@/lib/settings/settings-action';
import { seeOther } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

/** Revoke an API token at once. */
export const POST = settingsAction('/settings/tokens', async (rt, form) => {
  await rt.db.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [Number(form.get('tokenId'))]);
  return seeOther('/settings/tokens');
});
