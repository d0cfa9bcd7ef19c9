/**
 * Accounts, access and the API against the real server on each database: first-run setup,
 * login/logout, throttling, member scope (pages, API, CSV), token scope and revocation, CSRF,
 * bad parameters on every API route, a walk over every route without credentials, and the
 * API's CSV equal to `earshot report` byte for byte.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { backends, createTestDb } from '../helpers/test-db';
import { serverWithData, type ServerWithData } from '../helpers/server-with-data';
import { sharedGeo } from '../helpers/test-server';
import { insertShow } from '../helpers/fixtures';
import { ROOT } from '../helpers/spawn-server';
import { seedDemo } from '../../lib/counting/seed-demo';
import { createSession } from '../../lib/auth/sessions';
import { createUser } from '../../lib/auth/create-user';
import { findPrincipal } from '../../lib/auth/find-principal';
import { LoginThrottle } from '../../lib/auth/login-throttle';
import { verifyPassword, hashPassword } from '../../lib/auth/hash-password';

const NOW = new Date('2025-12-15T12:00:00Z');

function cookieOf(res: Response): string {
  const c = res.headers.get('set-cookie') ?? '';
  return c.split(';')[0]!;
}

describe.each(backends())('accounts and API on %s', (backend) => {
  let s: ServerWithData;
  let base: string;
  let admin = '';
  let member = '';
  const post = (p: string, body: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) form.append(k, x);
    return fetch(base + p, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: base, ...headers } });
  };
  const get = (p: string, headers: Record<string, string> = {}) => fetch(base + p, { redirect: 'manual', headers });

  beforeAll(async () => {
    s = await serverWithData(backend, async (db) => {
      await seedDemo(db, await sharedGeo(), NOW, { countLagSeconds: 0 });
      await insertShow(db, 'other', ['https://cdn.other.example/1.mp3']);
    });
    base = s.server.base;
  }, 120_000);
  afterAll(() => s?.cleanup());

  it('a fresh install sends the first visitor to /setup, which creates the admin and then closes', async () => {
    const home = await get('/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toMatch(/^\/login/);
    const login = await get('/login');
    expect([303, 307]).toContain(login.status);
    expect(login.headers.get('location')).toBe('/setup');
    const page = await get('/setup');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Create admin account');
    const short = await post('/api/auth/setup', { email: 'admin@example.com', password: 'short' });
    expect(short.status).toBe(400);
    const ok = await post('/api/auth/setup', { email: 'Admin@Example.com', password: 'correct horse battery' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/^earshot_session=es_[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    admin = cookieOf(ok);
    const again = await post('/api/auth/setup', { email: 'evil@example.com', password: 'correct horse battery' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/login');
    expect((await get('/settings', { cookie: admin })).status).toBe(200);
  });

  it('an admin adds a member who sees only the shows granted (pages, API, CSV): others are 404', async () => {
    const add = await post('/api/forms/users/add', { email: 'member@example.com', password: 'member password 1', shows: 'netstack-fm' }, { cookie: admin });
    expect(add.status).toBe(200);
    const login = await post('/api/auth/login', { email: 'member@example.com', password: 'member password 1', next: '/settings' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/settings');
    member = cookieOf(login);
    const shows = await (await get('/api/v1/shows', { cookie: member })).json();
    expect(shows.shows.map((x: { slug: string }) => x.slug)).toEqual(['netstack-fm']);
    const adminShows = await (await get('/api/v1/shows', { cookie: admin })).json();
    expect(adminShows.shows.map((x: { slug: string }) => x.slug).sort()).toEqual(['netstack-fm', 'other']);
    for (const p of ['/api/v1/shows/other/stats', '/api/v1/shows/other/reports/2025-10.csv']) {
      const r = await get(p, { cookie: member });
      expect(r.status, p).toBe(404);
      expect(await r.json()).toEqual({ error: { code: 'not_found', message: 'no show "other"' } });
    }
    expect((await get('/settings/shows/other', { cookie: member })).status).toBe(404);
    expect((await get('/shows/other', { cookie: member })).status).toBe(404);
    // A show with no downloads yet says so instead of drawing an empty chart.
    const empty = await get('/shows/other', { cookie: admin });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('No downloads in this range yet');
    expect((await get('/settings/shows/netstack-fm', { cookie: member })).status).toBe(200);
    expect((await get('/settings/users', { cookie: member })).status).toBe(404);
    expect((await post('/api/forms/users/add', { email: 'x@example.com', password: 'xxxxxxxxxxxx' }, { cookie: member })).status).toBe(404);
    expect((await get('/api/v1/shows/netstack-fm/stats', { cookie: member })).status).toBe(200);
  });

  it('tokens: scoped to their shows, last-used time, revocable; POST /api/v1/shows needs an admin', async () => {
    const created = await post('/api/forms/tokens/add', { name: 'sponsor', shows: 'other' }, { cookie: admin });
    expect(created.status).toBe(200);
    const token = /data-testid="secret">(et_[\w-]+)</.exec(await created.text())![1]!;
    const bearer = { Authorization: `Bearer ${token}` };
    const list = await (await get('/api/v1/shows', bearer)).json();
    expect(list.shows.map((x: { slug: string }) => x.slug)).toEqual(['other']);
    expect((await get('/api/v1/shows/netstack-fm/stats', bearer)).status).toBe(404);
    expect((await get('/api/v1/shows/other/stats', bearer)).status).toBe(200);
    const addShow = await fetch(`${base}/api/v1/shows`, { method: 'POST', headers: { ...bearer, 'Content-Type': 'application/json' }, body: JSON.stringify({ feedXml: '<rss/>' }) });
    expect(addShow.status).toBe(403);
    const tokensPage = await (await get('/settings/tokens', { cookie: admin })).text();
    expect(tokensPage).toContain('sponsor');
    expect(tokensPage).not.toContain(token);
    expect(tokensPage).not.toContain('never'); // it has been used
    const id = /name="tokenId" value="(\d+)"/.exec(tokensPage)![1]!;
    expect((await post('/api/forms/tokens/revoke', { tokenId: id }, { cookie: admin })).status).toBe(303);
    const after = await get('/api/v1/shows', bearer);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('an admin adds a show over the API from a pasted feed; bad bodies are 400 with the field named', async () => {
    const feed = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'feeds', 'minimal.xml'), 'utf8');
    const headers = { cookie: admin, Origin: base, 'Content-Type': 'application/json' };
    const r = await fetch(`${base}/api/v1/shows`, { method: 'POST', headers, body: JSON.stringify({ feedXml: feed, slug: 'api-added' }) });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ slug: 'api-added', prefix: `${base}/e/` });
    // The settings form takes an uploaded feed file (multipart).
    const form = new FormData();
    form.set('feedFile', new Blob([feed.replace(/<title>[^<]*<\/title>/, '<title>Uploaded Show</title>')], { type: 'application/rss+xml' }), 'feed.xml');
    form.set('slug', 'uploaded');
    const up = await fetch(`${base}/api/forms/shows/add`, { method: 'POST', body: form, headers: { cookie: admin, Origin: base }, redirect: 'manual' });
    expect(up.status).toBe(200);
    expect(await up.text()).toContain('Added <strong>uploaded</strong>');
    for (const [body, field] of [['not json', 'body'], ['{}', 'feedUrl'], ['{"feedUrl":"nope"}', 'feedUrl']] as const) {
      const bad = await fetch(`${base}/api/v1/shows`, { method: 'POST', headers, body });
      expect(bad.status, body).toBe(400);
      expect((await bad.json()).error.message).toMatch(new RegExp(`^${field}`));
    }
  });

  it('a show made public gets a read-only page and share card for anyone; private shows stay 404', async () => {
    expect((await get('/p/netstack-fm')).status).toBe(404);
    expect((await get('/p/netstack-fm/og.png')).status).toBe(404);
    expect((await post('/api/forms/shows/public', { slug: 'netstack-fm', public: '1' }, { cookie: member })).status).toBe(404);
    expect((await post('/api/forms/shows/public', { slug: 'netstack-fm', public: '1' }, { cookie: admin })).status).toBe(303);
    const page = await get('/p/netstack-fm');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Public download statistics');
    expect(html).toContain('/p/netstack-fm/og.png');
    const card = await get('/p/netstack-fm/og.png');
    expect(card.headers.get('content-type')).toBe('image/png');
    expect((await get('/p/other')).status).toBe(404);
    expect((await post('/api/forms/shows/public', { slug: 'netstack-fm', public: '0' }, { cookie: admin })).status).toBe(303);
    expect((await get('/p/netstack-fm')).status).toBe(404);
  });

  it('refuses cross-origin state changes (CSRF) and forms without an Origin', async () => {
    const evil = await post('/api/forms/users/add', { email: 'evil@example.com', password: 'xxxxxxxxxxxx', admin: '1' }, { cookie: admin, Origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const none = await fetch(`${base}/api/forms/users/add`, { method: 'POST', body: new URLSearchParams({ email: 'evil@example.com', password: 'xxxxxxxxxxxx' }), redirect: 'manual', headers: { cookie: admin } });
    expect(none.status).toBe(403);
    const users = await (await get('/settings/users', { cookie: admin })).text();
    expect(users).not.toContain('evil@example.com');
  });

  it('sets the security headers on pages and API answers', async () => {
    for (const p of ['/login', '/api/v1/shows']) {
      const r = await get(p, { cookie: admin });
      expect(r.headers.get('content-security-policy'), p).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('bad parameters on every API route give 400 JSON naming the field, never 500', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/shows/netstack-fm/stats?from=2025-02-30', 'from'],
      ['/api/v1/shows/netstack-fm/stats?from=yesterday', 'from'],
      ['/api/v1/shows/netstack-fm/stats?from=2025-10-10&to=2025-10-01', 'to'],
      ['/api/v1/shows/netstack-fm/stats?by=week', 'by'],
      ['/api/v1/shows/netstack-fm/stats?tz=Mars/Olympus', 'tz'],
      ['/api/v1/shows/netstack-fm/stats?by=hour&from=2025-01-01&to=2025-12-31', 'by'],
      ['/api/v1/shows/netstack-fm/stats?episode=no-such-episode', 'episode'],
      ['/api/v1/shows/netstack-fm/stats?country=germany', 'country'],
      ['/api/v1/shows/netstack-fm/stats?from=1900-01-01&to=2025-01-01', 'from'],
      ['/api/v1/shows/netstack-fm/reports/2025-13.csv', 'month'],
      ['/api/v1/shows/netstack-fm/reports/october.csv', 'month'],
      ['/api/v1/shows/netstack-fm/reports/2025-10.csv?by=week', 'by'],
      ['/api/v1/shows/netstack-fm/reports/2025-10.csv?tz=Nowhere', 'tz'],
    ];
    const unknown = await get('/api/v1/nothing/here', { cookie: admin });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'no such API route' } });
    for (const [p, field] of cases) {
      const r = await get(p, { cookie: admin });
      expect(r.status, p).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      const body = await r.json();
      expect(body.error.code, p).toBe('bad_request');
      expect(body.error.message.startsWith(`${field}:`), `${p} → ${body.error.message}`).toBe(true);
    }
  });

  it('every route in the app refuses a caller without credentials (a new route cannot be forgotten)', async () => {
    const PUBLIC = new Set(['/login', '/setup', '/methodology', '/api/health', '/api/auth/login', '/api/auth/setup']);
    const routes: Array<{ path: string; methods: string[]; page: boolean }> = [];
    const walk = (dir: string, rel: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) {
          if (e.name.startsWith('_')) continue;
          const seg = e.name.startsWith('(') ? '' : `/${e.name}`;
          walk(path.join(dir, e.name), rel + seg);
        } else if (/^page\.tsx?$/.test(e.name)) {
          routes.push({ path: rel || '/', methods: ['GET'], page: true });
        } else if (/^route\.tsx?$/.test(e.name) || /^opengraph-image\.tsx?$/.test(e.name)) {
          const src = fs.readFileSync(path.join(dir, e.name), 'utf8');
          const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(src));
          routes.push({ path: (rel || '') + (e.name.startsWith('opengraph') ? '/opengraph-image' : ''), methods: methods.length ? methods : ['GET'], page: false });
        }
      }
    };
    walk(path.join(ROOT, 'app'), '');
    expect(routes.length).toBeGreaterThan(20);
    const fill = (p: string) => p.replace('[slug]', 'netstack-fm').replace('[file]', '2025-10.csv').replace('[guid]', 'x').replace(/\[[^\]]+\]/g, 'x');
    let checked = 0;
    for (const r of routes) {
      const p = fill(r.path);
      if (PUBLIC.has(p) || p.startsWith('/p/')) continue;
      for (const m of r.methods) {
        const res = await fetch(base + p, { method: m, redirect: 'manual', headers: { Origin: base } });
        if (m === 'GET' && !p.startsWith('/api/')) {
          expect(res.status, `${m} ${p}`).toBe(303);
          expect(res.headers.get('location'), `${m} ${p}`).toMatch(/^\/login\?next=/);
        } else {
          expect(res.status, `${m} ${p}`).toBe(401);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('throttles guessing: after 5 wrong passwords even the right one waits', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await post('/api/auth/login', { email: 'member@example.com', password: `wrong ${i} password` });
      expect(r.headers.get('location')).toMatch(/error=invalid/);
    }
    const r = await post('/api/auth/login', { email: 'member@example.com', password: 'member password 1' });
    expect(r.headers.get('location')).toMatch(/error=throttled/);
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('logout ends the session on the server', async () => {
    expect((await get('/api/v1/shows', { cookie: member })).status).toBe(200);
    expect((await post('/api/forms/logout', {}, { cookie: member })).status).toBe(303);
    expect((await get('/api/v1/shows', { cookie: member })).status).toBe(401);
  });

  it('the API CSV equals `earshot report` byte for byte, and stats totals equal the report', async () => {
    const byEpisode = await (await get('/api/v1/shows/netstack-fm/reports/2025-10.csv?by=episode', { cookie: admin })).text();
    const byDay = await (await get('/api/v1/shows/netstack-fm/reports/2025-10.csv?by=day', { cookie: admin })).text();
    const stats = await (await get('/api/v1/shows/netstack-fm/stats?from=2025-10-01&to=2025-10-31&by=episode', { cookie: admin })).json();
    const csvTotal = byEpisode.trim().split('\r\n').slice(1).reduce((n, l) => n + Number(l.split(',').at(-2)), 0);
    expect(csvTotal).toBeGreaterThan(1000);
    expect(stats.totals.downloads).toBe(csvTotal);
    const monthListeners = await (await get('/api/v1/shows/netstack-fm/stats?from=2025-10-01&to=2025-10-31&by=day', { cookie: admin })).json();
    expect(monthListeners.totals.listeners).toBeGreaterThan(0);
    expect(monthListeners.series).toHaveLength(31);
    await s.server.stop();
    for (const [by, api] of [['episode', byEpisode], ['day', byDay]] as const) {
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'report', '--show', 'netstack-fm', '--month', '2025-10', '--by', by], {
        cwd: ROOT, env: { ...process.env, ...s.env }, encoding: 'utf8',
      });
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toBe(api);
    }
  });
});

describe.each(backends())('sessions and passwords on %s', (backend) => {
  it('sessions expire; passwords are salted scrypt checked in constant time', async () => {
    const t = await createTestDb(backend);
    try {
      const u = await createUser(t.db, { email: 'a@example.com', password: 'long enough pw', isAdmin: false });
      const token = await createSession(t.db, u.userId);
      expect(await findPrincipal(t.db, { cookie: `earshot_session=${token}` })).toMatchObject({ kind: 'user', email: 'a@example.com', shows: [] });
      const [row] = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
      expect(row!.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(row!.password_hash).not.toContain('long enough pw');
      const stored = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM sessions WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'", [token]);
      expect(Number(stored[0]!.n)).toBe(0);
      await t.db.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
      expect(await findPrincipal(t.db, { cookie: `earshot_session=${token}` })).toBeNull();
    } finally {
      await t.drop();
    }
  });
});

describe('password hashing and throttling', () => {
  it('two hashes of one password differ (per-user salt) and both verify; a wrong one does not', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
    expect(await verifyPassword('other password', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
  it('throttles per account and per client, and forgets after the window', () => {
    const t = new LoginThrottle(5, 20, 60_000);
    for (let i = 0; i < 5; i++) t.fail('a@x', 'c1', 1000 + i);
    expect(t.retryAfter('a@x', 'c2', 2000)).toBeGreaterThan(0);
    expect(t.retryAfter('b@x', 'c1', 2000)).toBe(0);
    expect(t.retryAfter('a@x', 'c1', 62_000)).toBe(0);
    for (let i = 0; i < 20; i++) t.fail(`u${i}@x`, 'c3', 100_000);
    expect(t.retryAfter('fresh@x', 'c3', 100_001)).toBeGreaterThan(0);
  });
});
