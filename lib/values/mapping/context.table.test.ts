import { describe, expect, it } from 'vitest';
import { annotationsToMap, mapToAnnotations, ValuesReader, ValuesWriter } from './context';
import { defaultAnswers } from '../../answers/defaults';

// The reader every section mapping imports through (the chart's Go-template semantics) and the
// writer it renders through, value by value with the exact result, notes and consumed paths.

const reader = (merged: Record<string, unknown>, user: Record<string, unknown> = merged) =>
  new ValuesReader(merged, user);

describe('ValuesReader.bool: Go-template truth, with a note for anything not a boolean', () => {
  const note = (shown: string, truth: boolean) => [
    {
      path: 'a.b',
      message: `${shown} is not a boolean; the chart reads it as ${truth}, and so does the wizard.`,
    },
  ];
  const rows: [
    name: string,
    value: unknown,
    truth: boolean,
    notes: { path: string; message: string }[],
  ][] = [
    ['true', true, true, []],
    ['false', false, false, []],
    ['absent', undefined, false, []],
    ['null', null, false, note('null', false)],
    ['0', 0, false, note('0', false)],
    ['1', 1, true, note('1', true)],
    ['an empty string', '', false, note('""', false)],
    ['the string "false"', 'false', true, note('"false"', true)],
    ['an empty map', {}, false, note('{}', false)],
    ['a map with a key', { x: 1 }, true, note('{"x":1}', true)],
    ['an empty list', [], false, note('[]', false)],
    ['a list with an item', [0], true, note('[0]', true)],
  ];
  it.each(rows)('%s', (_name, value, truth, notes) => {
    const r = reader(value === undefined ? { a: {} } : { a: { b: value } });
    expect(r.bool('a.b')).toBe(truth);
    expect(r.notes).toEqual(notes);
    expect(r.consumed).toEqual([['a', 'b']]);
  });
});

describe('ValuesReader.str, num, map, list', () => {
  const TEXT_NOTE = 'Expected text here; the value was not imported.';
  it.each([
    ['text', 'x', 'x', []],
    ['a number', 8080, '8080', []],
    ['a boolean', false, 'false', []],
    ['null', null, '', []],
    ['absent', undefined, '', []],
    ['a map', { x: 1 }, '', [{ path: 'a.b', message: TEXT_NOTE }]],
    ['a list', ['x'], '', [{ path: 'a.b', message: TEXT_NOTE }]],
  ])('str of %s', (_name, value, text, notes) => {
    const r = reader({ a: { b: value } });
    expect(r.str('a.b')).toBe(text);
    expect(r.notes).toEqual(notes);
    expect(r.consumed).toEqual([['a', 'b']]);
  });

  it('str of a path given as a list names the path joined in its note', () => {
    const r = reader({ a: { 'b.c': { x: 1 } } });
    expect(r.str(['a', 'b.c'])).toBe('');
    expect(r.notes).toEqual([{ path: 'a.b.c', message: TEXT_NOTE }]);
    expect(r.consumed).toEqual([['a', 'b.c']]);
  });

  it.each([
    ['a number', 3, 3, []],
    ['zero', 0, 0, []],
    ['digits as text', '12', 12, []],
    [
      'text with a sign',
      '-1',
      7,
      [{ path: 'n', message: 'Expected a number, found "-1"; using 7.' }],
    ],
    [
      'text with a fraction',
      '1.5',
      7,
      [{ path: 'n', message: 'Expected a number, found "1.5"; using 7.' }],
    ],
    ['empty text', '', 7, [{ path: 'n', message: 'Expected a number, found ""; using 7.' }]],
    ['a boolean', true, 7, [{ path: 'n', message: 'Expected a number, found true; using 7.' }]],
    // A one-item list prints as its item ("3"): it is still not a number.
    [
      'a list of one number',
      [3],
      7,
      [{ path: 'n', message: 'Expected a number, found [3]; using 7.' }],
    ],
    [
      'a list of one digit text',
      ['12'],
      7,
      [{ path: 'n', message: 'Expected a number, found ["12"]; using 7.' }],
    ],
    ['null', null, 7, []],
    ['absent', undefined, 7, []],
    ['.inf', Infinity, 7, [{ path: 'n', message: 'Expected a number, found Infinity; using 7.' }]],
    ['.nan', NaN, 7, [{ path: 'n', message: 'Expected a number, found NaN; using 7.' }]],
  ])('num of %s', (_name, value, n, notes) => {
    const r = reader(value === undefined ? {} : { n: value });
    expect(r.num('n', 7)).toBe(n);
    expect(r.notes).toEqual(notes);
  });

  it.each([
    ['a map', { x: 1 }, { x: 1 }, []],
    ['a list', [1], {}, [1]],
    ['text', 'x', {}, []],
    ['absent', undefined, {}, []],
  ])('map and list of %s', (_name, value, map, list) => {
    const r = reader(value === undefined ? {} : { v: value });
    expect([r.map('v'), r.list('v')]).toEqual([map, list]);
    expect(r.consumed).toEqual([['v'], ['v']]);
  });
});

describe('ValuesReader: what the file itself sets, secrets and claims', () => {
  it('userHas asks the file, peek the merged values; neither consumes', () => {
    const r = reader({ a: { b: 1, c: 2 } }, { a: { b: 1 } });
    expect([
      r.userHas('a.b'),
      r.userHas('a.c'),
      r.userHas(['a', 'b']),
      r.peek('a.c'),
      r.peek(['a', 'b']),
    ]).toEqual([true, false, true, 2, 1]);
    expect(r.consumed).toEqual([]);
  });

  it.each([
    ['a map enabled', { enabled: true }, true],
    ['a map disabled', { enabled: false }, false],
    ['a map with enabled null', { enabled: null }, false],
    ['a map with enabled 0', { enabled: 0 }, false],
    ['a map with enabled ""', { enabled: '' }, false],
    ['a map without enabled', {}, false],
    ['a map with enabled "false" (Go truth)', { enabled: 'false' }, true],
    ['a bare true', true, true],
    ['a bare false', false, false],
    ['a bare 1', 1, true],
  ])('deploysSecrets with %s', (_name, ds, deploys) => {
    const r = reader({ general: { deploy_secrets: ds }, s: 'pw' });
    expect(r.deploysSecrets()).toBe(deploys);
    expect(r.secret('s')).toBe(deploys ? 'pw' : '');
    expect(r.consumed).toEqual(deploys ? [['s']] : []);
  });

  it('claim marks paths consumed in order, dotted or as a list', () => {
    const r = reader({});
    r.claim('a.b');
    r.claim(['c', 'd.e']);
    expect(r.consumed).toEqual([
      ['a', 'b'],
      ['c', 'd.e'],
    ]);
  });
});

describe('ValuesWriter', () => {
  it('records the section of each key it sets; setKey keeps a dotted key whole; setSecret only with chart secrets', () => {
    const w = new ValuesWriter().forSection('One');
    w.set('a.b', 1);
    w.forSection('Two').setKey('ann', 'x.io/y', 'v');
    const chart = defaultAnswers();
    w.setSecret('s.p', 'pw', chart);
    const outside = {
      ...chart,
      secrets: { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' },
    } as typeof chart;
    w.setSecret('s.q', 'pw', outside);
    expect(w.tree).toEqual({ a: { b: 1 }, ann: { 'x.io/y': 'v' }, s: { p: 'pw' } });
    expect([...w.owners]).toEqual([
      ['a\u0000b', 'One'],
      ['ann\u0000x.io/y', 'Two'],
      ['s\u0000p', 'Two'],
    ]);
  });
});

describe('annotations', () => {
  it('a list becomes a map, later keys winning', () => {
    expect(
      annotationsToMap([
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'a', value: '3' },
      ]),
    ).toEqual({ a: '3', b: '2' });
  });
  it('a map becomes a list: null values dropped, non-text values as JSON', () => {
    expect(mapToAnnotations({ a: 'x', b: null, c: 5, d: true, e: { f: 1 }, g: '' })).toEqual([
      { key: 'a', value: 'x' },
      { key: 'c', value: '5' },
      { key: 'd', value: 'true' },
      { key: 'e', value: '{"f":1}' },
      { key: 'g', value: '' },
    ]);
  });
  it('a key set to undefined is dropped like null', () => {
    expect(mapToAnnotations({ a: undefined, b: 'y' })).toStrictEqual([{ key: 'b', value: 'y' }]);
  });
});
