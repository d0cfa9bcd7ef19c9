import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/spawn-server';
import { openDb } from '../../db/client';

const DEMO = path.join(ROOT, 'lib', 'feeds', 'demo', 'netstack-fm.xml');

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/earshot.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, EARSHOT_DATA_DIR: dataDir, EARSHOT_PUBLIC_URL: 'https://stats.example.com', DATABASE_URL: '' },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI (embedded database)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-cli-'));

  it('--help lists the commands', () => {
    const r = cli(dir, '--help');
    expect(r.code).toBe(0);
    for (const c of ['migrate', 'add-show', 'refresh-feeds', 'shows']) expect(r.out).toContain(c);
  });

  it('add-show prints the slug, episode count, prefix and the exact edit', () => {
    const r = cli(dir, 'add-show', DEMO);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('added "netstack.fm" as netstack-fm: 8 episodes');
    expect(r.out).toContain('prefix: https://stats.example.com/e/');
    expect(r.out).toContain('through none: 8');
    expect(r.out).toContain('→ https://stats.example.com/e/media.netstack.example/episodes/netstack-fm-ep15-pingora-cloudflare.mp3');
    expect(cli(dir, 'shows').out).toMatch(/^netstack-fm\t8 episodes\tnetstack\.fm/m);
  });

  it('create-user prints a one-time password (stored only as a scrypt hash); create-token prints a token once', async () => {
    const u = cli(dir, 'create-user', 'Host@Example.com', '--show', 'netstack-fm');
    expect(u.code, u.err).toBe(0);
    expect(u.out).toMatch(/^created member host@example\.com\none-time password: [\w-]{16}\n$/);
    const again = cli(dir, 'create-user', 'host@example.com');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
    const t = cli(dir, 'create-token', '--show', 'netstack-fm', '--name', 'sponsor');
    expect(t.code, t.err).toBe(0);
    const token = t.out.trim();
    expect(token).toMatch(/^et_[\w-]{43}$/);
    const db = await openDb({ dataDir: dir });
    try {
      const password = /one-time password: (\S+)/.exec(u.out)![1]!;
      const rows = await db.query<{ t: string }>("SELECT (SELECT string_agg(password_hash, ',') FROM users) || (SELECT string_agg(encode(token_hash, 'hex'), ',') FROM api_tokens) AS t");
      expect(rows[0]!.t).not.toContain(password);
      expect(rows[0]!.t).not.toContain(token);
      expect(await db.query('SELECT name FROM api_tokens')).toEqual([{ name: 'sponsor' }]);
    } finally {
      await db.close();
    }
  });

  it.each([
    [['add-show', DEMO], /already registered as "netstack-fm"/],
    [['add-show', path.join(ROOT, 'tests', 'fixtures', 'feeds', 'minimal.xml'), '--slug', 'netstack-fm'], /slug "netstack-fm" is already taken/],
    [['add-show', path.join(ROOT, 'README.md')], /not a valid XML feed|not an RSS feed/],
    [['add-show', path.join(ROOT, 'tests', 'fixtures', 'feeds', 'not-rss.xml')], /not an RSS feed/],
    [['add-show', '/nonexistent/feed.xml'], /cannot read/],
    [['add-show', 'http://127.0.0.1:9/feed.xml'], /private or loopback/],
    [['add-show', 'ftp://example.com/feed.xml'], /http\(s\)/],
    [['add-show'], /usage/],
    [['add-show', DEMO, '--bogus'], /unknown option --bogus/],
    [['add-show', DEMO, '--slug'], /--slug needs a value/],
    [['refresh-feeds', '--show', 'nope'], /no show "nope"/],
    [['frobnicate'], /unknown command/],
    [['report', '--show', 'netstack-fm', '--month', '2025-13'], /--month must be YYYY-MM/],
    [['report', '--show', 'netstack-fm', '--month', '2025-11', '--by', 'planet'], /--by must be one of/],
    [['report', '--show', 'nope', '--month', '2025-11'], /no show "nope"/],
    [['report', '--month', '2025-11'], /usage/],
    [['report', '--show', 'netstack-fm', '--month', '2025-11', '--tz', 'Mars/Olympus'], /--tz must be an IANA time zone/],
    [['create-user', 'not-an-email'], /not an email address/],
    [['create-user'], /usage/],
    [['create-user', 'a@example.com', '--show', 'nope'], /no show "nope"/],
    [['create-token'], /usage/],
    [['create-token', '--show', 'nope'], /no show "nope"/],
  ])('%j → one line on stderr, exit 2, nothing written', (args, message) => {
    const r = cli(dir, ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message as RegExp);
  });

  it('report writes the monthly CSV to --out (header only for a month without downloads) and to stdout', () => {
    const out = path.join(dir, 'report.csv');
    const r = cli(dir, 'report', '--show', 'netstack-fm', '--month', '2025-11', '--by', 'day', '--out', out);
    expect(r.code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('month,show,day,downloads,listeners');
    expect(lines).toHaveLength(32);
    expect(lines[30]).toBe('2025-11,netstack-fm,2025-11-30,0,0');
    const e = cli(dir, 'report', '--show', 'netstack-fm', '--month', '2025-11', '--include-bots');
    expect(e.code).toBe(0);
    expect(e.out).toBe('month,show,episode_guid,episode_title,published_at,downloads,listeners\r\n');
  });

  it('wrote nothing for the refused commands', async () => {
    const db = await openDb({ dataDir: dir });
    const [row] = await db.query<{ shows: number; episodes: number }>(
      'SELECT (SELECT count(*) FROM shows)::int AS shows, (SELECT count(*) FROM episodes)::int AS episodes',
    );
    await db.close();
    expect(row).toEqual({ shows: 1, episodes: 8 });
  });

  it('a bad environment variable is named, exit 2', () => {
    const r = spawnSync(process.execPath, ['bin/earshot.js', 'shows'], {
      cwd: ROOT, env: { ...process.env, EARSHOT_DATA_DIR: dir, EARSHOT_TRUST_PROXY: 'maybe' }, encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^earshot: EARSHOT_TRUST_PROXY: /);
  });
});
