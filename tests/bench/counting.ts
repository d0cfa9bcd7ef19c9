/**
 * Counting, report and import figures (issue: counting and monthly reports), at a scale set by
 * BENCH_COUNT_HITS (default 1,000,000) on PostgreSQL: seeds synthetic attributed hits with COPY,
 * then measures the counter (hits/s), every report query (p95 over 20 runs), and import-logs (lines/s).
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { Db } from '../../db/client';
import { insertHitBatch } from '../../lib/tracker/insert-hit-batch';
import { AttributionIndex } from '../../lib/tracker/attribution-index';
import type { HitRecord } from '../../lib/tracker/hit-record';
import { countDownloads } from '../../lib/counting/count-downloads';
import { monthlyReportRows } from '../../lib/reports/monthly-report-rows';
import { REPORT_BYS, REPORT_COLUMNS } from '../../lib/reports/report-columns';
import { writeReportCsv } from '../../lib/reports/write-report-csv';
import { importLogs } from '../../lib/counting/import-logs';
import { openGeoLookup } from '../../lib/classify/open-geo-lookup';
import { insertShow } from '../helpers/fixtures';

const APPS = ['Apple Podcasts', 'Spotify', 'Overcast', 'Pocket Casts', 'AntennaPod', 'Podcast Addict'];
const COUNTRIES = ['US', 'DE', 'GB', 'FR', 'NL', 'CA', 'SE', 'IN'];

/** Synthetic hits over one month for `episodes` episodes: ~1 in 3 a repeat of a listener's day, 4% bots, 3% HEAD. */
export async function seedBenchHits(db: Db, total: number, episodes = 20): Promise<{ showId: number; slug: string; month: string }> {
  const slug = `bench-${Date.now()}`;
  const { showId } = await insertShow(db, slug, Array.from({ length: episodes }, (_, i) => `https://cdn.bench.example/ep${i}.mp3`));
  const index = new AttributionIndex();
  await index.refresh(db, true);
  const start = Date.UTC(2025, 9, 1);
  const listeners = Math.max(1000, Math.floor(total / 6));
  const hashes = Array.from({ length: 4096 }, () => randomUUID().replace(/-/g, ''));
  for (let done = 0; done < total; ) {
    const n = Math.min(20_000, total - done);
    const batch: HitRecord[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const k = done + i;
      const l = (k * 2654435761) % listeners;
      const ep = l % episodes;
      batch[i] = {
        id: randomUUID(), ts: start + ((k * 7919) % (30 * 86_400)) * 1000, source: 'tracker', method: k % 33 === 0 ? 'HEAD' : 'GET',
        target: `https://cdn.bench.example/ep${ep}.mp3`, urlKey: `cdn.bench.example/ep${ep}.mp3`, rangeHeader: null, referer: null, podcastGuid: null,
        listenerHash: hashes[l % 4096]! + l.toString(16).padStart(32, '0'), country: COUNTRIES[l % COUNTRIES.length]!, region: '',
        uaType: 'app', app: APPS[l % APPS.length]!, device: null, deviceCategory: 'mobile', os: 'iOS', browser: null, webPlayer: null,
        isBot: k % 25 === 0, status: 302, bytes: null,
      };
    }
    await insertHitBatch(db, index, batch);
    done += n;
  }
  return { showId, slug, month: '2025-10' };
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]!;
}

/** `earshot report` as its own process (as a user runs it): wall time and peak RSS, by GNU time when present. */
function cliReport(url: string, slug: string, month: string, by: string): string {
  const out = path.join(os.tmpdir(), `earshot-bench-${process.pid}-${by}.csv`);
  const args = ['bin/earshot.js', 'report', '--show', slug, '--month', month, '--by', by, '--out', out];
  const env = { ...process.env, DATABASE_URL: url, EARSHOT_SECRET: 'b'.repeat(40) };
  const timed = fs.existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) return `failed: ${r.stderr.trim().split('\n').at(-1)}`;
  const rows = fs.readFileSync(out, 'utf8').trim().split('\n').length - 1;
  fs.rmSync(out, { force: true });
  const rss = timed ? `, peak RSS ${Math.round(Number(r.stderr.trim().split('\n').at(-1)) / 1024)} MB` : '';
  return `${(wall / 1000).toFixed(2)} s wall (process start, migrations check, count, query, CSV; ${rows} rows)${rss}`;
}

export async function countingBench(db: Db, say: (line?: string) => void, total: number, url?: string): Promise<void> {
  const t0 = performance.now();
  const { showId, slug, month } = await seedBenchHits(db, total);
  const seedS = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 5200));
  const c0 = performance.now();
  const counted = await countDownloads(db);
  const countS = (performance.now() - c0) / 1000;
  say(`### Counting and reports on PostgreSQL 15 (${total.toLocaleString('en-US')} hits in one month)`);
  say();
  say(`- seeding (COPY): ${seedS.toFixed(1)} s`);
  say(`- counting: ${counted.hits.toLocaleString('en-US')} hits → ${counted.downloads.toLocaleString('en-US')} downloads in ${countS.toFixed(2)} s = **${Math.round(counted.hits / countS).toLocaleString('en-US')} hits/s** (target ≥ 200k hits/s)`);
  say();
  say('| report query (`--by`) | p95 of 20 runs | CSV wall time (query + write) |');
  say('|---|---|---|');
  for (const by of REPORT_BYS) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const q0 = performance.now();
      await monthlyReportRows(db, { showId, slug: 'bench', month, by, includeBots: false });
      times.push(performance.now() - q0);
    }
    const w0 = performance.now();
    const rows = await monthlyReportRows(db, { showId, slug: 'bench', month, by, includeBots: false });
    await writeReportCsv(new Writable({ write: (_c, _e, cb) => cb() }), REPORT_COLUMNS[by], rows);
    say(`| ${by} | ${p95(times).toFixed(1)} ms | ${(performance.now() - w0).toFixed(1)} ms |`);
  }
  say();
  say(`(targets: report queries ≤ 50 ms p95; monthly CSV ≤ 2 s. Peak RSS of this benchmark process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.)`);
  say();
  if (url) {
    for (const by of ['episode', 'day'] as const) say(`- \`earshot report --by ${by}\` as a process: ${cliReport(url, slug, month, by)}`);
    say();
  }
  const lines = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
  const ua = 'Overcast/3.0 (+http://overcast.fm/; iOS podcast app)';
  const log = Readable.from((function* () {
    for (let i = 0; i < lines; i++) {
      const ip = `${20 + (i % 200)}.${(i >> 8) & 255}.${i & 255}.${1 + (i % 250)}`;
      const sec = String(i % 60).padStart(2, '0');
      yield `${ip} - - [0${1 + (i % 9)}/Oct/2025:1${i % 10}:${String(i % 60).padStart(2, '0')}:${sec} +0000] "GET /e/cdn.bench.example/ep${i % 20}.mp3 HTTP/1.1" 302 0 "-" "${ua}"\n`;
    }
  })());
  const i0 = performance.now();
  const r = await importLogs(db, log, { format: 'combined', geo: await openGeoLookup(), count: false });
  const importS = (performance.now() - i0) / 1000;
  await new Promise((res) => setTimeout(res, 5200));
  const k0 = performance.now();
  const c = await countDownloads(db);
  const importCountS = (performance.now() - k0) / 1000;
  say(`- import-logs: ${r.lines.toLocaleString('en-US')} combined lines read, parsed, classified and stored in ${importS.toFixed(1)} s = **${Math.round(r.lines / importS).toLocaleString('en-US')} lines/s** (target ≥ 50k lines/s), ${r.bad} bad; counting them afterwards (as \`import-logs\` does before it prints): ${c.hits.toLocaleString('en-US')} hits in ${importCountS.toFixed(1)} s; both together ${Math.round(r.lines / (importS + importCountS)).toLocaleString('en-US')} lines/s`);
  say();
}
