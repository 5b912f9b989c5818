// The node-selection parsers at their edges (docs/chart-3.50.md §8.9): a label prefix of 253 and
// 254 characters, a key that starts with "/" or "=", a bad value in a taint, what the lenient
// readers of a values file give back for shapes a taint line cannot say.
import { describe, expect, it } from 'vitest';
import {
  labelKeyProblem,
  parseSelectorLine,
  parseTolerationLine,
  selectorLines,
  selectorMap,
  tolerationLines,
  tolerationList,
} from './node-selection';

describe('labelKeyProblem', () => {
  it.each([
    ['a'.repeat(253) + '/pool', null],
    ['a'.repeat(254) + '/pool', 'no label prefix'],
    ['/pool', 'no label prefix'],
    ['example.com/pool', null],
    ['pool', null],
  ])('%s', (key, problem) => {
    const r = labelKeyProblem(key);
    if (problem === null) expect(r).toBeNull();
    else expect(r).toContain(problem);
  });
});

describe('parseSelectorLine', () => {
  it('a line that starts with "=" names the empty key, not the missing "="', () => {
    expect(parseSelectorLine('=x')).toContain('"" is no label key');
    expect(parseSelectorLine('x')).toContain('write a node label as key=value');
  });
});

describe('parseTolerationLine', () => {
  it('a taint with a bad value is refused on the value', () => {
    expect(parseTolerationLine('dedicated=b@d:NoSchedule')).toContain('"b@d" is no label value');
  });
  it('no effect given: the toleration has no effect key at all (it tolerates all three)', () => {
    const t = parseTolerationLine('dedicated=lr');
    expect(t).toStrictEqual({ key: 'dedicated', operator: 'Equal', value: 'lr' });
    expect(Object.keys(t as object)).not.toContain('effect');
  });
});

describe('selectorMap and tolerationList skip what is not a label or a taint', () => {
  it('selectorMap', () => {
    expect(selectorMap(['bad', 'pool=lr'])).toEqual({ pool: 'lr' });
  });
  it('tolerationList', () => {
    expect(tolerationList(['b@d key', 'k:NoSchedule'])).toEqual([
      { key: 'k', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });
});

describe('selectorLines', () => {
  it.each([
    [null, null],
    [['pool=lr'], null],
    [{ pool: 'lr', zone: 1 }, null],
    [{ pool: 'lr', 'b@d': 'x' }, null],
    [{ pool: 'lr', zone: 'a' }, ['pool=lr', 'zone=a']],
  ])('%j → %j', (map, lines) => {
    expect(selectorLines(map)).toEqual(lines);
  });
});

describe('tolerationLines', () => {
  it.each([
    [[null], null],
    [['k'], null],
    [[{ key: 'k', value: 5 }], null],
    [[{ key: 'k', value: 'b@d' }], null],
    [[{ key: 'k', operator: 'Exists', value: 'v' }], null],
    [[{ key: 'k', operator: 'Exists', value: '' }], ['k']],
    [[{ key: 'k', operator: 'Exists', value: '', effect: '' }], ['k']],
    [[{ key: 'k', value: 'v', effect: 'NoSchedule' }], ['k=v:NoSchedule']],
  ])('%j → %j', (list, lines) => {
    expect(tolerationLines(list)).toEqual(lines);
  });
});
