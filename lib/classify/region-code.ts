import { createRequire } from 'node:module';

type Region = { name: string; iso: string };
type World = Record<string, { regions: Region[] }>;

const require = createRequire(import.meta.url);
let byCountry: Map<string, Map<string, string>> | null = null;

const SUFFIXES = /\b(county|province|provincia|region|state|oblast|prefecture|governorate|district|department|voivodeship|municipality|län|lan|canton|kraj|city)\b/g;

function norm(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(SUFFIXES, '')
    .replace(/[^a-z0-9]/g, '');
}

function load(): Map<string, Map<string, string>> {
  const world = require('iso3166-2-db/i18n/dispute/UN/en.json') as World;
  const m = new Map<string, Map<string, string>>();
  for (const [cc, c] of Object.entries(world)) {
    const names = new Map<string, string>();
    for (const r of c.regions ?? []) {
      if (!r.iso) continue;
      const code = `${cc}-${r.iso}`;
      names.set(norm(r.name), code);
      names.set(norm(r.iso), code);
    }
    m.set(cc, names);
  }
  return m;
}

/**
 * The ISO 3166-2 code (e.g. `US-CA`) of a region named in English (as DB-IP Lite gives it),
 * or '' when it cannot be told.
 */
export function regionCode(country: string, regionName: string | undefined): string {
  if (!regionName || country.length !== 2) return '';
  byCountry ??= load();
  return byCountry.get(country)?.get(norm(regionName)) ?? '';
}
