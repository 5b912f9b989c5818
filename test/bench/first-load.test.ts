import { describe, expect, it } from 'vitest';
import { firstLoadOf, scriptSrcs } from '../../bench/lib/first-load.mjs';
import { fillRoute } from '../../bench/page-weight';

describe('scriptSrcs: what the HTML makes a modern browser load', () => {
  it('every /_next/…js script once, in order; noModule polyfills, inline and other scripts left out', () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script noModule src="/_next/static/chunks/polyfills.js"></script>',
      '<script>self.__next_f=[]</script>',
      '<script src="/other/b.js"></script>',
      '<script src="/_next/static/chunks/c.css.map"></script>',
      '<script async src="/_next/static/chunks/b.js"></script>',
      '<script src="/_next/static/chunks/a.js"></script>',
    ].join('');
    expect(scriptSrcs(html)).toEqual(['static/chunks/a.js', 'static/chunks/b.js']);
  });
  it('sums raw and gzip sizes of each file read', async () => {
    const r = await firstLoadOf(
      '<script src="/_next/x.js"></script><script src="/_next/y.js"></script>',
      (src) => Buffer.from(src === 'x.js' ? 'a'.repeat(1000) : 'bc'),
    );
    expect(r.files.map((f) => [f.src, f.raw])).toEqual([
      ['x.js', 1000],
      ['y.js', 2],
    ]);
    expect(r.raw).toBe(1002);
    expect(r.gzip).toBe(r.files[0]!.gzip + r.files[1]!.gzip);
    expect(r.files[0]!.gzip).toBeLessThan(100);
  });
});

describe('fillRoute', () => {
  it('fills each dynamic segment, sends /_not-found to an unknown URL, leaves static routes', () => {
    expect(fillRoute('/install/[jobId]')).toBe('/install/00000000-0000-4000-8000-000000000000');
    expect(fillRoute('/a/[x]/b/[y]')).toBe('/a/sample/b/sample');
    expect(fillRoute('/_not-found')).toBe('/no-such-page');
    expect(fillRoute('/login')).toBe('/login');
  });
});
