import { requireAdmin } from '@/lib/auth/page-principal';
import { getRuntime } from '@/lib/runtime/get-runtime';
import { TopBar } from '../../_components/top-bar';

export const dynamic = 'force-dynamic';

export default async function TokensPage() {
  const admin = await requireAdmin();
  const db = getRuntime().db;
  const tokens = await db.query<{ id: number; name: string; is_admin: boolean; created: string; last_used: string | null; revoked: string | null; shows: string[] | null }>(
    `SELECT t.id, t.name, t.is_admin, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS created,
            to_char(t.last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS last_used, to_char(t.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS revoked,
            (SELECT array_agg(s.slug ORDER BY s.slug) FROM api_token_shows ts JOIN shows s ON s.id = ts.show_id WHERE ts.token_id = t.id) AS shows
     FROM api_tokens t ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
  );
  const shows = await db.query<{ slug: string; title: string }>('SELECT slug, title FROM shows ORDER BY lower(title)');
  return (
    <>
      <TopBar user={admin} />
      <main>
        <h1>API tokens</h1>
        <p className="muted">Send a token as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1/…</code>. Tokens are stored only as hashes.</p>
        <div className="table-wrap">
          <table>
            <thead><tr><th>Name</th><th>Shows</th><th>Created (UTC)</th><th>Last used</th><th></th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{t.is_admin ? 'all (admin)' : (t.shows ?? []).join(', ')}</td>
                  <td>{t.created}</td>
                  <td>{t.last_used ?? 'never'}</td>
                  <td>{t.revoked ? `revoked ${t.revoked}` : (
                    <form method="post" action="/api/forms/tokens/revoke"><input type="hidden" name="tokenId" value={t.id} /><button type="submit" className="danger">Revoke</button></form>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>New token</h2>
        <form className="stack" method="post" action="/api/forms/tokens/add">
          <label>Name<input type="text" name="name" placeholder="sponsor report script" /></label>
          <fieldset><legend>Shows</legend>
            {shows.map((s) => (
              <label key={s.slug} style={{ display: 'flex', gap: '.4rem', fontWeight: 400 }}><input type="checkbox" name="shows" value={s.slug} />{s.title}</label>
            ))}
          </fieldset>
          <label style={{ display: 'flex', gap: '.4rem' }}><input type="checkbox" name="admin" value="1" />Admin token (all shows; may add shows)</label>
          <button type="submit">Create token</button>
        </form>
      </main>
    </>
  );
}
