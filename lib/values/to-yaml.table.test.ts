import { afterEach, describe, expect, it, vi } from 'vitest';
import { HELM_SCALAR_ROWS } from './__fixtures__/helm-scalar-rows';
import { HelmReadError, parseValuesDocument, parseValuesYaml, toYaml } from './to-yaml';

// Writing values (exact text) and reading them as Helm does (exact trees and errors).

describe('toYaml: the exact text', () => {
  const shared = { k: 1 };
  const list = ['x'];
  const rows: [
    name: string,
    tree: Record<string, unknown>,
    opts: Parameters<typeof toYaml>[1],
    text: string,
  ][] = [
    [
      'an object held twice is written twice, without anchors',
      { a: shared, b: shared },
      {},
      'a:\n  k: 1\nb:\n  k: 1\n',
    ],
    [
      'a list held twice too',
      { a: list, b: { c: list } },
      {},
      'a:\n  - "x"\nb:\n  c:\n    - "x"\n',
    ],
    [
      'the header above everything',
      { a: 1 },
      { header: ' Lightrun values' },
      '# Lightrun values\n\na: 1\n',
    ],
    ['an empty header is none', { a: 1 }, { header: '' }, 'a: 1\n'],
    [
      'a comment above its key, by path',
      { a: { b: 1, c: 2 } },
      { comments: new Map([['a\u0000c', ' the c']]) },
      'a:\n  b: 1\n  #the c\n  c: 2\n'.replace('#the', '# the'),
    ],
    ['an empty comment is none', { a: 1 }, { comments: new Map([['a', '']]) }, 'a: 1\n'],
    [
      'a comment in a list item, by index',
      { l: [{ x: 1 }, { x: 2 }] },
      { comments: new Map([['l\u00001\u0000x', ' second']]) },
      'l:\n  - x: 1\n  - # second\n    x: 2\n',
    ],
    ['multi-line text as a literal block', { pem: 'a\nb\n' }, {}, 'pem: |\n  a\n  b\n'],
    ['multi-line text led by a space is quoted', { t: ' a\nb' }, {}, 't: " a\\nb"\n'],
    ['a tab after a line break is quoted', { t: 'a\n\tb' }, {}, 't: "a\\n\\tb"\n'],
    ['trailing spaces before a break are quoted', { t: 'a \nb' }, {}, 't: "a\\ \\nb"\n'],
    ['a control character is quoted', { t: 'a\nb\u0007' }, {}, 't: "a\\nb\\a"\n'],
    [
      '-0 is written -0.0 (Helm reads -0 as 0); 0, 1.5 and -1 as they are',
      { a: -0, b: [-0], c: 0, d: 1.5, e: -1 },
      {},
      'a: -0.0\nb:\n  - -0.0\nc: 0\nd: 1.5\ne: -1\n',
    ],
    [
      'one-line text is quoted, numbers and booleans are not',
      { s: 'yes', m: 1, b: false, z: null },
      {},
      's: "yes"\nm: 1\nb: false\nz: null\n',
    ],
    [
      'keys: plain when safe, quoted when a reader would change them',
      { on: 1, 'a.b/c-d_e': 2, '1x': 3, 'a b': 4, Null: 5, _x: 6 },
      {},
      '"on": 1\na.b/c-d_e: 2\n"1x": 3\n"a b": 4\n"Null": 5\n_x: 6\n',
    ],
  ];
  it.each(rows)('%s', (_name, tree, opts, text) => {
    expect(toYaml(tree as never, opts)).toBe(text);
  });

  it('a key Helm reads as no text is quoted; key-shaped text is plain (but for case variants of the words); all read back', () => {
    const keyShaped = HELM_SCALAR_ROWS.filter(([s]) => /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(s));
    expect(keyShaped.length).toBeGreaterThan(30);
    const words = new Set(
      HELM_SCALAR_ROWS.filter(([s, read]) => !('value' in read && read.value === s)).map(([s]) =>
        s.toLowerCase(),
      ),
    );
    for (const [s, read] of keyShaped) {
      const text = toYaml({ [s]: 1 });
      if (!('value' in read && read.value === s)) expect([s, text]).toEqual([s, `"${s}": 1\n`]);
      else if (!words.has(s.toLowerCase())) expect([s, text]).toEqual([s, `${s}: 1\n`]);
      expect(parseValuesYaml(text)).toEqual({ [s]: 1 });
    }
  });
});

describe('parseValuesYaml: the tree Helm reads', () => {
  const rows: [name: string, text: string, tree: unknown][] = [
    [
      'plain scalars as go-yaml reads them',
      'a: 0o17\nb: 1:30\nc: 2001-12-14\nd: 1__0\ne: 1e400\nf: y\n',
      { a: 15, b: '1:30', c: '2001-12-14', d: 10, e: '1e400', f: true },
    ],
    ['keys too (made text)', 'on: a\n0x1F: b\n', { true: 'a', 31: 'b' }],
    [
      'quoted and block text stays text',
      'a: "0o17"\nb: \'on\'\nc: |\n  0123\n',
      { a: '0o17', b: 'on', c: '0123\n' },
    ],
    ['an explicit timestamp is its text', 'a: !!timestamp 2001-12-14\n', { a: '2001-12-14' }],
    ['explicit binary is its bytes as text', 'a: !!binary aGVsbG8=\n', { a: 'hello' }],
    [
      'explicit int, float, bool and null resolve like plain text',
      'a: !!int "0x1F"\nb: !!float 1\nc: !!bool "yes"\nd: !!null ""\n',
      { a: 31, b: 1, c: true, d: null },
    ],
    ['an explicit str keeps the text', 'a: !!str 0123\n', { a: '0123' }],
    [
      'anchors and merge keys (and y, a key Helm reads as true)',
      'base: &b\n  x: 0o17\nm:\n  <<: *b\n  y: 1\n',
      { base: { x: 15 }, m: { x: 15, true: 1 } },
    ],
    ['a list', 'l: [on, 09, .5_0, ~]\n', { l: [true, 9, 0.5, null] }],
    ['an empty document is null', '', null],
  ];
  it.each(rows)('%s', (_name, text, tree) => {
    expect(parseValuesYaml(text)).toEqual(tree);
  });

  const refused: [name: string, text: string, message: string][] = [
    [
      '.inf at the top level',
      'a: .inf\n',
      'Helm cannot read this file: the value at a is .inf, a number JSON has no form for (Helm stops with "json: unsupported value: +Inf"). Quote it (".inf") if you meant the text, or remove it.',
    ],
    [
      '-.inf deep in a list',
      'a:\n  b:\n    - 1\n    - -.inf\n',
      'Helm cannot read this file: the value at a.b.1 is -.inf, a number JSON has no form for (Helm stops with "json: unsupported value: -Inf"). Quote it ("-.inf") if you meant the text, or remove it.',
    ],
    [
      '.nan as a key',
      'a:\n  .nan: 1\n',
      'Helm cannot read this file: a key under a is .nan, a number JSON has no form for (Helm stops with "json: unsupported value: NaN"). Quote it (".nan") if you meant the text, or remove it.',
    ],
    [
      'a null key at the top level',
      '~: 1\n',
      'Helm cannot read this file: a top-level key is ~, a null key (Helm stops with "unsupported map key of type: <nil>"). Quote it ("~") if you meant the text, or remove it.',
    ],
    [
      'a null key below',
      'a:\n  b:\n    Null: 1\n',
      'Helm cannot read this file: a key under a.b is Null, a null key (Helm stops with "unsupported map key of type: <nil>"). Quote it ("Null") if you meant the text, or remove it.',
    ],
    [
      'an int tag on text, without the text',
      'p: !!int hunter2\n',
      'Helm cannot read this file: the value at p is tagged !!int, but its text is no such value. Remove the tag or correct the value.',
    ],
    [
      'an int tag on a fraction',
      'p: !!int 1.5\n',
      'Helm cannot read this file: the value at p is tagged !!int, but its text is no such value. Remove the tag or correct the value.',
    ],
    [
      'a bool tag on a number',
      'p: !!bool 1\n',
      'Helm cannot read this file: the value at p is tagged !!bool, but its text is no such value. Remove the tag or correct the value.',
    ],
    [
      'a float tag on text',
      'p: !!float abc\n',
      'Helm cannot read this file: the value at p is tagged !!float, but its text is no such value. Remove the tag or correct the value.',
    ],
    [
      'a null tag on a word',
      'p: !!null no\n',
      'Helm cannot read this file: the value at p is tagged !!null, but its text is no such value. Remove the tag or correct the value.',
    ],
  ];
  it.each(refused)('%s', (_name, text, message) => {
    expect(() => parseValuesYaml(text)).toThrow(HelmReadError);
    expect(() => parseValuesYaml(text)).toThrow(message);
  });
  it('a float tag takes any number', () => {
    expect(parseValuesYaml('a: !!float 0x10\nb: !!float 1.5\n')).toEqual({ a: 16, b: 1.5 });
  });
  it('quoted .inf and a quoted null key are text', () => {
    expect(parseValuesYaml('a: ".inf"\n"~": 1\n')).toEqual({ a: '.inf', '~': 1 });
  });

  it('strict: what YAML 1.2 requires is an error, not a warning', () => {
    expect(() => parseValuesYaml('[a\n: b]\n')).toThrow(
      'Implicit keys of flow sequence pairs need to be on a single line',
    );
    expect(() => parseValuesDocument('[a\n: b]\n')).toThrow(
      'Implicit keys of flow sequence pairs need to be on a single line',
    );
  });
  it('duplicate keys and syntax errors throw', () => {
    expect(() => parseValuesYaml('a: 1\na: 2\n')).toThrow('Map keys must be unique');
    expect(() => parseValuesYaml('a: [1\n')).toThrow();
  });

  afterEach(() => vi.restoreAllMocks());
  it('prints nothing: the parser’s warnings quote the file, and the file holds secrets', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const doc = parseValuesDocument('%FOO bar\n---\na: !custom s3cr3t\n');
    expect(doc.warnings.length).toBeGreaterThan(0);
    expect(parseValuesYaml('%FOO bar\n---\na: !custom s3cr3t\n')).toEqual({ a: 's3cr3t' });
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});
