import { describe, expect, it } from 'vitest';
import { header, splitName, tarBytes, TarNameError } from './tar';

// Exact tables for the ustar writer: every header field of a file, a directory and a prefixed
// long path read back by a small independent reader, the numeric fields at their width limit,
// the padding per size and the name rules on both sides. Each row builds its input inside the test.

const text = (h: Uint8Array, from: number, len: number) =>
  Buffer.from(h.subarray(from, from + len)).toString('latin1');
/** The ustar header's fields, NUL-terminated text fields cut at the first NUL. */
function fields(h: Uint8Array) {
  const str = (from: number, len: number) => text(h, from, len).replace(/\0.*$/s, '');
  return {
    name: str(0, 100),
    mode: text(h, 100, 8),
    uid: text(h, 108, 8),
    gid: text(h, 116, 8),
    size: text(h, 124, 12),
    mtime: text(h, 136, 12),
    chksum: text(h, 148, 8),
    type: text(h, 156, 1),
    linkname: text(h, 157, 100),
    magic: text(h, 257, 6),
    version: text(h, 263, 2),
    uname: text(h, 265, 32),
    gname: text(h, 297, 32),
    devs: text(h, 329, 16),
    prefix: text(h, 345, 155),
    pad: text(h, 500, 12),
  };
}
const sumWithSpaces = (h: Uint8Array) => {
  const c = Uint8Array.from(h);
  c.fill(0x20, 148, 156);
  return c.reduce((a, b) => a + b, 0);
};
const nul = (n: number) => '\0'.repeat(n);
const root = `root${nul(28)}`;

describe('header: every field, exactly', () => {
  it.each<[string, () => Uint8Array, Record<string, string>]>([
    [
      'a file',
      () => header('b/README.txt', 24, '0', 1_764_630_000),
      {
        name: 'b/README.txt',
        mode: '0000600\0',
        uid: '0000000\0',
        gid: '0000000\0',
        size: '00000000030\0',
        mtime: '15113416760\0',
        type: '0',
        prefix: nul(155),
      },
    ],
    [
      'a directory',
      () => header('b/', 0, '5', 0),
      {
        name: 'b/',
        mode: '0000700\0',
        uid: '0000000\0',
        gid: '0000000\0',
        size: '00000000000\0',
        mtime: '00000000000\0',
        type: '5',
        prefix: nul(155),
      },
    ],
    [
      'a path past 100 bytes: the longest prefix that fits, then the name',
      () => header(`${'d'.repeat(60)}/${'e'.repeat(60)}/f.log`, 1, '0', 8),
      {
        name: 'f.log',
        mode: '0000600\0',
        uid: '0000000\0',
        gid: '0000000\0',
        size: '00000000001\0',
        mtime: '00000000010\0',
        type: '0',
        prefix: `${'d'.repeat(60)}/${'e'.repeat(60)}${nul(34)}`,
      },
    ],
  ])('%s', (_n, make, want) => {
    const h = make();
    expect(h.length).toBe(512);
    const f = fields(h);
    expect(f).toEqual({
      ...want,
      chksum: `${sumWithSpaces(h).toString(8).padStart(6, '0')}\0 `,
      linkname: nul(100),
      magic: 'ustar\0',
      version: '00',
      uname: root,
      gname: root,
      devs: nul(16),
      pad: nul(12),
    });
  });

  it('the checksum of a known header, as GNU tar computes it', () => {
    // 'a' 97 + mode 342 + uid 336 + gid 336 + size 528 + mtime 528 + 8 spaces 256 + type '0' 48
    // + 'ustar' 559 + '00' 96 + 'root' 452 twice = 4030 = 0o7676 (by hand, not by the code under test).
    expect(text(header('a', 0, '0', 0), 148, 8)).toBe('007676\0 ');
  });

  it.each<[string, number, number, string | null]>([
    ['the largest size of 11 octal digits', 0o77777777777, 0, '77777777777\0'],
    ['one more does not fit', 0o100000000000, 0, null],
    ['the largest mtime', 0, 0o77777777777, '77777777777\0'],
    ['an mtime one past it', 0, 0o100000000000, null],
  ])('%s', (_n, size, mtime, want) => {
    if (want === null) {
      expect(() => header('a', size, '0', mtime)).toThrow(TarNameError);
      expect(() => header('a', size, '0', mtime)).toThrow(
        /^\d+ does not fit a 12-byte tar field\.$/,
      );
    } else {
      const h = header('a', size, '0', mtime);
      expect(text(h, size ? 124 : 136, 12)).toBe(want);
    }
  });
});

describe('splitName: what can be stored, and where', () => {
  it.each<[string, () => string, [string, string]]>([
    [
      'a long directory keeps its slash in the name',
      () => `${'d'.repeat(60)}/${'e'.repeat(60)}/`,
      ['d'.repeat(60), `${'e'.repeat(60)}/`],
    ],
    [
      'the split is at the last slash that fits, not the first',
      () => `a/${'b'.repeat(60)}/${'c'.repeat(60)}`,
      [`a/${'b'.repeat(60)}`, 'c'.repeat(60)],
    ],
    [
      'a name of exactly 100 bytes after a prefix',
      () => `p/${'n'.repeat(100)}`,
      ['p', 'n'.repeat(100)],
    ],
    ['a prefix of exactly 155 bytes', () => `${'p'.repeat(155)}/n`, ['p'.repeat(155), 'n']],
    [
      'a later slash is used when the last gives a prefix over 155',
      () => `${'p'.repeat(150)}/${'q'.repeat(5)}/${'n'.repeat(90)}`,
      ['p'.repeat(150), `${'q'.repeat(5)}/${'n'.repeat(90)}`],
    ],
    ['a dot inside a name is fine', () => 'a..b/.c/d.', ['', 'a..b/.c/d.']],
    [
      '101 bytes with a slash: split',
      () => `${'d'.repeat(50)}/${'n'.repeat(50)}`,
      ['d'.repeat(50), 'n'.repeat(50)],
    ],
  ])('%s', (_n, p, want) => {
    expect(splitName(p())).toEqual(want);
  });

  it.each<[string, () => string, RegExp]>([
    ['a NUL byte', () => 'a\0b', /is not a relative path inside the archive\.$/],
    ['a dot segment in the middle', () => 'a/./b', /is not a relative path/],
    ['a dot-dot at the end', () => 'a/..', /is not a relative path/],
    ['a dot-dot alone', () => '..', /is not a relative path/],
    ['a slash first', () => '/a', /is not a relative path/],
    [
      'a long path ending in a slash with nothing to split',
      () => `${'d'.repeat(120)}/`,
      /is too long for a ustar archive/,
    ],
    ['a name over 100 bytes after the only slash', () => `p/${'n'.repeat(101)}`, /is too long/],
    [
      'no slash splits it: every prefix over 155',
      () => `${'p'.repeat(156)}/${'n'.repeat(10)}`,
      /is too long/,
    ],
  ])('refuses %s', (_n, p, msg) => {
    expect(() => splitName(p())).toThrow(TarNameError);
    expect(() => splitName(p())).toThrow(msg);
  });
});

describe('tarBytes: layout, padding and names', () => {
  it.each<[number, number]>([
    [0, 0],
    [1, 512],
    [511, 512],
    [512, 512],
    [513, 1024],
    [1024, 1024],
  ])('a file of %i bytes takes a header and %i bytes of content', (size, padded) => {
    const raw = tarBytes([{ name: 'f', content: new Uint8Array(size).fill(0x41) }], new Date(0));
    expect(raw.length).toBe(512 + padded + 1024);
    expect(text(raw, 124, 12)).toBe(`${size.toString(8).padStart(11, '0')}\0`);
    expect(raw.subarray(512, 512 + size).every((b) => b === 0x41)).toBe(true);
    expect(raw.subarray(512 + size).every((b) => b === 0)).toBe(true);
  });

  it('entries in order, each header where the previous one ends; a string is written as UTF-8', () => {
    const raw = tarBytes(
      [
        { name: 'd', dir: true },
        { name: 'd/a', content: 'ä' },
        { name: 'd/b', content: 'x'.repeat(600) },
      ],
      new Date(0),
    );
    expect(raw.length).toBe(512 + (512 + 512) + (512 + 1024) + 1024);
    expect(fields(raw.subarray(0, 512))).toMatchObject({
      name: 'd/',
      type: '5',
      size: '00000000000\0',
    });
    expect(fields(raw.subarray(512, 1024))).toMatchObject({
      name: 'd/a',
      type: '0',
      size: '00000000002\0',
    });
    expect(Buffer.from(raw.subarray(1024, 1026)).toString('utf8')).toBe('ä');
    expect(fields(raw.subarray(1536, 2048))).toMatchObject({
      name: 'd/b',
      type: '0',
      size: '00000001130\0',
    });
  });

  it('a directory is written with one trailing slash, given with or without it', () => {
    const raw = tarBytes(
      [
        { name: 'x', dir: true },
        { name: 'y/', dir: true },
        { name: 'logs', dir: true },
        { name: 'logs/lr-backend/', dir: true },
      ],
      new Date(0),
    );
    expect([0, 1, 2, 3].map((i) => fields(raw.subarray(512 * i, 512 * (i + 1))).name)).toEqual([
      'x/',
      'y/',
      'logs/',
      'logs/lr-backend/',
    ]);
    expect(raw.length).toBe(512 * 4 + 1024);
  });

  it.each<[string, () => Parameters<typeof tarBytes>[0]]>([
    [
      'a directory given with and without its slash',
      () => [
        { name: 'x', dir: true },
        { name: 'x/', dir: true },
      ],
    ],
    [
      'two files of one name',
      () => [
        { name: 'a/b', content: '1' },
        { name: 'a/b', content: '' },
      ],
    ],
  ])('refuses %s', (_n, entries) => {
    expect(() => tarBytes(entries(), new Date(0))).toThrow(/is in the archive twice\.$/);
  });

  it('a file and a directory of the same name are two entries', () => {
    expect(
      tarBytes(
        [
          { name: 'a', content: '' },
          { name: 'a', dir: true },
        ],
        new Date(0),
      ).length,
    ).toBe(512 * 2 + 1024);
  });

  it.each<[number, string]>([
    [0, '00000000000\0'],
    [999, '00000000000\0'],
    [1_999, '00000000001\0'],
    [8_000, '00000000010\0'],
  ])('mtime %i ms → whole seconds, rounded down', (ms, want) => {
    expect(text(tarBytes([{ name: 'a', content: '' }], new Date(ms)), 136, 12)).toBe(want);
  });

  it('no entries: the two end blocks only', () => {
    const raw = tarBytes([], new Date(0));
    expect(raw.length).toBe(1024);
    expect(raw.every((b) => b === 0)).toBe(true);
  });
});
