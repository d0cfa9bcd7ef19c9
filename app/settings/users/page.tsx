import { requireAdmin } from '@/lib/auth/page-principal';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { TopBar } from '../../_components/top-bar';

export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const admin = await requireAdmin();
  const db = getRuntime().db;
  const users = await db.query<{ id: number; email: string; is_admin: boolean; shows: string[] | null }>(
    `SELECT u.id, u.email, u.is_admin, (SELECT array_agg(s.slug ORDER BY s.slug) FROM user_shows us JOIN shows s ON s.id = us.show_id WHERE us.user_id = u.id) AS shows
     FROM users u ORDER BY u.email`,
  );
  const shows = await db.query<{ slug: string; title: string }>('SELECT slug, title FROM shows ORDER BY lower(title)');
  return (
    <>
      <TopBar user={admin} />
      <main>
        <h1>Users and access</h1>
        <div className="table-wrap">
          <table>
            <thead><tr><th>Email</th><th>Role</th><th>Shows</th><th></th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>{u.is_admin ? 'admin' : 'member'}</td>
                  <td>
                    {u.is_admin ? 'all' : (
                      <form method="post" action="/api/forms/users/access">
                        <input type="hidden" name="userId" value={u.id} />
                        <fieldset><legend className="sr-only">Shows {u.email} may see</legend>
                          {shows.map((s) => (
                            <label key={s.slug} style={{ display: 'inline-flex', gap: '.3rem', marginRight: '.75rem', fontWeight: 400 }}>
                              <input type="checkbox" name="shows" value={s.slug} defaultChecked={(u.shows ?? []).includes(s.slug)} />{s.title}
                            </label>
                          ))}
                        </fieldset>
                        <button type="submit" className="secondary">Save access</button>
                      </form>
                    )}
                  </td>
                  <td>
                    {Number(u.id) !== admin.userId && (
                      <form method="post" action="/api/forms/users/delete"><input type="hidden" name="userId" value={u.id} /><button type="submit" className="danger">Delete</button></form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>Add a user</h2>
        <form className="stack" method="post" action="/api/forms/users/add">
          <label>Email<input type="email" name="email" required /></label>
          <label>Password (empty: a one-time password is shown)<input type="password" name="password" autoComplete="new-password" /></label>
          <label style={{ display: 'flex', gap: '.4rem' }}><input type="checkbox" name="admin" value="1" />Admin (all shows, users, tokens)</label>
          <fieldset><legend>Shows a member may see</legend>
            {shows.map((s) => (
              <label key={s.slug} style={{ display: 'flex', gap: '.4rem', fontWeight: 400 }}><input type="checkbox" name="shows" value={s.slug} />{s.title}</label>
            ))}
          </fieldset>
          <button type="submit">Add user</button>
        </form>
      </main>
    </>
  );
}
