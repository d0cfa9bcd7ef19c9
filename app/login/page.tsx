import { redirect } from 'next/navigation';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { setupOpen } from '@/lib/auth/setup-response';
import { isLocalPath } from '@/lib/auth/form-helpers';

export const dynamic = 'force-dynamic';

const MESSAGES: Record<string, string> = {
  invalid: 'That email and password do not match.',
  missing: 'Enter your email and password.',
  throttled: 'Too many failed attempts. Wait 15 minutes and try again.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await setupOpen(getRuntime())) redirect('/setup');
  const sp = await searchParams;
  const next = sp.next && isLocalPath(sp.next) ? sp.next : '/';
  const error = sp.error ? MESSAGES[sp.error] : undefined;
  return (
    <main className="narrow">
      <h1>Sign in to earshot</h1>
      {error && <p className="alert" role="alert">{error}</p>}
      <form className="stack" method="post" action="/api/auth/login">
        <input type="hidden" name="next" value={next} />
        <label>Email<input type="email" name="email" autoComplete="username" required /></label>
        <label>Password<input type="password" name="password" autoComplete="current-password" required /></label>
        <button type="submit">Sign in</button>
      </form>
      <p className="muted"><a href="/methodology">How earshot counts</a></p>
    </main>
  );
}
