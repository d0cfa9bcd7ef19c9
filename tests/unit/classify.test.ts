import { describe, it, expect } from 'vitest';
import { createUaClassifier } from '../../lib/classify/create-ua-classifier';
import { loadOpawgEntries } from '../../lib/classify/opawg-data';
import { openGeoLookup } from '../../lib/classify/open-geo-lookup';

const c = createUaClassifier();

describe('OPAWG examples', () => {
  it('every bot example classifies as a bot', () => {
    const misses: string[] = [];
    for (const e of loadOpawgEntries('bots')) for (const ex of e.examples ?? []) if (!c.classify(ex).isBot) misses.push(ex);
    expect(misses).toEqual([]);
  });

  it('every app example classifies as its app unless an earlier entry wins by list order', () => {
    const bots = loadOpawgEntries('bots').map((e) => new RegExp(e.pattern));
    const apps = loadOpawgEntries('apps');
    let total = 0;
    const shadowed: string[] = [];
    const wrong: string[] = [];
    for (const [i, e] of apps.entries()) {
      for (const ex of e.examples ?? []) {
        total++;
        const got = c.classify(ex);
        if (got.uaType === 'app' && got.name === e.name) continue;
        // Legitimate only when an entry earlier in the order (a bot, or an earlier app) matches.
        const earlierBot = bots.some((re) => re.test(ex));
        const earlierApp = apps.slice(0, i).find((a) => new RegExp(a.pattern).test(ex));
        if (earlierBot || (earlierApp && got.name === earlierApp.name)) shadowed.push(`${e.name} ← ${got.name}: ${ex}`);
        else wrong.push(`${e.name}: ${ex} → ${JSON.stringify(got)}`);
      }
    }
    console.log(`OPAWG app examples: ${total}, as their app: ${total - shadowed.length - wrong.length}, won by an earlier entry: ${shadowed.length}`);
    for (const s of shadowed) console.log(`  shadowed: ${s}`);
    expect(wrong).toEqual([]);
    expect(total - shadowed.length).toBeGreaterThan(total * 0.95);
  });

  it('library entries of category bot are bots, other libraries are not', () => {
    for (const e of loadOpawgEntries('libraries')) {
      for (const ex of e.examples ?? []) {
        const got = c.classify(ex);
        if (got.uaType !== 'library' || got.name !== e.name) continue;
        expect(got.isBot, ex).toBe(e.category === 'bot');
      }
    }
  });
});

describe('classification details', () => {
  it('labels per SPEC §3', () => {
    expect(c.classify('Overcast/3.0 (+http://overcast.fm/; iOS podcast app)')).toMatchObject({ uaType: 'app', app: 'Overcast', isBot: false, deviceCategory: 'mobile' });
    expect(c.classify('Spotify/8.8.0 Android/33 (SM-G991B)')).toMatchObject({ app: 'Spotify', os: 'Android' });
    expect(c.classify('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'))
      .toMatchObject({ uaType: 'browser', app: 'Browser: Chrome', deviceCategory: 'computer', os: 'Windows' });
    expect(c.classify('SomePodApp/1.0 (iPhone)')).toMatchObject({ uaType: 'unknown', app: 'Unknown', isBot: false });
  });
  it('empty or missing User-Agent is a bot', () => {
    expect(c.classify('').isBot).toBe(true);
    expect(c.classify(undefined).isBot).toBe(true);
    expect(c.classify('   ').isBot).toBe(true);
  });
  it('uses isbot only for browser-like UAs that match nothing', () => {
    expect(c.classify('Mozilla/5.0 (compatible; SomeCrawler/1.0; +http://crawler.example/)').isBot).toBe(true);
    expect(c.classify('MyPodApp/1.0 (iPhone)').isBot).toBe(false);
  });
  it('ignores newlines and survives 10 KB User-Agents', () => {
    expect(c.classify('Overcast/3.0\r\n (+http://overcast.fm/)').app).toBe('Overcast');
    expect(c.classify('A'.repeat(10_000)).uaType).toBe('unknown');
  });
  it('names web players from the Referer', () => {
    const entry = loadOpawgEntries('referrers').find((e) => e.examples?.length)!;
    expect(c.webPlayer(entry.examples![0])).toBe(entry.name);
    expect(c.webPlayer('https://nothing.example/')).toBeNull();
    expect(c.webPlayer(undefined)).toBeNull();
  });
});

describe('geo (bundled DB-IP Lite)', async () => {
  const geo = await openGeoLookup();
  it.each([
    ['8.8.8.8', 'US', 'US-CA'],
    ['81.2.69.142', 'GB', 'GB-ENG'],
    ['1.1.1.1', 'AU', 'AU-NSW'],
    ['2a00:1450:4001:80b::200e', 'DE', 'DE-HE'],
  ])('%s → %s %s', (ip, country, region) => {
    expect(geo(ip)).toEqual({ country, region });
  });
  it('unknown and private addresses are ZZ', () => {
    expect(geo('127.0.0.1')).toEqual({ country: 'ZZ', region: '' });
    expect(geo('10.1.2.3').country).toBe('ZZ');
    expect(geo('')).toEqual({ country: 'ZZ', region: '' });
    expect(geo('garbage')).toEqual({ country: 'ZZ', region: '' });
  });
});

describe('operating system names', () => {
  it('have one spelling whichever source named them', async () => {
    const { createUaClassifier, canonicalOs } = await import('../../lib/classify/create-ua-classifier');
    const c = createUaClassifier();
    const oses = new Set(
      ['Spotify/8.8.0 Android/33 (SM-G991B)', 'app.revanced.android.apps.youtube.music/62852240 (Linux; U; Android 11; pt_BR; Redmi Note 8 Pro; Build/RP1A.200720.011; Cronet/120.0.6057.2)', 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
        'Podcast Addict - Dalvik/2.1.0 (Linux; U; Android 13; SM-A536B Build/TP1A.220624.014)']
        .map((ua) => c.classify(ua).os).filter(Boolean),
    );
    expect([...oses]).toEqual(['Android']);
    expect(c.classify('URL/Emacs Emacs/28.2 (TTY; x86_64-pc-linux-gnu)').os ?? 'Linux').toBe('Linux');
    expect(canonicalOs('Mac OS')).toBe('macOS');
    expect(canonicalOs('android')).toBe('Android');
    expect(canonicalOs('Windows')).toBe('Windows');
    expect(canonicalOs('HarmonyOS')).toBe('HarmonyOS');
  });
});
