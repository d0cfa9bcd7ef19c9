import type { TargetParts } from './split-target';

/**
 * The attribution key of an (innermost) URL: scheme-insensitive, lower-case host,
 * port kept when given, path as given with percent-escapes upper-cased, no query.
 */
export function urlKey(p: TargetParts): string {
  const path = p.path.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase());
  return `${p.host}${p.port !== null ? `:${p.port}` : ''}${path}`;
}
