import { splitTarget, type TargetParts } from './split-target';

/**
 * Known measurement prefixes: host → the part of the path before the wrapped URL.
 * `rest` captures the wrapped URL in any target form.
 */
const PREFIXES: Array<{ host: RegExp; path: RegExp }> = [
  { host: /^dts\.podtrac\.com$/, path: /^\/redirect\.[a-z0-9]+\/(.+)$/i },
  { host: /^(www\.)?podtrac\.com$/, path: /^\/pts\/redirect\.[a-z0-9]+\/(.+)$/i },
  { host: /^(chrt\.fm|chtbl\.com)$/, path: /^\/track\/[^/]+\/(.+)$/ },
  { host: /^tracking\.swap\.fm$/, path: /^\/track\/[^/]+\/(.+)$/ },
  { host: /^(pdst\.fm|pdcn\.co|prfx\.byspotify\.com)$/, path: /^\/e\/(.+)$/ },
  { host: /^op3\.dev$/, path: /^\/e(?:,[^/]*)?\/(.+)$/ },
  { host: /^(pscrb\.fm|verifi\.podscribe\.com)$/, path: /^\/rss\/p\/(.+)$/ },
  { host: /^mgln\.ai$/, path: /^\/e\/[^/]+\/(.+)$/ },
  { host: /^arttrk\.com$/, path: /^\/p\/[^/]+\/(.+)$/ },
  { host: /^claritaspod\.com$/, path: /^\/measure\/(.+)$/ },
  { host: /^media\.blubrry\.com$/, path: /^\/[^/]+\/(.+)$/ },
  { host: /^pfx\.vpixl\.com$/, path: /^\/[^/]+\/(.+)$/ },
  { host: /^growx\.podkite\.com$/, path: /^\/[^/]+\/(.+)$/ },
];

const MAX_DEPTH = 10;

/**
 * Follows chained measurement prefixes down to the innermost URL (the media file).
 * `selfHosts` are this tracker's own public hosts (their `/e/` paths are unwrapped too).
 * Query strings and fragments of inner URLs are dropped; a wrapped URL that a prefix
 * percent-encodes (`https%3A%2F%2F…`) is decoded once.
 */
export function unwrapPrefixChain(outer: TargetParts, selfHosts: ReadonlySet<string> = new Set()): TargetParts {
  let cur = outer;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const inner = innerOf(cur, selfHosts);
    if (!inner) return cur;
    cur = inner;
  }
  return cur;
}

function innerOf(p: TargetParts, selfHosts: ReadonlySet<string>): TargetParts | null {
  let rest: string | undefined;
  if (selfHosts.has(p.host)) rest = /^\/e(?:,[^/]*)?\/(.+)$/.exec(p.path)?.[1];
  else {
    for (const rule of PREFIXES) {
      if (!rule.host.test(p.host)) continue;
      rest = rule.path.exec(p.path)?.[1];
      break;
    }
  }
  if (!rest) return null;
  if (/^https?%3a/i.test(rest)) {
    try {
      rest = decodeURIComponent(rest);
    } catch {
      return null;
    }
  }
  rest = rest.replace(/[?#].*$/s, '');
  const r = splitTarget(rest);
  return r.ok ? r.parts : null;
}
