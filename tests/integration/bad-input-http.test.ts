import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { startTestTracker, countRows, type TestTracker } from '../helpers/test-server';

/** Sends raw bytes and returns the raw response head (status line and headers). */
function raw(port: number, request: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    sock.on('data', (d) => {
      data += d.toString('latin1');
      if (data.includes('\r\n\r\n')) sock.end();
    });
    sock.on('end', () => resolve(data));
    sock.on('close', () => resolve(data));
    sock.on('error', reject);
    sock.setTimeout(5000, () => {
      sock.destroy();
      resolve(data);
    });
    sock.write(request);
  });
}

const head = (target: string, headers: string[] = []) =>
  Buffer.from(`GET ${target} HTTP/1.1\r\nHost: t.example\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`, 'latin1');

describe('hostile requests at the HTTP level: a 4xx with a reason or the 302, never a 5xx, no header injection', () => {
  let t: TestDb;
  let s: TestTracker;
  let port: number;
  beforeAll(async () => {
    t = await createTestDb('pglite');
    s = await startTestTracker(t.db, { EARSHOT_TRUST_PROXY: '1' });
    port = Number(new URL(s.base).port);
  });
  afterAll(async () => {
    await s?.close();
    await t?.drop();
  });

  const GOOD = '/e/media.example.com/ep.mp3';
  const cases: Array<[string, Buffer, 'redirect' | 'client-error']> = [
    ['NUL in the target', head('/e/media.example.com/ep\x00.mp3'), 'client-error'],
    // The CR LF ends the request line: what follows is a request header, and nothing reaches the response.
    ['CR LF in the target', Buffer.from('GET /e/media.example.com/ep.mp3\r\nX-Evil: 1 HTTP/1.1\r\nHost: x\r\n\r\n'), 'redirect'],
    ['CR LF inside the target', head('/e/media.example.com/ep\r\nX-Evil: 1\r\n.mp3'), 'client-error'],
    ['encoded CR LF in the target', head('/e/media.example.com/ep%0d%0aSet-Cookie:%20a=b.mp3'), 'redirect'],
    ['encoded CR LF in the query', head(`${GOOD}?x=%0d%0aLocation:%20https://evil.example`), 'redirect'],
    ['bad percent-encoding in the path', head('/e/media.example.com/%zz%.mp3'), 'redirect'],
    ['bad percent-encoding in the host', head('/e/media.ex%zzample.com/ep.mp3'), 'client-error'],
    ['non-ASCII bytes in the path (refused by the HTTP parser)', head('/e/media.example.com/\xe9\xff.mp3'), 'client-error'],
    ['overlong target', head(`/e/media.example.com/${'a'.repeat(3000)}.mp3`), 'client-error'],
    ['100 KB URL', head(`/e/media.example.com/${'a'.repeat(100_000)}.mp3`), 'client-error'],
    ['10 KB User-Agent', head(GOOD, [`User-Agent: ${'Mozilla/5.0 '.repeat(850)}`]), 'redirect'],
    ['garbage X-Forwarded-For', head(GOOD, ['X-Forwarded-For: <script>, ,,, 999.999.1.1, ::::']), 'redirect'],
    ['huge X-Forwarded-For', head(GOOD, [`X-Forwarded-For: ${'1.2.3.4, '.repeat(1000)}`]), 'redirect'],
    ['garbage Range', head(GOOD, ['Range: bytes=--1,zz-']), 'redirect'],
    ['huge Range', head(GOOD, [`Range: bytes=${'0-1,'.repeat(2000)}`]), 'redirect'],
    ['binary Referer', head(GOOD, ['Referer: \x01\x02\xff']), 'client-error'],
    ['empty User-Agent', head(GOOD, ['User-Agent: ']), 'redirect'],
    ['two User-Agents', head(GOOD, ['User-Agent: a', 'User-Agent: b']), 'redirect'],
    ['absolute-form request target', head('http://t.example/e/media.example.com/ep.mp3'), 'redirect'],
    ['unknown method', Buffer.from(`BREW ${GOOD} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 'client-error'],
    ['HEAD', Buffer.from(`HEAD ${GOOD} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 'redirect'],
    ['HTTP/1.0 without Host', Buffer.from(`GET ${GOOD} HTTP/1.0\r\n\r\n`), 'redirect'],
    ['header without colon', Buffer.from(`GET ${GOOD} HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n`), 'client-error'],
    ['userinfo host', head('/e/trusted.com@evil.com/ep.mp3'), 'client-error'],
    ['javascript scheme', head('/e/javascript:alert(document.cookie)'), 'client-error'],
  ];

  it.each(cases)('%s', async (_name, request, expected) => {
    const res = await raw(port, request);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(res)?.[1]);
    expect(status, res.slice(0, 200)).toBeGreaterThanOrEqual(300);
    expect(status).toBeLessThan(500);
    if (expected === 'redirect') {
      expect(status).toBe(302);
      const location = /\r\nLocation: ([^\r\n]*)\r\n/i.exec(res)?.[1] ?? '';
      expect(location.startsWith('https://media.example.com/')).toBe(true);
    } else {
      expect(status).toBeGreaterThanOrEqual(400);
    }
    const headerNames = res.split('\r\n\r\n')[0]!.split('\r\n').slice(1).map((l) => l.split(':')[0]!.toLowerCase());
    expect(headerNames).not.toContain('set-cookie');
    expect(headerNames).not.toContain('x-evil');
    expect(headerNames.filter((h) => h === 'location').length).toBeLessThanOrEqual(1);
  });

  it('stored the valid ones and nothing else', async () => {
    await s.rt.writer.flush(true);
    const expectedRecorded = cases.filter(([, , e]) => e === 'redirect').length;
    expect((await countRows(t.db, 'hits')) + (await countRows(t.db, 'pending_hits'))).toBe(expectedRecorded);
  });
});
