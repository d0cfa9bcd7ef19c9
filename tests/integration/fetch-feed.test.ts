import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { fetchFeed, isPrivateAddress, FEED_USER_AGENT } from '../../lib/feeds/fetch-feed';
import { FeedError } from '../../lib/feeds/parse-feed';
import { startFeedServer } from '../helpers/feed-server';

describe('fetchFeed', () => {
  let s: Awaited<ReturnType<typeof startFeedServer>>;
  beforeAll(async () => {
    s = await startFeedServer({
      '/feed.xml': { body: '<rss/>', etag: '"v1"' },
      '/gz.xml': { body: '<rss>gzipped</rss>', gzip: true },
      '/big.xml': { body: Buffer.alloc(2 * 1024 * 1024, 'a') },
      '/slow.xml': { body: '<rss/>', delayMs: 3000 },
      '/r0': { redirect: '/r1' }, '/r1': { redirect: '/r2' }, '/r2': { redirect: '/feed.xml' },
      '/loop': { redirect: '/loop' },
      '/gone': { status: 410, body: 'gone' },
    });
  });
  afterAll(() => s.close());

  it('refuses loopback and private addresses unless allowed (SSRF guard)', async () => {
    await expect(fetchFeed(`${s.base}/feed.xml`)).rejects.toThrow(/private or loopback/);
    await expect(fetchFeed(`http://localhost:${new URL(s.base).port}/feed.xml`)).rejects.toThrow(/private or loopback/);
    await expect(fetchFeed('http://[::1]/feed.xml')).rejects.toThrow(/private or loopback/);
    await expect(fetchFeed('http://169.254.169.254/latest/meta-data')).rejects.toThrow(/private or loopback/);
    for (const ip of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.53', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '0.0.0.0']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '1.1.1.1', '2a00:1450:4001:80b::200e', '172.32.0.1']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('fetches with an honest User-Agent, follows up to 5 redirects, and makes conditional GETs', async () => {
    const r = await fetchFeed(`${s.base}/r0`, { allowPrivate: true });
    expect(r).toMatchObject({ notModified: false, url: `${s.base}/feed.xml`, etag: '"v1"' });
    expect(s.log.at(-1)!.headers['user-agent']).toBe(FEED_USER_AGENT);
    expect(await fetchFeed(`${s.base}/feed.xml`, { allowPrivate: true, etag: '"v1"' })).toEqual({ notModified: true, url: `${s.base}/feed.xml` });
    await expect(fetchFeed(`${s.base}/loop`, { allowPrivate: true })).rejects.toThrow(/more than 5 redirects/);
  });

  it('decompresses, caps the size, times out, and reports HTTP errors', async () => {
    const gz = await fetchFeed(`${s.base}/gz.xml`, { allowPrivate: true });
    expect(gz.notModified === false && gz.bytes.toString()).toBe('<rss>gzipped</rss>');
    await expect(fetchFeed(`${s.base}/big.xml`, { allowPrivate: true, maxBytes: 1024 * 1024 })).rejects.toThrow(/larger than 1 MB/);
    await expect(fetchFeed(`${s.base}/slow.xml`, { allowPrivate: true, timeoutMs: 300 })).rejects.toThrow(/timed out/);
    await expect(fetchFeed(`${s.base}/gone`, { allowPrivate: true })).rejects.toThrow(/HTTP 410/);
    await expect(fetchFeed('ftp://example.com/feed.xml')).rejects.toThrow(FeedError);
  });
});
