import { describe, expect, it } from 'vitest';
import { fromBase64, pemToValue, toBase64, valueToPem } from './base64';
import { isSecretPath } from './secret-paths';
import { parseValuesYaml, toYaml } from './to-yaml';
import {
  deepEqual,
  deepMerge,
  deletePath,
  diffTree,
  getPath,
  hasPath,
  leafPaths,
  orderLike,
  setPath,
} from './tree';

// The pure helpers under the values engine, case by case with exact results.

describe('tree', () => {
  const t = { a: { b: 1, n: null, u: undefined, l: [1] }, s: 'x' };

  it.each([
    [['a', 'b'], 1, true],
    [['a', 'n'], null, true],
    [['a', 'u'], undefined, true],
    [['a', 'missing'], undefined, false],
    [['s', 'length'], undefined, false], // a string has no keys
    [['a', 'l', '0'], undefined, false], // nor does a list
    [[], t, true],
  ])('getPath/hasPath %j', (p, value, has) => {
    expect(getPath(t, p)).toEqual(value);
    expect(hasPath(t, p)).toBe(has);
  });

  it('setPath creates maps on the way and replaces a scalar in the way', () => {
    const x: Record<string, unknown> = { a: 1 };
    setPath(x, ['a', 'b', 'c'], 2);
    setPath(x, ['d'], null);
    expect(x).toEqual({ a: { b: { c: 2 } }, d: null });
  });

  it('deletePath removes the key and every map it leaves empty, nothing else', () => {
    const x = { a: { b: { c: 1 } }, k: { x: 1, y: { z: 1 } }, s: 1 };
    deletePath(x, ['a', 'b', 'c']);
    deletePath(x, ['k', 'y', 'z']);
    deletePath(x, ['s', 'deeper']);
    deletePath(x, ['nothing', 'here']);
    deletePath(x, []);
    expect(x).toEqual({ k: { x: 1 }, s: 1 });
  });

  it('deepMerge: maps merge, lists and scalars replace, inputs stay untouched', () => {
    const base = { a: { b: 1, c: [1, 2] }, d: 1, m: { x: 1 } };
    const over = { a: { c: [3] }, d: { e: 1 }, m: null, n: 2 };
    const before = JSON.stringify([base, over]);
    const out = deepMerge(base, over) as Record<string, { b?: number; c?: number[] }>;
    expect(out).toEqual({ a: { b: 1, c: [3] }, d: { e: 1 }, m: null, n: 2 });
    out.a!.c!.push(9);
    expect(JSON.stringify([base, over])).toBe(before);
    expect(deepMerge(1, { a: 1 })).toEqual({ a: 1 });
    expect(deepMerge({ a: 1 }, 'x')).toBe('x');
  });

  it.each([
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
    [{ a: [1, 2] }, { a: [1] }, false],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: 1, b: undefined }, { a: 1, c: undefined }, false],
    [[1], { 0: 1 }, false],
    [null, {}, false],
    ['1', 1, false],
  ])('deepEqual(%j, %j) = %s', (a, b, eq) => {
    expect(deepEqual(a, b)).toBe(eq);
    expect(deepEqual(b, a)).toBe(eq);
  });

  it('diffTree keeps what differs from the defaults, and keys the defaults do not have', () => {
    const defaults = { a: { b: 1, c: 2 }, l: [1], s: 'x', e: {} };
    const full = { a: { b: 1, c: 3 }, l: [1], s: 'x', e: {}, extra: { z: 1 }, u: undefined, m: {} };
    expect(diffTree(full, defaults)).toEqual({ a: { c: 3 }, extra: { z: 1 }, u: undefined, m: {} });
    expect(Object.keys(diffTree(full, defaults))).toEqual(['a', 'extra', 'u', 'm']);
    expect(diffTree({ a: { b: 1 } }, 'not a map')).toEqual({ a: { b: 1 } });
  });

  it('leafPaths lists scalars, lists and empty maps, depth first', () => {
    expect(leafPaths({ a: { b: 1, c: {} }, d: [1], e: { f: { g: null } } })).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['d'],
      ['e', 'f', 'g'],
    ]);
  });

  it('orderLike follows the reference order and appends unknown keys, recursively', () => {
    const out = orderLike({ z: 1, b: { y: 1, x: 2 }, a: 1 }, { a: 0, b: { x: 0, y: 0 }, c: 0 });
    expect(JSON.stringify(out)).toBe('{"a":1,"b":{"x":2,"y":1},"z":1}');
    expect(JSON.stringify(orderLike({ b: 1, a: 2 }, null))).toBe('{"b":1,"a":2}');
  });
});

describe('base64', () => {
  it.each([
    ['', ''],
    ['a', 'YQ=='],
    ['ab', 'YWI='],
    ['žluť', 'xb5sdcWl'],
    ['🚀', '8J+agA=='],
  ])('toBase64(%j) = %s and back', (text, b64) => {
    expect(toBase64(text)).toBe(b64);
    expect(fromBase64(b64)).toBe(text);
  });

  it('encodes text longer than one 32 KiB chunk', () => {
    const text = 'ab'.repeat(40_000);
    expect(toBase64(text)).toBe(Buffer.from(text).toString('base64'));
  });

  it.each([
    ['YW Jj\nZA==', 'abcd'], // blanks and newlines inside are ignored
    ['YWJ', null], // not a multiple of 4
    ['YW=j', null], // padding in the middle
    ['YQ===', null],
    ['_w==', null], // base64url is not base64
    ['/w==', null], // 0xFF is not UTF-8
  ])('fromBase64(%j) = %j', (b64, text) => expect(fromBase64(b64)).toBe(text));

  const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  it.each([
    [PEM, toBase64(PEM)],
    [`\n  ${PEM}`, toBase64(`\n  ${PEM}`)], // leading blanks before the armour
    ['already-base64', 'already-base64'],
    ['', ''],
  ])('pemToValue(%j)', (pem, value) => expect(pemToValue(pem)).toBe(value));

  it.each([
    [toBase64(PEM), PEM],
    [toBase64(`  ${PEM}`), `  ${PEM}`],
    [toBase64('not a pem'), toBase64('not a pem')], // base64 of something else stays as given
    [
      `${toBase64(PEM).slice(0, 20)}\n${toBase64(PEM).slice(20)}`,
      `${toBase64(PEM).slice(0, 20)}\n${toBase64(PEM).slice(20)}`,
    ], // wrapped: kept verbatim
    [PEM, PEM],
    ['', ''],
  ])('valueToPem(%j)', (v, pem) => expect(valueToPem(v)).toBe(pem));
});

describe('isSecretPath', () => {
  it.each([
    [['certificate', 'tls', 'key'], true],
    [['certificate', 'tls', 'crt'], true],
    [['certificate', 'tls'], false],
    [['certificate', 'existing_cert'], false],
    [['certificate', 'other', 'key'], false],
    [['secrets', 'db', 'password'], true],
    [['secrets'], true],
    [['secrets', 'defaults', 'dockerhub_config', 'configContent'], true],
    [['secrets', 'defaults', 'dockerhub_config', 'existingSecret'], false],
    [['secrets', 'defaults', 'other', 'existingSecret'], true],
    [['secrets', 'x', 'dockerhub_config', 'existingSecret'], true],
    [['general', 'secrets'], false],
  ])('%j -> %s', (p, secret) => expect(isSecretPath(p)).toBe(secret));
});

describe('toYaml: scalars and keys', () => {
  it.each([
    ['multi-line text is a literal block', 'a\nb', 'k: |-\n  a\n  b\n'],
    ['with a trailing newline', 'a\n', 'k: |\n  a\n'],
    ['a blank-led first line is quoted', ' a\nb', 'k: " a\\nb"\n'],
    ['a tab-led first line is quoted', '\ta\nb', 'k: "\\ta\\nb"\n'],
    ['a blank before a newline is quoted', 'a \nb', 'k: "a\\ \\nb"\n'],
    ['a tab after a newline is quoted', 'a\n\tb', 'k: "a\\n\\tb"\n'],
    ['a control character is quoted', 'a\u0001\nb', 'k: "a\\x01\\nb"\n'],
    ['a line separator is quoted', 'a\u2028\nb', 'k: "a\u2028\\nb"\n'],
    ['one line is quoted', 'yes', 'k: "yes"\n'],
  ])('%s', (_n, v, text) => {
    expect(toYaml({ k: v })).toBe(text);
    expect(parseValuesYaml(text)).toEqual({ k: v });
  });

  it('writes numbers, booleans, null and lists plainly', () => {
    expect(toYaml({ m: 1, b: false, z: null, l: ['x', 2] })).toBe(
      'm: 1\nb: false\nz: null\nl:\n  - "x"\n  - 2\n',
    );
    expect(toYaml({ n: 1, y: 2 })).toBe('"n": 1\n"y": 2\n'); // YAML 1.1 booleans as keys
  });

  it.each([
    ['plain', 'nginx.ingress.kubernetes.io/x', 'nginx.ingress.kubernetes.io/x: 1\n'],
    ['plain with _ and -', '_a-b', '_a-b: 1\n'],
    ['a YAML 1.1 boolean', 'on', '"on": 1\n'],
    ['a number', '0123', '"0123": 1\n'],
    ['a float', '1e3', '"1e3": 1\n'],
    ['a sexagesimal', '1:30', '"1:30": 1\n'],
    ['with a blank', 'a b', '"a b": 1\n'],
    ['a merge key', '<<', '"<<": 1\n'],
    ['empty', '', '"": 1\n'],
  ])('a key that is %s', (_n, key, text) => {
    expect(toYaml({ [key]: 1 })).toBe(text);
    expect(parseValuesYaml(text)).toEqual({ [key]: 1 });
  });

  it('puts the header and comments before their keys', () => {
    const comments = new Map([
      ['a', ' A'],
      ['a\u0000b', ' B'],
      ['l\u00000\u0000c', ' in a list item'],
      ['x', ' no such key'],
    ]);
    expect(toYaml({ a: { b: 1 }, l: [{ c: 1 }] }, { header: ' head', comments })).toBe(
      '# head\n\n# A\na:\n  # B\n  b: 1\nl:\n  - # in a list item\n    c: 1\n',
    );
  });

  it('parses the way Helm does: YAML 1.1 scalars, duplicate keys and bad syntax refused', () => {
    expect(parseValuesYaml('a: no\nb: 0123\nc: ~\n')).toEqual({ a: false, b: 83, c: null });
    expect(() => parseValuesYaml('a: 1\na: 2\n')).toThrow();
    expect(() => parseValuesYaml('a: [\n')).toThrow();
  });
});

// Rows found by StrykerJS (bench/mutation.md).
describe('tree and base64 edges', () => {
  it('deletePath with an empty path deletes nothing, even a key named "undefined"', () => {
    const x: Record<string, unknown> = { undefined: 1, a: { b: 2 } };
    deletePath(x, []);
    expect(x).toEqual({ undefined: 1, a: { b: 2 } });
  });
  it('diffTree over defaults that are not a map keeps every key, even an index key of a string', () => {
    expect(diffTree({ 0: 'a', b: 1 }, 'abc')).toEqual({ 0: 'a', b: 1 });
  });
  it('valueToPem leaves non-canonical base64 of a PEM as given (it would not encode back the same)', () => {
    const canonical = toBase64('-----BEGIN A-----');
    expect(canonical).toBe('LS0tLS1CRUdJTiBBLS0tLS0=');
    expect(valueToPem(canonical)).toBe('-----BEGIN A-----');
    expect(fromBase64('LS0tLS1CRUdJTiBBLS0tLS1=')).toBe('-----BEGIN A-----');
    expect(valueToPem('LS0tLS1CRUdJTiBBLS0tLS1=')).toBe('LS0tLS1CRUdJTiBBLS0tLS1=');
  });
});
