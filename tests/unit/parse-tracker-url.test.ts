import { describe, it, expect } from 'vitest';
import { parseTrackerUrl, isTrackerPath } from '../../lib/tracker/parse-tracker-url';

function ok(raw: string) {
  const r = parseTrackerUrl(raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse, got: ${r.reason}`);
  return r.url;
}

describe('parseTrackerUrl: every SPEC §2 form', () => {
  it.each([
    ['/e/media.host/ep1.mp3', 'https://media.host/ep1.mp3'],
    ['/e/https://media.host/ep1.mp3', 'https://media.host/ep1.mp3'],
    ['/e/http://media.host/ep1.mp3', 'http://media.host/ep1.mp3'],
    ['/e/https:/media.host/ep1.mp3', 'https://media.host/ep1.mp3'],
    ['/e/http:/media.host/ep1.mp3', 'http://media.host/ep1.mp3'],
    ['/e/HTTPS://Media.Host/Ep1.MP3', 'https://Media.Host/Ep1.MP3'],
    ['/e/media.host:8443/a/b/ep1.mp3', 'https://media.host:8443/a/b/ep1.mp3'],
    ['/e/https://media.host:8443/ep1.mp3', 'https://media.host:8443/ep1.mp3'],
  ])('%s → %s', (raw, location) => {
    expect(ok(raw).location).toBe(location);
  });

  it('passes the query string on unchanged, byte for byte', () => {
    expect(ok('/e/media.host/ep1.mp3?a=1&b=%2F%zz&c').location).toBe('https://media.host/ep1.mp3?a=1&b=%2F%zz&c');
    expect(ok('/e/media.host/ep1.mp3?').location).toBe('https://media.host/ep1.mp3?');
  });

  it('never decodes or re-encodes the path', () => {
    expect(ok('/e/media.host/my%20show/ep%2F1%zz.mp3').location).toBe('https://media.host/my%20show/ep%2F1%zz.mp3');
    expect(ok('/e/media.host/caf\u00c3\u00a9.mp3').location).toBe('https://media.host/caf\u00c3\u00a9.mp3');
  });

  it('records pg= and ignores other or invalid parameters', () => {
    const guid = '917393e3-1b1e-5cef-ace4-edaa54e1f810';
    expect(ok(`/e,pg=${guid}/media.host/ep.mp3`).podcastGuid).toBe(guid);
    expect(ok(`/e,pg=${guid.toUpperCase()},x=1/media.host/ep.mp3`).podcastGuid).toBe(guid);
    expect(ok('/e,pg=not-a-guid/media.host/ep.mp3').podcastGuid).toBeNull();
    expect(ok('/e,foo,bar=1,=,pg/media.host/ep.mp3')).toMatchObject({ podcastGuid: null, location: 'https://media.host/ep.mp3' });
    expect(ok('/e,/media.host/ep.mp3').location).toBe('https://media.host/ep.mp3');
  });

  it('keeps chained prefixes in the Location', () => {
    const chain = '/e/dts.podtrac.com/redirect.mp3/chrt.fm/track/ABC/traffic.example.com/ep.mp3?x=1';
    expect(ok(chain).location).toBe('https://dts.podtrac.com/redirect.mp3/chrt.fm/track/ABC/traffic.example.com/ep.mp3?x=1');
  });

  it('recognises tracker paths', () => {
    expect(isTrackerPath('/e/x')).toBe(true);
    expect(isTrackerPath('/e,pg=1/x')).toBe(true);
    expect(isTrackerPath('/ex')).toBe(false);
    expect(isTrackerPath('/api/health')).toBe(false);
  });
});

// Each malformed target must be refused with a reason (the handler answers 400 with it).
const MALFORMED: Array<[string, RegExp]> = [
  ['/e/', /no target/],
  ['/e/media.host', /empty path/],
  ['/e/media.host/', /empty path/],
  ['/e/https://', /no host/],
  ['/e/https:///ep.mp3', /no host/],
  ['/e//ep.mp3', /no host/],
  ['/e/ftp://media.host/ep.mp3', /scheme/],
  ['/e/file:///etc/passwd', /scheme/],
  ['/e/javascript:alert(1)', /scheme/],
  ['/e/data:text/html,hi', /scheme/],
  ['/e/mailto:a@b.com', /scheme/],
  ['/e/https:media.host/ep.mp3', /no host after the scheme/],
  ['/e/trusted.com@evil.com/ep.mp3', /user info/],
  ['/e/https://user:pw@media.host/ep.mp3', /user info/],
  ['/e/localhost/ep.mp3', /public DNS name/],
  ['/e/LOCALHOST/ep.mp3', /public DNS name/],
  ['/e/foo.localhost/ep.mp3', /public DNS name/],
  ['/e/intranet/ep.mp3', /public DNS name/],
  ['/e/127.0.0.1/ep.mp3', /IP literal/],
  ['/e/10.0.0.1:8080/ep.mp3', /IP literal/],
  ['/e/0x7f.0.0.1/ep.mp3', /IP literal/],
  ['/e/[::1]/ep.mp3', /IP literal/],
  ['/e/https://[2001:db8::1]/ep.mp3', /IP literal/],
  ['/e/media..host/ep.mp3', /empty label/],
  ['/e/.media.host/ep.mp3', /empty label/],
  ['/e/media.host./ep.mp3', /empty label/],
  ['/e/-media.host/ep.mp3', /invalid label/],
  ['/e/media-.host/ep.mp3', /invalid label/],
  ['/e/me_dia.host/ep.mp3', /DNS name/],
  ['/e/media.h%6Fst/ep.mp3', /escapes/],
  ['/e/media%2ehost/ep.mp3', /escapes/],
  ['/e/media.host%00/ep.mp3', /escapes/],
  ['/e/media.host\u0000/ep.mp3', /control/],
  ['/e/media.host/ep\r\nSet-Cookie: a=b', /control/],
  ['/e/media.host/ep.mp3\nX: y', /control/],
  ['/e/media.host/e p.mp3', /control characters or spaces/],
  ['/e/media.host/ep.mp3?a=\r\nX-Injected: 1', /control/],
  ['/e/media.host/ep\u007f.mp3', /control/],
  ['/e/media.host:0/ep.mp3', /port/],
  ['/e/media.host:65536/ep.mp3', /port/],
  ['/e/media.host:99999999/ep.mp3', /port/],
  ['/e/media.host:/ep.mp3', /port/],
  ['/e/media.host:ab/ep.mp3', /port/],
  ['/e/media.host:-1/ep.mp3', /port/],
  ['/e/m\u00e9dia.host/ep.mp3', /DNS name/],
  ['/e/media.host\\evil.com/ep.mp3', /DNS name/],
  [`/e/${'a'.repeat(64)}.com/ep.mp3`, /invalid label/],
  [`/e/${'abc.'.repeat(70)}com/ep.mp3`, /too long/],
  [`/e/media.host/${'a'.repeat(2100)}.mp3`, /longer than 2048/],
  [`/e/media.host/ep.mp3?${'q'.repeat(2100)}`, /longer than 2048/],
  ['/e,pg=917393e3-1b1e-5cef-ace4-edaa54e1f810', /no target/],
  ['/elephant', /not a tracker path/],
];

describe('parseTrackerUrl: malformed targets are refused with a reason', () => {
  it(`has at least 40 cases (${MALFORMED.length})`, () => expect(MALFORMED.length).toBeGreaterThanOrEqual(40));
  it.each(MALFORMED)('%j', (raw, reason) => {
    const r = parseTrackerUrl(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      expect(r.reason).not.toMatch(/[\r\n]/);
    }
  });

  it('accepts exactly 2048 bytes', () => {
    const t = `media.host/${'a'.repeat(2048 - 'media.host/'.length - 4)}.mp3`;
    expect(Buffer.byteLength(t)).toBe(2048);
    expect(parseTrackerUrl(`/e/${t}`).ok).toBe(true);
    expect(parseTrackerUrl(`/e/${t}x`).ok).toBe(false);
  });
});
