/**
 * Refreshes the bundled OPAWG user-agents-v2 data in lib/classify/opawg/.
 *   npm run opawg:refresh -- <checkout-dir>          (a clone of github.com/opawg/user-agents-v2)
 *   npm run opawg:refresh -- --url <raw-base-url>    (e.g. https://raw.githubusercontent.com/opawg/user-agents-v2/master)
 * Without arguments it reads ../shared/data/opawg-user-agents-v2 (the copy this project was built from).
 * Every file is validated (JSON with an `entries` array whose patterns compile) before anything is replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = ['bots', 'apps', 'libraries', 'browsers', 'devices', 'referrers'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));
const dest = path.join(here, '..', 'lib', 'classify', 'opawg');

async function read(source: { dir?: string; url?: string }, rel: string): Promise<string> {
  if (source.url) {
    const res = await fetch(`${source.url.replace(/\/$/, '')}/${rel}`);
    if (!res.ok) throw new Error(`${rel}: HTTP ${res.status}`);
    return res.text();
  }
  return fs.readFileSync(path.join(source.dir!, rel), 'utf8');
}

async function main() {
  const args = process.argv.slice(2);
  const source = args[0] === '--url' ? { url: args[1] } : { dir: args[0] ?? path.join(here, '..', '..', 'shared', 'data', 'opawg-user-agents-v2') };
  const out: Record<string, string> = {};
  for (const f of FILES) {
    const text = await read(source, `src/${f}.json`);
    const data = JSON.parse(text) as { entries?: Array<{ pattern: string }> };
    if (!Array.isArray(data.entries)) throw new Error(`${f}.json has no entries array`);
    for (const e of data.entries) new RegExp(e.pattern);
    out[`${f}.json`] = text;
  }
  out.LICENSE = await read(source, 'LICENSE');
  try {
    out.VERSION = await read(source, 'VERSION');
  } catch {
    out.VERSION = `refreshed ${new Date().toISOString()} from ${source.url ?? source.dir}\n`;
  }
  for (const [name, text] of Object.entries(out)) fs.writeFileSync(path.join(dest, name), text);
  process.stdout.write(`OPAWG data refreshed in ${dest}: ${out.VERSION}`);
}

main().catch((err) => {
  process.stderr.write(`opawg refresh failed: ${(err as Error).message}\n`);
  process.exit(2);
});
