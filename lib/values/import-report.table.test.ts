import { describe, expect, it } from 'vitest';
import { classifyKept, valuesChanges, yaml11Conversions, type UnknownKey } from './import-report';
import { parseValuesDocument } from './to-yaml';
import type { Tree } from './tree';

// What an import reports about the keys it did not model, on small trees with exact results.

const DEFAULTS: Tree = {
  general: {
    name: 'client-name',
    db_local: true,
    replicas: 1,
    tolerations: [],
    ipBlock: {},
    podLabels: {},
    nested: { deep: { x: 1 } },
    port: 1,
    host: 'h',
  },
  deployments: { backend: { replicas: 1, podLabels: {}, annotations: {} } },
};

describe('classifyKept', () => {
  const rows: [name: string, passthrough: Tree, kept: string[][], unknown: UnknownKey[]][] = [
    [
      'a default restated is neither kept nor unknown',
      { general: { name: 'client-name', tolerations: [] } },
      [],
      [],
    ],
    [
      'a changed leaf is kept at its path',
      { general: { tolerations: [{ key: 'a' }] } },
      [['general', 'tolerations']],
      [],
    ],
    [
      'a changed leaf deep down',
      { general: { nested: { deep: { x: 2 } } } },
      [['general', 'nested', 'deep', 'x']],
      [],
    ],
    [
      'a map where the chart has a text is kept whole',
      { general: { name: { first: 'a' } } },
      [['general', 'name']],
      [],
    ],
    [
      'under an open map (podLabels) any key is real',
      { deployments: { backend: { podLabels: { team: 'x', 'app.io/tier': 'y' } } } },
      [
        ['deployments', 'backend', 'podLabels', 'team'],
        ['deployments', 'backend', 'podLabels', 'app.io/tier'],
      ],
      [],
    ],
    [
      'an open map is kept at its keys, not entered',
      { deployments: { backend: { annotations: { 'a.io/x': { y: 1 } } } } },
      [['deployments', 'backend', 'annotations', 'a.io/x']],
      [],
    ],
    [
      'under a map the chart leaves empty any key is real',
      { general: { ipBlock: { cidr: '10.0.0.0/8' } } },
      [['general', 'ipBlock', 'cidr']],
      [],
    ],
    [
      'a key the chart does not have, one edit from a real one',
      { general: { db_locl: false } },
      [],
      [{ path: ['general', 'db_locl'], suggestion: 'db_local' }],
    ],
    [
      'a missing character, an extra one',
      { general: { replics: 2, namee: 'x' } },
      [],
      [
        { path: ['general', 'replics'], suggestion: 'replicas' },
        { path: ['general', 'namee'], suggestion: 'name' },
      ],
    ],
    [
      'two characters replaced is still suggested',
      { general: { nxxe: 'x' } },
      [],
      [{ path: ['general', 'nxxe'], suggestion: 'name' }],
    ],
    [
      'three characters replaced is not',
      { general: { nxxx: 'x' } },
      [],
      [{ path: ['general', 'nxxx'] }],
    ],
    [
      'of two keys as near, the first the chart lists',
      { general: { post: 1 } },
      [],
      [{ path: ['general', 'post'], suggestion: 'port' }],
    ],
    [
      'case does not count as an edit',
      { general: { DB_LOCAL: false } },
      [],
      [{ path: ['general', 'DB_LOCAL'], suggestion: 'db_local' }],
    ],
    [
      'a swapped pair is two edits',
      { general: { naem: 'x' } },
      [],
      [{ path: ['general', 'naem'], suggestion: 'name' }],
    ],
    [
      'the nearest of several',
      { deployments: { backend: { replicaz: 2 } } },
      [],
      [{ path: ['deployments', 'backend', 'replicaz'], suggestion: 'replicas' }],
    ],
    [
      'an unknown top-level key',
      { extraObjects: [{ kind: 'x' }] },
      [],
      [{ path: ['extraObjects'] }],
    ],
    [
      'an unknown map is reported once, not entered',
      { general: { zzzz: { a: 1, b: 2 } } },
      [],
      [{ path: ['general', 'zzzz'] }],
    ],
    [
      'an empty map under a map the chart leaves empty is kept at its path',
      { general: { ipBlock: { sub: {} } } },
      [['general', 'ipBlock', 'sub']],
      [],
    ],
    [
      'a map the chart does not describe is walked to its leaves',
      { general: { ipBlock: { a: { b: 1, c: { d: 2 } } } } },
      [
        ['general', 'ipBlock', 'a', 'b'],
        ['general', 'ipBlock', 'a', 'c', 'd'],
      ],
      [],
    ],
    [
      'kept and unknown side by side',
      { general: { tolerations: [1], db_loacl: true } },
      [['general', 'tolerations']],
      [{ path: ['general', 'db_loacl'], suggestion: 'db_local' }],
    ],
  ];
  it.each(rows)('%s', (_name, passthrough, kept, unknown) => {
    expect(classifyKept(passthrough, DEFAULTS)).toEqual({ kept, unknown });
  });
});

describe('yaml11Conversions: a note for each plain scalar Helm reads differently', () => {
  const note = (path: string, source: string, read: string, not: string) => ({
    path,
    message: `Helm reads ${source} as ${read}, not ${not}; the wizard reads it as Helm does. Quote it ("${source}") if you meant the text.`,
  });
  const rows: [name: string, text: string, notes: { path: string; message: string }[]][] = [
    ['yes is true', 'a: yes\n', [note('a', 'yes', 'the boolean true', 'the text "yes"')]],
    ['NO is false', 'a: NO\n', [note('a', 'NO', 'the boolean false', 'the text "NO"')]],
    ['an octal is a number', 'a: 0123\n', [note('a', '0123', 'the number 83', '123')]],
    ['a sexagesimal is text to Helm (go-yaml has no base 60)', 'a: 1:30\n', []],
    ['a date is text to Helm', 'a: 2001-12-14\n', []],
    ['0o17 is 15 to Helm and to YAML 1.2', 'a: 0o17\n', []],
    ['1e400 is text to Helm (a YAML 1.2 reader makes it infinite)', 'a: 1e400\n', []],
    [
      'underscores are dropped',
      'a: 1__0\n',
      [note('a', '1__0', 'the number 10', 'the text "1__0"')],
    ],
    [
      'Go reads an upper-case base prefix',
      'a: 0X1F\n',
      [note('a', '0X1F', 'the number 31', 'the text "0X1F"')],
    ],
    [
      'a fraction with an underscore',
      'a: .5_0\n',
      [note('a', '.5_0', 'the number 0.5', 'the text ".5_0"')],
    ],
    [
      'a key is read as Helm reads it in the path',
      'on:\n  x: yes\n',
      [note('true.x', 'yes', 'the boolean true', 'the text "yes"')],
    ],
    [
      'in a list and a nested map',
      'a:\n  b: [x, on]\n',
      [note('a.b.1', 'on', 'the boolean true', 'the text "on"')],
    ],
    [
      'two in one file, in file order',
      'a: y\nb: off\n',
      [
        note('a', 'y', 'the boolean true', 'the text "y"'),
        note('b', 'off', 'the boolean false', 'the text "off"'),
      ],
    ],
    ['a plain 123 reads the same', 'a: 123\n', []],
    ['true reads the same', 'a: true\n', []],
    ['~ and null read the same', 'a: ~\nb: null\n', []],
    ['quoted text is text', 'a: "yes"\nb: \'0123\'\n', []],
    [
      'a tagged quoted value is what the tag asked for, no note',
      'a: !!bool "yes"\nb: !!int "0123"\n',
      [],
    ],
    ['plain text is text', 'a: nginx\n', []],
    ['an empty document', '', []],
  ];
  it.each(rows)('%s', (_name, text, notes) => {
    expect(yaml11Conversions(parseValuesDocument(text))).toEqual(notes);
  });
});

describe('valuesChanges: each value Helm would see differently, once', () => {
  const defaults: Tree = { a: 1, b: { c: 2, d: 3 }, l: [1] };
  const rows: [
    name: string,
    original: Tree,
    rendered: Tree,
    changes: { path: string[]; before: unknown; after: unknown }[],
  ][] = [
    ['nothing changed', { b: { c: 2 } }, {}, []],
    [
      'a value changed, and one set back to the default',
      { a: 5, b: { c: 3 } },
      { a: 6 },
      [
        { path: ['a'], before: 5, after: 6 },
        { path: ['b', 'c'], before: 3, after: 2 },
      ],
    ],
    ['a key added', {}, { e: 'x' }, [{ path: ['e'], before: undefined, after: 'x' }]],
    ['a key dropped', { e: 'x' }, {}, [{ path: ['e'], before: 'x', after: undefined }]],
    [
      'a quoted "false" made a real false',
      { b: { d: 'false' } },
      { b: { d: false } },
      [{ path: ['b', 'd'], before: 'false', after: false }],
    ],
    ['a list replaced', { l: [1, 2] }, { l: [1] }, [{ path: ['l'], before: [1, 2], after: [1] }]],
    [
      'paths whose keys would join to the same text stay apart',
      {},
      { xy: 1, x: { y: 2 } },
      [
        { path: ['xy'], before: undefined, after: 1 },
        { path: ['x', 'y'], before: undefined, after: 2 },
      ],
    ],
  ];
  it.each(rows)('%s', (_name, original, rendered, changes) => {
    expect(valuesChanges(original, rendered, defaults)).toEqual(changes);
  });
});
