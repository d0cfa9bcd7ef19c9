import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type OpawgEntry = {
  name: string;
  pattern: string;
  category?: string;
  examples?: string[];
  svg?: string;
  description?: string;
};

export const OPAWG_FILES = ['bots', 'apps', 'libraries', 'browsers', 'devices', 'referrers'] as const;
export type OpawgFile = (typeof OPAWG_FILES)[number];

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'opawg');

/** The bundled OPAWG user-agents-v2 entries of one file, in file order. */
export function loadOpawgEntries(file: OpawgFile): OpawgEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(dir, `${file}.json`), 'utf8')) as { entries: OpawgEntry[] }).entries;
}
