import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export type LoadResult = { requests: number; ok302: number; errors: number; seconds: number; rps: number; p50: number; p99: number };

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function once(agent: http.Agent, port: number, path: string, ua: string): Promise<[number, number]> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path, agent, headers: { 'user-agent': ua } }, (res) => {
      res.resume();
      res.on('end', () => resolve([res.statusCode ?? 0, performance.now() - t0]));
    });
    req.on('error', () => resolve([0, performance.now() - t0]));
    req.end();
  });
}

const UAS = [
  'AppleCoreMedia/1.0.0.20G165 (iPhone; U; CPU OS 16_6 like Mac OS X; en_us)',
  'Overcast/3.0 (+http://overcast.fm/; iOS podcast app)',
  'Spotify/8.8.0 Android/33 (SM-G991B)',
  'PocketCasts/1.0 (Pocket Casts; +https://pocketcasts.com/)',
];
const urlPath = (i: number) => `/e/media.example.com/show/ep${i % 8}.mp3?n=${i}`;

/** Closed loop: `connections` keep-alive connections, each sending its next request when the last one is answered. */
export async function closedLoop(port: number, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const lat: number[] = [];
  let ok = 0;
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const [status, ms] = await once(agent, port, urlPath(i), UAS[i % UAS.length]!);
        lat.push(ms);
        if (status === 302) ok++;
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { requests: lat.length, ok302: ok, errors, seconds: elapsed, rps: lat.length / elapsed, p50: pct(lat, 50), p99: pct(lat, 99) };
}

/** Open loop: a fixed arrival rate, whatever the answers do (latency includes any queueing). */
export async function fixedRate(port: number, rate: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const lat: number[] = [];
  let ok = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const total = rate * seconds;
  const tick = 1;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      for (; sent < due; sent++) {
        const i = sent;
        pending.push(
          once(agent, port, urlPath(i), UAS[i % UAS.length]!).then(([status, ms]) => {
            lat.push(ms);
            if (status === 302) ok++;
            else errors++;
          }),
        );
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, tick);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { requests: lat.length, ok302: ok, errors, seconds: elapsed, rps: lat.length / elapsed, p50: pct(lat, 50), p99: pct(lat, 99) };
}

/** True when `wrk` (Debian package wrk) is installed: a C load generator that leaves the 2 cores to the servers. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

const WRK_SCRIPT = `
counter = 0
local uas = { ${UAS.map((u) => JSON.stringify(u)).join(', ')} }
request = function()
  counter = counter + 1
  return wrk.format("GET", "/e/media.example.com/show/ep" .. (counter % 8) .. ".mp3?n=" .. counter, { ["User-Agent"] = uas[(counter % 4) + 1] })
end
`;

function ms(v: string, unit: string): number {
  const n = Number(v);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/** Closed loop with wrk: one thread, `connections` keep-alive connections. */
export function wrkLoop(port: number, connections: number, seconds: number): LoadResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-wrk-'));
  const script = path.join(dir, 'paths.lua');
  fs.writeFileSync(script, WRK_SCRIPT);
  const r = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, `http://127.0.0.1:${port}`], { encoding: 'utf8' });
  const out = r.stdout;
  const total = Number(/(\d+) requests in ([\d.]+)s/.exec(out)?.[1] ?? 0);
  const secs = Number(/requests in ([\d.]+)s/.exec(out)?.[1] ?? seconds);
  const lat = (p: string) => {
    const m = new RegExp(`\\b${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? ms(m[1]!, m[2]!) : NaN;
  };
  const bad = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = bad + (sockErr ? sockErr.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { requests: total, ok302: total - bad, errors, seconds: secs, rps: total / secs, p50: lat('50'), p99: lat('99') };
}
