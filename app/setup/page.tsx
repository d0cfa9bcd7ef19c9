import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { setupOpen } from '@/lib/auth/setup-response';

export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if (!(await setupOpen(getRuntime()))) redirect('/login');
  const host = (await headers()).get('host') ?? '';
  const local = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
  return (
    <main className="narrow">
      <h1>Welcome to earshot</h1>
      <p>No account exists yet. Create the first admin account.</p>
      {!local && (
        <p className="alert" role="alert">
          For safety this only works from the server itself (open http://127.0.0.1:PORT/setup there), or run{' '}
          <code>npx earshot create-user you@example.com --admin</code>.
        </p>
      )}
      <form className="stack" method="post" action="/api/auth/setup">
        <label>Email<input type="email" name="email" autoComplete="username" required /></label>
        <label>Password (at least 10 characters)<input type="password" name="password" autoComplete="new-password" minLength={10} required /></label>
        <button type="submit">Create admin account</button>
      </form>
    </main>
  );
}
