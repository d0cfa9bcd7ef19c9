/**
 * The dashboard in a real browser (Debian Chromium via playwright-core) against the real server
 * on a free port with seed-demo data: log in, open every page, compare the numbers on screen
 * with the API for the same filters, change filters through the UI, compare two episodes,
 * download a CSV and parse it, open the share card. Screenshots go to tests/e2e/screenshots/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serverWithData, type ServerWithData } from '../helpers/server-with-data';
import { sharedGeo } from '../helpers/test-server';
import { seedDemo } from '../../lib/counting/seed-demo';
import { createUser } from '../../lib/auth/create-user';
import { addDays, todayIn } from '../../lib/reports/stats-params';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(import.meta.dirname, 'screenshots');
const EMAIL = 'host@netstack.example';
const PASSWORD = 'listen to the packets';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d-]/g, ''));

describe('dashboard in Chromium', () => {
  let s: ServerWithData;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let base: string;

  const api = async (p: string) => {
    const r = await ctx.request.get(base + p);
    expect(r.status(), p).toBe(200);
    return r;
  };
  const shot = async (name: string, p: Page = page) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    s = await serverWithData('pglite', async (db) => {
      await seedDemo(db, await sharedGeo(), new Date(), { countLagSeconds: 0 });
      await createUser(db, { email: EMAIL, password: PASSWORD, isAdmin: true });
    });
    base = s.server.base;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true, reducedMotion: 'reduce' });
    page = await ctx.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.cleanup();
  });

  it('asks for a login, then shows the show list with its last-30-day downloads equal to the API', async () => {
    await page.goto(`${base}/`);
    await expect.poll(() => page.url()).toContain('/login');
    await shot('login');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match.').waitFor();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('shows-table').waitFor();
    const stats = await (await api('/api/v1/shows/netstack-fm/stats')).json();
    expect(stats.totals.downloads).toBeGreaterThan(0);
    expect(num(await page.getByTestId('last30').first().textContent())).toBe(stats.totals.downloads);
    expect(await page.getByTestId('sparkline').count()).toBe(1);
    await shot('shows');
  });

  it('show overview: the headline numbers equal the API and the chart is drawn', async () => {
    await page.getByRole('link', { name: 'netstack.fm' }).click();
    await page.getByTestId('total-downloads').waitFor();
    await page.locator('[data-testid=timeseries-chart] svg.recharts-surface').waitFor();
    const stats = await (await api('/api/v1/shows/netstack-fm/stats')).json();
    expect(num(await page.getByTestId('total-downloads').textContent())).toBe(stats.totals.downloads);
    expect(num(await page.getByTestId('total-listeners').textContent())).toBe(stats.totals.listeners);
    expect(num(await page.getByTestId('total-hits').textContent())).toBe(stats.totals.hits);
    expect(await page.locator('[data-testid=timeseries-chart] .recharts-area').count()).toBe(1);
    // Monthly listeners (from the listener rollup) equal the API's listeners over that UTC month (from the downloads).
    const month = todayIn('UTC').slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const monthStats = await (await api(`/api/v1/shows/netstack-fm/stats?from=${month}-01&to=${last}`)).json();
    expect(num(await page.getByTestId('monthly-listeners').textContent())).toBe(monthStats.totals.listeners);
    await shot('show-overview');
  });

  it('changing filters through the UI changes the URL and the numbers, which still equal the API', async () => {
    await page.getByLabel('Range').selectOption('7d');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.url()).toContain('range=7d');
    const today = todayIn('UTC');
    const week = await (await api(`/api/v1/shows/netstack-fm/stats?from=${addDays(today, -6)}&to=${today}`)).json();
    await expect.poll(async () => num(await page.getByTestId('total-downloads').textContent())).toBe(week.totals.downloads);

    await page.getByLabel('Range').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2025-10-01');
    await page.getByLabel('To', { exact: true }).fill('2025-10-31');
    await page.getByLabel('Time zone').fill('America/New_York');
    // The oldest episode (released 2025-10-07, last in the list) has October downloads.
    const options = await page.getByLabel('Episode').locator('option').count();
    await page.getByLabel('Episode').selectOption({ index: options - 1 });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.url()).toContain('tz=America%2FNew_York');
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toBe('2025-10-01');
    const guid = url.searchParams.get('episode')!;
    expect(guid).toBeTruthy();
    const oct = await (await api(`/api/v1/shows/netstack-fm/stats?from=2025-10-01&to=2025-10-31&tz=America/New_York&episode=${encodeURIComponent(guid)}`)).json();
    expect(oct.totals.downloads).toBeGreaterThan(0);
    expect(num(await page.getByTestId('total-downloads').textContent())).toBe(oct.totals.downloads);
    expect(await page.getByTestId('range').textContent()).toContain('America/New_York');
  });

  it('episodes: the table sorts and its all-time column equals the API; compare overlays two launch curves', async () => {
    await page.goto(`${base}/shows/netstack-fm/episodes`);
    const rows = page.locator('[data-testid=episodes-table] tbody tr');
    expect(await rows.count()).toBe(8);
    await page.getByRole('link', { name: 'All time' }).click();
    await expect.poll(() => page.url()).toContain('sort=allTime');
    await page.waitForLoadState('load');
    await page.locator('th[aria-sort=descending]', { hasText: 'All time' }).waitFor();
    const allTime = (await page.getByTestId('all-time').allTextContents()).map(num);
    expect(allTime).toHaveLength(8);
    expect(allTime).toEqual([...allTime].sort((a, b) => b - a));
    const everything = await (await api(`/api/v1/shows/netstack-fm/stats?from=2025-01-01&to=${todayIn('UTC')}&by=episode`)).json();
    expect(allTime.reduce((a, b) => a + b, 0)).toBe(everything.totals.downloads);
    await shot('episodes');

    // An episode's own page: its curve and its share card.
    await page.locator('[data-testid=episodes-table] tbody tr a').first().click();
    await page.locator('[data-testid=timeseries-chart] svg.recharts-surface').waitFor();
    await page.locator('[data-testid=compare-chart] svg.recharts-surface').first().waitFor();
    const episodeId = /\/episodes\/(\d+)/.exec(page.url())![1]!;
    const card = await api(`/shows/netstack-fm/og.png?episode=${episodeId}`);
    expect(card.headers()['content-type']).toBe('image/png');

    await page.goto(`${base}/shows/netstack-fm/compare`);
    await page.getByRole('checkbox').first().waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(8);
    for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
    await page.getByRole('checkbox').nth(0).check();
    await page.getByRole('checkbox').nth(3).check();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('e').length).toBe(2);
    await page.locator('[data-testid=compare-chart] svg.recharts-surface').first().waitFor();
    expect(await page.locator('[data-testid=compare-chart] .recharts-line').count()).toBe(2);
    expect(await page.locator('[data-testid=compare-table] tbody tr').count()).toBe(2);
    await shot('compare');
  });

  it('apps and geography equal the API; regions of a chosen country; the DB-IP attribution is shown', async () => {
    await page.goto(`${base}/shows/netstack-fm/apps?range=90d`);
    const today = todayIn('UTC');
    const q = `from=${addDays(today, -89)}&to=${today}`;
    const apps = await (await api(`/api/v1/shows/netstack-fm/stats?${q}&by=app`)).json();
    const first = page.locator('[data-testid=apps-table] tbody tr').first();
    expect(await first.locator('td').nth(0).textContent()).toBe(apps.series[0].key);
    expect(num(await first.locator('td').nth(1).textContent())).toBe(apps.series[0].downloads);
    await page.locator('[data-testid=bar-chart] svg.recharts-surface').first().waitFor();
    // Browser downloads referred by a web player are named after it (the demo has Google Podcasts' web player).
    const players = await (await api(`/api/v1/shows/netstack-fm/stats?${q}&by=web_player`)).json();
    const named = players.series.filter((p: { key: string }) => p.key);
    expect(named.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=web-table] tbody tr td:first-child').allTextContents()).toEqual(named.map((p: { key: string }) => p.key));
    await shot('apps');

    await page.goto(`${base}/shows/netstack-fm/geo?range=90d`);
    const countries = await (await api(`/api/v1/shows/netstack-fm/stats?${q}&by=country`)).json();
    const top = page.locator('[data-testid=countries-table] tbody tr').first();
    expect(await top.locator('td').nth(1).textContent()).toBe(countries.series[0].key);
    expect(num(await top.locator('td').nth(2).textContent())).toBe(countries.series[0].downloads);
    await top.locator('a').click();
    await page.getByTestId('regions-table').waitFor();
    expect(page.url()).toContain(`country=${countries.series[0].key}`);
    const regions = await (await api(`/api/v1/shows/netstack-fm/stats?${q}&by=region&country=${countries.series[0].key}`)).json();
    expect(await page.locator('[data-testid=regions-table] tbody tr').count()).toBe(regions.series.length);
    expect(await page.getByText('IP Geolocation by DB-IP').count()).toBe(1);
    await shot('geo');
  });

  it('reports: the preview equals the CSV, and the downloaded CSV equals the API file', async () => {
    await page.goto(`${base}/shows/netstack-fm/reports?month=2025-10`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-episode').click()]);
    const file = fs.readFileSync((await download.path())!, 'utf8');
    const fromApi = await (await api('/api/v1/shows/netstack-fm/reports/2025-10.csv?by=episode')).text();
    expect(file).toBe(fromApi);
    const lines = file.trim().split('\r\n');
    expect(lines[0]).toBe('month,show,episode_guid,episode_title,published_at,downloads,listeners');
    const csvDownloads = lines.slice(1).map((l) => Number(l.split(',').at(-2)));
    const shown = (await page.locator('[data-testid=report-table] tbody tr td:nth-child(3)').allTextContents()).map(num);
    expect(shown).toEqual(csvDownloads);
    expect(download.suggestedFilename()).toBe('netstack-fm-2025-10-episode.csv');
    await shot('reports');
  });

  it('the share card is a 1200×630 PNG; the methodology page is public', async () => {
    const r = await api('/shows/netstack-fm/og.png');
    const png = await r.body();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    const anon = await browser.newContext();
    const p = await anon.newPage();
    expect((await p.request.get(`${base}/shows/netstack-fm/og.png`, { maxRedirects: 0 })).status()).toBe(303);
    await p.goto(`${base}/methodology`);
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toMatch(/count/i);
    await anon.close();
  });

  it('settings pages open for the admin, with the prefix to configure and the tokens form', async () => {
    await page.goto(`${base}/settings`);
    expect(await page.getByRole('heading', { name: 'Add a show' }).count()).toBe(1);
    await page.getByRole('link', { name: 'netstack.fm' }).click();
    await page.getByRole('heading', { name: 'Prefix' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(`${base}/e/`);
    await page.goto(`${base}/settings/tokens`);
    expect(await page.getByRole('button', { name: 'Create token' }).count()).toBe(1);
    await page.goto(`${base}/settings/users`);
    expect(await page.getByRole('cell', { name: EMAIL }).count()).toBe(1);
    await shot('settings-users');
  });

  it('fits a 360 px wide screen without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce', storageState: await ctx.storageState() });
    const p = await phone.newPage();
    for (const route of ['/', '/shows/netstack-fm', '/shows/netstack-fm/apps']) {
      await p.goto(base + route);
      await p.waitForLoadState('networkidle');
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      expect(width, route).toBeLessThanOrEqual(362);
    }
    await p.goto(`${base}/shows/netstack-fm`);
    await p.locator('[data-testid=timeseries-chart] svg.recharts-surface').waitFor();
    await shot('show-overview-phone', p);
    await phone.close();
  });
});
