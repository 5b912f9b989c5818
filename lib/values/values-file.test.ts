import { describe, expect, it } from 'vitest';
import { importValues, importYaml, ImportError } from './import';
import { readValuesFile, valuesFileProblem, ValuesFileError } from './values-file';
import { yamlErrorWhere } from './yaml-error';

const NONE_KNOWN =
  'The file is not a values file: none of its top-level keys is one chart 3.9.4 has (general:, secrets:, deployments:, …). Nothing of it is shown.';
const NOT_A_MAP =
  'The file is not a values file: its top level must be a map of keys (general:, secrets:, …).';

describe('valuesFileProblem: what may be a values file of chart 3.9.4', () => {
  it.each<[string, unknown, string | null]>([
    ['an empty file', null, null],
    ['nothing at all', undefined, null],
    ['an empty map', {}, null],
    ['one key the chart has', { general: {} }, null],
    ['a known key beside unknown ones', { 'root:x': null, zzz: 1, secrets: {} }, null],
    ['a top-level key of the chart that is no section', { ingress_metrics: {} }, null],
    ['only keys the chart lacks', { 'root:x': null, 'daemon:*': null }, NONE_KNOWN],
    ['a near miss only', { generall: {} }, NONE_KNOWN],
    ['an inherited name is no key', { constructor: 1, toString: 2 }, NONE_KNOWN],
    ['a list', [1], NOT_A_MAP],
    ['a text', 'root:x:19000', NOT_A_MAP],
  ])('%s', (_, top, want) => {
    expect(valuesFileProblem(top)).toBe(want);
  });
});

describe('readValuesFile and importYaml quote nothing of a file that is not a values file', () => {
  const CANARY = '$y$j9T$Canary5alt$Canary0Hash';
  const shadow = `root:${CANARY}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`;

  it('a shadow-like file is refused with one fixed sentence', () => {
    expect(() => readValuesFile(shadow)).toThrow(new ValuesFileError(NONE_KNOWN));
    expect(() => importYaml(shadow)).toThrow(new ImportError(NONE_KNOWN));
  });

  it('importValues refuses the same tree (the import dialog merges several files)', () => {
    expect(() => importValues({ [`root:${CANARY}`]: null })).toThrow(NONE_KNOWN);
    expect(importValues({ general: { name: 'acme' } }).answers.general.name).toBe('acme');
  });

  it("is refused before Helm's reading, whose refusal names a key path", () => {
    expect(() => readValuesFile('Canary0Key:\n  x: .inf\n')).toThrow(NONE_KNOWN);
    expect(() => readValuesFile('general:\n  x: .inf\n')).toThrow(
      /^Helm cannot read this file: the value at general\.x is \.inf/,
    );
  });

  it('an empty or null document reads as no values', () => {
    expect(readValuesFile('').values).toBe(null);
    expect(readValuesFile('~\n').values).toBe(null);
  });

  it.each([
    [
      'general:\n  name: "\\UCanary0Esc"\n',
      'The file is not valid YAML at line 2, column 10 (BAD_DQ_ESCAPE).',
    ],
    [
      'general: !!binary |Canary0\n  x\n',
      /^The file is not valid YAML at line 1, column \d+ \(UNEXPECTED_TOKEN\)\.$/,
    ],
    [
      'general:\n  name: *Canary0Alias\n',
      'The file is not valid YAML: an alias (*name) in it has no anchor before it, or it has more than 100 aliases.',
    ],
  ])('a YAML error is named by where, never quoted: %j', (text, want) => {
    let message = '';
    try {
      readValuesFile(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/Canary0/);
    if (typeof want === 'string') expect(message).toBe(want);
    else expect(message).toMatch(want);
  });
});

describe('yamlErrorWhere', () => {
  it.each<[unknown, string]>([
    [{ linePos: [{ line: 3, col: 7 }], code: 'BAD_INDENT' }, ' at line 3, column 7 (BAD_INDENT)'],
    [{ linePos: [{ line: 1, col: 1 }] }, ' at line 1, column 1'],
    [{ code: 'TAB_AS_INDENT' }, ' (TAB_AS_INDENT)'],
    [{ code: 'not a code: Canary0' }, ''],
    [new Error('Canary0'), ''],
    [null, ''],
  ])('%j → %j', (e, want) => {
    expect(yamlErrorWhere(e)).toBe(want);
  });
});
