import type { Runtime } from '../runtime/start-runtime';
import { hashPassword, verifyPassword } from './hash-password';
import { LoginThrottle } from './login-throttle';
import { createSession, sessionCookie } from './sessions';
import { isLocalPath, readForm, seeOther } from './form-helpers';

declare global {
  // eslint-disable-next-line no-var
  var __earshotLoginThrottle: LoginThrottle | undefined;
}
const throttle = (globalThis.__earshotLoginThrottle ??= new LoginThrottle());
let dummyHash: Promise<string> | null = null;

function back(error: string, next: string): Response {
  return seeOther(`/login?error=${error}&next=${encodeURIComponent(next)}`);
}

/**
 * POST /api/auth/login (form: email, password, next): throttled per account and per client
 * (the address only as an in-memory key), constant-time password check, then a server-side
 * session cookie and a redirect to `next` (a local path).
 */
export async function loginResponse(rt: Runtime, request: Request): Promise<Response> {
  const form = await readForm(request);
  const email = form.get('email').trim().toLowerCase().slice(0, 254);
  const password = form.get('password').slice(0, 200);
  const next = isLocalPath(form.get('next')) ? form.get('next') : '/';
  const client = request.headers.get('x-earshot-client') ?? '';
  if (!email || !password) return back('missing', next);
  if (throttle.retryAfter(email, client) > 0) return back('throttled', next);
  const [user] = await rt.db.query<{ id: number; password_hash: string }>('SELECT id, password_hash FROM users WHERE email = $1', [email]);
  // Without such a user, still spend the same scrypt time (no user enumeration by timing).
  const ok = user ? await verifyPassword(password, user.password_hash) : await verifyPassword(password, await (dummyHash ??= hashPassword('not-a-password')));
  if (!user || !ok) {
    throttle.fail(email, client);
    return back('invalid', next);
  }
  throttle.succeed(email);
  const token = await createSession(rt.db, Number(user.id));
  return seeOther(next, { 'Set-Cookie': sessionCookie(token, rt.config.publicUrl) });
}
