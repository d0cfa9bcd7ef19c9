import type { Principal } from '@/lib/auth/principal';

/** The header of every signed-in page: the shows, settings and sign out. */
export function TopBar({ user }: { user: Extract<Principal, { kind: 'user' }> }) {
  return (
    <header className="top">
      <a className="brand" href="/">earshot</a>
      <nav aria-label="Main">
        <a href="/">Shows</a>
        <a href="/settings">Settings</a>
        <a href="/methodology">Methodology</a>
        <span className="muted">{user.email}</span>
        <form method="post" action="/api/forms/logout">
          <button type="submit" className="secondary">Sign out</button>
        </form>
      </nav>
    </header>
  );
}
