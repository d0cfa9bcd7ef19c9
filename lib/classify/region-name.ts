import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let names: Map<string, string> | null = null;
const countries = new Intl.DisplayNames(['en'], { type: 'region' });

/** The English name of an ISO 3166-2 region code (`US-CA` → California), or the code itself. */
export function regionName(code: string): string {
  if (!names) {
    names = new Map();
    const world = require('iso3166-2-db/i18n/dispute/UN/en.json') as Record<string, { regions?: Array<{ name: string; iso: string }> }>;
    for (const [cc, c] of Object.entries(world)) for (const r of c.regions ?? []) if (r.iso) names.set(`${cc}-${r.iso}`, r.name);
  }
  return names.get(code) ?? (code || 'Unknown');
}

/** The English name of an ISO 3166-1 alpha-2 code (`ZZ` → Unknown). */
export function countryName(code: string): string {
  if (!code || code === 'ZZ') return 'Unknown';
  try {
    return countries.of(code) ?? code;
  } catch {
    return code;
  }
}
