import { describe, expect, it } from 'vitest';
import {
  validateChartRef,
  validateChartVersion,
  validateNamespace,
  validateRelease,
  type PathProbe,
} from './names';

const RELEASE_CHARS =
  'Use lower-case letters, digits and "-" (dots between parts), starting and ending with a letter or digit.';
const NS_CHARS =
  'Use lower-case letters, digits and "-", starting and ending with a letter or digit.';

// The edges of the character classes: a–z and 0–9 are in, the code points just outside are out.
describe('DNS-1123 names: both ends of every character range', () => {
  it.each(['a', 'z', 'zz', '0', '9', 'a9', 'z0z', '9-z'])(
    'release and namespace accept %j',
    (n) => {
      expect(validateRelease(n)).toEqual({ ok: true, value: n });
      expect(validateNamespace(n)).toEqual({ ok: true, value: n });
    },
  );
  // '`' (96) before a, '{' (123) after z, '/' (47) before 0, ':' (58) after 9, an upper-case
  // letter, and a non-ASCII letter.
  it.each(['`', 'lr`', '{', 'lr{', '/', 'lr/x', ':', 'lr:9', 'A', 'lrÄ', 'é'])(
    'release and namespace refuse %j',
    (n) => {
      expect(validateRelease(n)).toEqual({ ok: false, message: RELEASE_CHARS });
      expect(validateNamespace(n)).toEqual({ ok: false, message: NS_CHARS });
    },
  );
  it('a release of 53 characters in dotted labels is accepted; a dot may not end it', () => {
    const name = `${'a'.repeat(26)}.${'b'.repeat(26)}`;
    expect(validateRelease(name)).toEqual({ ok: true, value: name });
    expect(validateRelease('lr.')).toEqual({ ok: false, message: RELEASE_CHARS });
  });
});

describe('chart version: the 64-character bound', () => {
  it('64 characters pass, 65 do not', () => {
    const v64 = `3.9.4-${'a'.repeat(58)}`;
    expect(v64.length).toBe(64);
    expect(validateChartVersion(v64)).toEqual({ ok: true, value: v64 });
    expect(validateChartVersion(`${v64}b`).ok).toBe(false);
  });
});

describe('chart reference: length bound and the packaged-chart suffix', () => {
  const files = new Set([
    '/srv/lr-3.9.4.tgz',
    '/srv/lr-3.9.4.tar.gz',
    '/srv/lr.tgz.bak',
    '/srv/lr.tar.gz.old',
    '/srv/lr.tgzx',
  ]);
  const fs: PathProbe = {
    isDir: () => false,
    isFile: (p) => files.has(p),
    resolve: (p) => (p.startsWith('/') ? p : `/srv/${p}`),
  };

  it('1024 characters are checked as a path (the bound is not hit); 1025 are refused', () => {
    const ref = `/${'x'.repeat(1023)}`;
    expect(validateChartRef('dir', ref, '/repo/chart', fs)).toEqual({
      ok: false,
      message: `${ref} is not a chart directory on the wizard's server (a directory with Chart.yaml).`,
    });
    expect(validateChartRef('dir', `${ref}x`, '/repo/chart', fs)).toEqual({
      ok: false,
      message: 'The chart reference is longer than 1024 characters.',
    });
  });

  it.each(['lr-3.9.4.tgz', 'lr-3.9.4.tar.gz'])('accepts %j', (ref) => {
    expect(validateChartRef('tgz', ref, '/repo/chart', fs)).toEqual({
      ok: true,
      value: `/srv/${ref}`,
    });
  });
  it.each(['lr.tgz.bak', 'lr.tar.gz.old', 'lr.tgzx'])(
    'refuses %j: .tgz is not at the end (even though the file exists)',
    (ref) => {
      expect(validateChartRef('tgz', ref, '/repo/chart', fs)).toEqual({
        ok: false,
        message: 'A packaged chart ends with .tgz.',
      });
    },
  );
});
