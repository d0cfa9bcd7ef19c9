import { UAParser } from 'ua-parser-js';
import { isbot } from 'isbot';
import { loadOpawgEntries, type OpawgEntry } from './opawg-data';
import { UA_TYPES, type UaType } from '../vocabulary';

export type UaClass = {
  uaType: UaType;
  /** The matched OPAWG entry's name (bot, app, library or browser), if any. */
  name: string | null;
  isBot: boolean;
  /** The report label: OPAWG app name, else library name, else `Browser: <name>`, else `Unknown` (bots: their name). */
  app: string;
  device: string | null;
  deviceCategory: string | null;
  os: string | null;
  browser: string | null;
};

type Compiled = { name: string; re: RegExp; category?: string };

const compile = (entries: OpawgEntry[]): Compiled[] =>
  entries.map((e) => ({ name: e.name, re: new RegExp(e.pattern), category: e.category }));

const UAP_DEVICE_CATEGORY: Record<string, string> = {
  mobile: 'mobile', tablet: 'tablet', smarttv: 'smart_tv', wearable: 'watch', console: 'console', embedded: 'embedded', xr: 'xr',
};
const DESKTOP_OS = /^(Windows|Mac OS|macOS|Linux|Ubuntu|Debian|Fedora|Chromium OS|Chrome OS|FreeBSD)/;
const OS_OF_DEVICE: Array<[RegExp, string]> = [[/^Apple (iPhone|iPad|iPod|HomePod)/, 'iOS'], [/^Apple Watch/, 'watchOS'], [/^Apple TV/, 'tvOS'], [/^Apple Mac/, 'macOS'], [/^Android/, 'Android']];
/** One spelling per OS, whichever source named it (ua-parser-js says both `Android` and `android`, `Mac OS` where OPAWG devices say macOS). */
const OS_NAMES: Record<string, string> = {
  android: 'Android', ios: 'iOS', ipados: 'iOS', 'mac os': 'macOS', 'mac os x': 'macOS', macos: 'macOS', windows: 'Windows', linux: 'Linux',
  'chromium os': 'ChromeOS', 'chrome os': 'ChromeOS', chromeos: 'ChromeOS', watchos: 'watchOS', tvos: 'tvOS',
};
export function canonicalOs(name: string | null): string | null {
  return name ? (OS_NAMES[name.toLowerCase()] ?? name) : null;
}
const CACHE_MAX = 10_000;
const CACHEABLE_LENGTH = 512;

export type UaClassifier = {
  classify(userAgent: string | undefined): UaClass;
  /** The web player named by a Referer (OPAWG referrers), for browser hits. */
  webPlayer(referer: string | undefined): string | null;
};

/**
 * Compiles the OPAWG patterns once and returns a classifier with a bounded per-User-Agent cache.
 * Order: bots → apps → libraries (category bot = bot) → browsers; then isbot as a last fallback
 * for browser-like UAs only.
 * Devices: OPAWG devices (non-bots), then ua-parser-js; OS and browser from ua-parser-js.
 */
export function createUaClassifier(): UaClassifier {
  const lists: Array<[UaType, Compiled[]]> = [
    ['bot', compile(loadOpawgEntries('bots'))],
    ['app', compile(loadOpawgEntries('apps'))],
    ['library', compile(loadOpawgEntries('libraries'))],
    ['browser', compile(loadOpawgEntries('browsers'))],
  ];
  const devices = compile(loadOpawgEntries('devices'));
  const referrers = compile(loadOpawgEntries('referrers'));
  const cache = new Map<string, UaClass>();
  const refCache = new Map<string, string | null>();

  function compute(raw: string): UaClass {
    const ua = raw.replace(/[\r\n]+/g, '');
    if (ua.trim() === '') {
      return { uaType: 'bot', name: null, isBot: true, app: 'Unknown', device: null, deviceCategory: null, os: null, browser: null };
    }
    let uaType: UaType = 'unknown';
    let name: string | null = null;
    let isBot = false;
    for (const [type, entries] of lists) {
      const hit = entries.find((e) => e.re.test(ua));
      if (!hit) continue;
      uaType = type;
      name = hit.name;
      isBot = type === 'bot' || (type === 'library' && hit.category === 'bot');
      break;
    }
    // isbot flags any unfamiliar non-browser UA (including real podcast apps), so it only
    // judges UAs that claim to be a browser and matched no OPAWG entry: crawlers in disguise.
    if (uaType === 'unknown' && ua.startsWith('Mozilla/') && isbot(ua)) {
      uaType = 'bot';
      isBot = true;
    }
    const parsed = new UAParser(ua).getResult();
    const os = parsed.os.name ?? null;
    const browser = uaType === 'browser' ? (parsed.browser.name ?? name) : null;
    let device: string | null = null;
    let deviceCategory: string | null = null;
    if (!isBot) {
      const d = devices.find((e) => e.re.test(ua));
      if (d) {
        device = d.name;
        deviceCategory = d.category ?? null;
      } else if (parsed.device.type) {
        device = [parsed.device.vendor, parsed.device.model].filter(Boolean).join(' ') || parsed.device.type;
        deviceCategory = UAP_DEVICE_CATEGORY[parsed.device.type] ?? parsed.device.type;
      } else if (os && DESKTOP_OS.test(os)) {
        device = 'Computer';
        deviceCategory = 'computer';
      }
    }
    // OPAWG devices name the platform where ua-parser-js cannot (e.g. `Overcast/3.0 (…; iOS podcast app)`).
    const os2 = os ?? (device ? (OS_OF_DEVICE.find(([re]) => re.test(device!))?.[1] ?? null) : null);
    let app = 'Unknown';
    if (name && (uaType === 'app' || uaType === 'library' || uaType === 'bot')) app = name;
    else if (uaType === 'browser') app = `Browser: ${browser ?? name ?? 'Unknown'}`;
    return { uaType, name, isBot, app, device, deviceCategory, os: canonicalOs(os2), browser };
  }

  return {
    classify(userAgent) {
      const ua = userAgent ?? '';
      if (ua.length > CACHEABLE_LENGTH) return compute(ua.slice(0, 4096));
      let c = cache.get(ua);
      if (!c) {
        c = compute(ua);
        if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
        cache.set(ua, c);
      }
      return c;
    },
    webPlayer(referer) {
      if (!referer) return null;
      const r = referer.replace(/[\r\n]+/g, '').slice(0, 1024);
      let v = refCache.get(r);
      if (v === undefined) {
        v = referrers.find((e) => e.re.test(r))?.name ?? null;
        if (refCache.size >= CACHE_MAX) refCache.delete(refCache.keys().next().value!);
        refCache.set(r, v);
      }
      return v;
    },
  };
}

export { UA_TYPES };
