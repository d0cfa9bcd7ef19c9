/**
 * `npm run bench:seed -- --hits 10000000`: seeds that many synthetic hits (one month, 20
 * episodes) into a fresh PostgreSQL database (on TEST_DATABASE_URL's server, default the local
 * one), counts them, times every report query and a 1M-line import, prints the figures and puts
 * them in tests/bench/RESULTS.md between the `bench:seed` markers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { createEmptyPgDatabase } from '../helpers/test-db';
import { countingBench } from './counting';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--hits');
  const hits = i > 0 ? Number(process.argv[i + 1]) : 10_000_000;
  if (!Number.isInteger(hits) || hits < 1000) {
    process.stderr.write('usage: npm run bench:seed -- --hits <n ≥ 1000>\n');
    process.exit(2);
  }
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const out: string[] = [];
  const say = (line = '') => {
    out.push(line);
    process.stdout.write(line + '\n');
  };
  const fresh = await createEmptyPgDatabase();
  const db = await openDb({ databaseUrl: fresh.url });
  try {
    await migrateDb(db);
    say(`## bench:seed — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${hits.toLocaleString('en-US')} hits`);
    say();
    await countingBench(db, say, hits, fresh.url);
  } finally {
    await db.close();
    await fresh.drop();
  }
  const file = path.join(import.meta.dirname, 'RESULTS.md');
  const begin = '<!-- bench:seed begin -->';
  const end = '<!-- bench:seed end -->';
  const block = `${begin}\n${out.join('\n')}\n${end}`;
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const next = old.includes(begin) ? old.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), block) : `${old.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
  process.stdout.write('\nwritten to tests/bench/RESULTS.md\n');
}

await main();
