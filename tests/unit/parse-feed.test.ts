import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseFeed, FeedError } from '../../lib/feeds/parse-feed';
import { decodeFeedBytes } from '../../lib/feeds/decode-feed-bytes';
import { podcastGuidForFeedUrl } from '../../lib/feeds/podcast-guid-for-feed-url';
import { checkPrefixes } from '../../lib/feeds/check-prefixes';
import { makeSlug } from '../../lib/feeds/make-slug';

const fixture = (name: string) => decodeFeedBytes(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'feeds', name)));
const demo = () => decodeFeedBytes(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'lib', 'feeds', 'demo', 'netstack-fm.xml')));

describe('parseFeed', () => {
  it('reads the netstack.fm demo feed: show, 8 episodes (8–15, Oct–Nov 2025)', () => {
    const { show, episodes } = parseFeed(demo(), null);
    expect(show).toMatchObject({
      title: 'netstack.fm', link: 'https://netstack.example/', language: 'en', author: 'netstack.fm',
      imageUrl: 'https://netstack.example/artwork.png', selfUrl: 'https://feeds.netstack.example/netstack-fm.xml',
      podcastGuid: '5f4c7e0a-6a0b-5c1e-9d8e-1b2f3a4c5d6e', guidFromFeed: true,
    });
    expect(episodes.map((e) => e.episodeNumber).sort((a, b) => a! - b!)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    const ep15 = episodes.find((e) => e.episodeNumber === 15)!;
    expect(ep15).toMatchObject({
      guid: 'netstack-fm-episode-15', title: 'Pingora at Cloudflare', season: 1, durationSeconds: 3990,
      enclosureUrl: 'https://media.netstack.example/episodes/netstack-fm-ep15-pingora-cloudflare.mp3', enclosureType: 'audio/mpeg',
    });
    expect(ep15.publishedAt?.toISOString()).toBe('2025-11-25T07:00:00.000Z');
    expect(episodes.find((e) => e.episodeNumber === 14)!.title).toBe('Roto & Cascade at NLnet Labs');
    for (const e of episodes) expect(e.publishedAt!.getTime()).toBeGreaterThanOrEqual(Date.UTC(2025, 9, 1));
  });

  it('tolerates odd feeds: CDATA, HTML entities, missing guids, relative and http enclosures, duplicates, bad dates', () => {
    const { show, episodes } = parseFeed(fixture('odd.xml'), 'https://feeds.odd.example/rss/feed.xml');
    expect(show.title).toBe('Odd &amp; Ends: a <b>show</b>');
    expect(show.author).toBe('Café & Friends\u00a0Ltd');
    expect(show.guidFromFeed).toBe(false);
    expect(show.podcastGuid).toBe(podcastGuidForFeedUrl('https://feeds.odd.example/rss/feed.xml'));
    expect(episodes).toHaveLength(5);
    const [rel, http, chain, ours, none] = episodes;
    expect(rel).toMatchObject({ guid: 'https://feeds.odd.example/media/relative.mp3', enclosureUrl: 'https://feeds.odd.example/media/relative.mp3', durationSeconds: 3570 });
    expect(rel!.publishedAt?.toISOString()).toBe('2025-10-06T08:00:00.000Z');
    expect(http).toMatchObject({ guid: 'odd-2', title: 'Plain http enclosure', enclosureUrl: 'http://cdn.odd.example/ep2.m4a?token=abc', enclosureLength: null, publishedAt: null, durationSeconds: 3600 });
    expect(chain!.enclosureUrl).toMatch(/^https:\/\/dts\.podtrac\.com\//);
    expect(ours!.enclosureUrl).toBe('https://stats.example.com/e/cdn.odd.example/ep4.mp3');
    expect(none).toMatchObject({ guid: 'odd-5', enclosureUrl: null });
  });

  it('checks prefixes and gives the exact edit', () => {
    const { episodes } = parseFeed(fixture('odd.xml'), 'https://feeds.odd.example/rss/feed.xml');
    const c = checkPrefixes(episodes, 'https://stats.example.com', new Set(['stats.example.com']));
    expect(c).toMatchObject({ ours: 1, otherPrefix: 1, none: 2 });
    expect(c.example).toEqual({
      before: 'https://feeds.odd.example/media/relative.mp3',
      after: 'https://stats.example.com/e/feeds.odd.example/media/relative.mp3',
    });
  });

  it('decodes a declared ISO-8859-1 feed', () => {
    const { show, episodes } = parseFeed(fixture('latin1.xml'), null);
    expect(show.title).toBe('Café Résumé');
    expect(episodes[0]!.title).toBe('Épisode un');
    expect(episodes[0]!.enclosureUrl).toBe('https://cdn.latin.example/%C3%A9p1.mp3');
  });

  it('handles a minimal feed and a 5,000-episode feed', () => {
    expect(parseFeed(fixture('minimal.xml'), null).episodes).toHaveLength(1);
    const items = Array.from({ length: 5000 }, (_, i) => `<item><title>Ep ${i} &amp; more</title><guid>g${i}</guid><enclosure url="https://cdn.big.example/${i}.mp3"/></item>`).join('');
    const t0 = performance.now();
    const big = parseFeed(`<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`, null);
    expect(big.episodes).toHaveLength(5000);
    expect(big.episodes[4999]!.title).toBe('Ep 4999 & more');
    expect(performance.now() - t0).toBeGreaterThan(0);
  });

  it.each(['broken.xml', 'not-rss.xml'])('refuses %s with a FeedError', (name) => {
    expect(() => parseFeed(fixture(name), null)).toThrow(FeedError);
  });
  it('refuses HTML', () => {
    expect(() => parseFeed('<!doctype html><html><body>hi</body></html>', null)).toThrow(FeedError);
  });
});

describe('feed helpers', () => {
  it('derives the standard podcast:guid (Podcasting 2.0 example)', () => {
    expect(podcastGuidForFeedUrl('https://mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
    expect(podcastGuidForFeedUrl('http://mp3s.nashownotes.com/pc20rss.xml/')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
  });
  it('makes slugs', () => {
    expect(makeSlug('netstack.fm')).toBe('netstack-fm');
    expect(makeSlug('Café & Friends!')).toBe('cafe-friends');
    expect(makeSlug('!!!')).toBe('show');
  });
});
