import { findPrincipal } from '@/lib/auth/find-principal';
import { isLocalPath, readForm, seeOther, htmlPage } from '@/lib/auth/form-helpers';
import { parseTimeZone } from '@/lib/reports/parse-time-zone';
import { getRuntime } from '@/lib/runtime/get-runtime';

export const dynamic = 'force-dynamic';

/** Save the signed-in user's time zone (the dashboard's default for cutting days). */
export async function POST(request: Request): Promise<Response> {
  const rt = getRuntime();
  const p = await findPrincipal(rt.db, { cookie: request.headers.get('cookie') });
  if (!p || p.kind !== 'user') return htmlPage('Not signed in', '<p><a href="/login">Sign in</a></p>', 401);
  const form = await readForm(request);
  const raw = form.get('timeZone');
  const tz = raw ? parseTimeZone(raw) : null;
  if (raw && !tz) return htmlPage('Unknown time zone', `<p class="alert" role="alert">Not a time zone name such as Europe/Berlin.</p><p><a href="/settings">Back</a></p>`, 400);
  await rt.db.query('UPDATE users SET time_zone = $2 WHERE id = $1', [p.userId, tz]);
  const back = form.get('back');
  return seeOther(isLocalPath(back) ? back : '/settings');
}
