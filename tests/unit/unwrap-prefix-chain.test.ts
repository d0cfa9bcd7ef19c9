import { describe, it, expect } from 'vitest';
import { attributionKeyOf } from '../../lib/tracker/attribution-key-of';
import { isMediaPath } from '../../lib/tracker/is-media-path';

describe('chained prefixes unwrap to the innermost media URL', () => {
  const inner = 'traffic.example.com/show/ep1.mp3';
  it.each([
    `https://dts.podtrac.com/redirect.mp3/${inner}`,
    `https://www.podtrac.com/pts/redirect.mp3/${inner}`,
    `https://chrt.fm/track/ABC123/${inner}`,
    `https://chtbl.com/track/ABC123/${inner}`,
    `https://pdst.fm/e/${inner}`,
    `https://op3.dev/e/${inner}`,
    `https://op3.dev/e,pg=917393e3-1b1e-5cef-ace4-edaa54e1f810/${inner}`,
    `https://pscrb.fm/rss/p/${inner}`,
    `https://verifi.podscribe.com/rss/p/${inner}`,
    `https://mgln.ai/e/123/${inner}`,
    `https://arttrk.com/p/ABCD/${inner}`,
    `https://claritaspod.com/measure/${inner}`,
    `https://prfx.byspotify.com/e/${inner}`,
    `https://pdcn.co/e/${inner}`,
    `https://tracking.swap.fm/track/xyz/${inner}`,
    `https://media.blubrry.com/myshow/${inner}`,
    `https://dts.podtrac.com/redirect.mp3/chrt.fm/track/ABC/pdst.fm/e/op3.dev/e/https://${inner}`,
    `https://dts.podtrac.com/redirect.mp3/https:/${inner}`,
    `https://pdst.fm/e/https%3A%2F%2F${inner.replace(/\//g, '%2F')}`,
    `https://chrt.fm/track/ABC/${inner}?utm=1#frag`,
    `http://TRAFFIC.example.com/show/ep1.mp3?token=secret`,
  ])('%s', (url) => {
    expect(attributionKeyOf(url)).toEqual({ key: inner, host: 'traffic.example.com' });
  });

  it('unwraps this tracker\'s own prefix when its host is given', () => {
    expect(attributionKeyOf(`https://stats.example.org/e/${inner}`, new Set(['stats.example.org']))?.key).toBe(inner);
    expect(attributionKeyOf(`https://stats.example.org/e/${inner}`)?.key).toBe(`stats.example.org/e/${inner}`);
  });

  it('stops at a prefix whose rest is not a URL', () => {
    expect(attributionKeyOf('https://pdst.fm/e/nothing-here')?.key).toBe('pdst.fm/e/nothing-here');
  });

  it('keeps ports and upper-cases escapes in the key', () => {
    expect(attributionKeyOf('https://media.host:8443/a%2fb.mp3')?.key).toBe('media.host:8443/a%2Fb.mp3');
  });
});

describe('isMediaPath', () => {
  it.each(['.mp3', '.m4a', '.mp4', '.m4v', '.aac', '.ogg', '.oga', '.opus', '.wav', '.flac', '.mov', '.webm'])('%s', (ext) => {
    expect(isMediaPath(`/show/ep${ext}`)).toBe(true);
    expect(isMediaPath(`/show/EP${ext.toUpperCase()}`)).toBe(true);
  });
  it('rejects web pages and look-alikes', () => {
    for (const p of ['/index.html', '/', '/ep.mp3.html', '/mp3', '/ep.mp3x', '/ep.php']) expect(isMediaPath(p)).toBe(false);
  });
  it('decodes escapes before judging', () => {
    expect(isMediaPath('/ep%2Emp3')).toBe(true);
    expect(isMediaPath('/bad%zz.mp3')).toBe(true);
  });
});
