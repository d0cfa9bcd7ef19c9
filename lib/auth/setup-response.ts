import type { Runtime } from '../runtime/start-runtime';
import { createUser, UserInputError } from './create-user';
import { createSession, sessionCookie } from './sessions';
import { escapeHtml, htmlPage, readForm, seeOther } from './form-helpers';

/** Whether the first-run setup is open: no user exists yet. */
export async function setupOpen(rt: Runtime): Promise<boolean> {
  const [row] = await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return Number(row!.n) === 0;
}

/**
 * POST /api/auth/setup (form: email, password): while no user exists, a visitor on the server's
 * own machine (loopback, not through a proxy) creates the first admin and is signed in.
 */
export async function setupResponse(rt: Runtime, request: Request): Promise<Response> {
  if (request.headers.get('x-earshot-loopback') !== '1') {
    return htmlPage('Setup', '<p>The first admin can only be created from the server itself (http://127.0.0.1), or with <code>npx earshot create-user &lt;email&gt; --admin</code>.</p>', 403);
  }
  if (!(await setupOpen(rt))) return seeOther('/login');
  const form = await readForm(request);
  try {
    const user = await createUser(rt.db, { email: form.get('email'), password: form.get('password'), isAdmin: true });
    const token = await createSession(rt.db, user.userId);
    return seeOther('/', { 'Set-Cookie': sessionCookie(token, rt.config.publicUrl) });
  } catch (err) {
    if (err instanceof UserInputError) return htmlPage('Setup', `<p role="alert">${escapeHtml(err.message)}</p><p><a href="/setup">Back</a></p>`, 400);
    throw err;
  }
}
