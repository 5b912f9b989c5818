import { describe, expect, it } from 'vitest';
import { sectionComments } from './render';
import type { Tree } from './tree';

// Where renderYaml puts the section titles (`# Database`) and the pass-through mark, on small
// trees: owners and kept keys given by dotted path, the whole comment map compared in order.

const KEPT = ' Kept as is from the imported file';
const id = (dotted: string) => dotted.split('.').join('\u0000');
const comments = (values: Tree, owners: Record<string, string>, passthrough: Tree = {}) =>
  [
    ...sectionComments(
      values,
      new Map(Object.entries(owners).map(([p, s]) => [id(p), s])),
      passthrough,
    ),
  ].map(([k, v]) => [k.split('\u0000').join('.'), v]);

type Row = [
  name: string,
  values: Tree,
  owners: Record<string, string>,
  passthrough: Tree,
  expected: [path: string, comment: string][],
];

const rows: Row[] = [
  [
    'a run of one section gets one title, the next section its own',
    { a: 1, b: 2, c: 3 },
    { a: 'A', b: 'A', c: 'B' },
    {},
    [
      ['a', ' A'],
      ['c', ' B'],
    ],
  ],
  ['a key nobody owns after a run gets no title', { a: 1, x: 2 }, { a: 'A' }, {}, [['a', ' A']]],
  ['a key nobody owns before a run gets no title', { x: 1, a: 2 }, { a: 'A' }, {}, [['a', ' A']]],
  [
    'a chart default inside a run does not restart it',
    { a: 1, x: 2, b: 3 },
    { a: 'A', b: 'A' },
    {},
    [['a', ' A']],
  ],
  [
    'the title goes on the highest key where the run starts',
    { g: { s: { x: 1 } } },
    { 'g.s.x': 'D' },
    {},
    [['g', ' D']],
  ],
  [
    'a section inside another gets its title inside, and the outer one comes back',
    { g: { a: 1, s: { x: 1, y: 2 }, b: 2 }, h: { c: 1 } },
    { 'g.a': 'A', 'g.s.x': 'D', 'g.s.y': 'D', 'g.b': 'A', 'h.c': 'A' },
    {},
    [
      ['g', ' A'],
      ['g.s', ' D'],
      ['g.b', ' A'],
    ],
  ],
  [
    'the run goes on across maps',
    { g: { a: 1 }, h: { b: { c: 1 } } },
    { 'g.a': 'A', 'h.b.c': 'A' },
    {},
    [['g', ' A']],
  ],
  [
    'a map a section owns whole is not entered',
    { g: { s: { p: 1, q: 2 } }, h: 1 },
    { 'g.s': 'S', 'g.s.q': 'Q', h: 'S' },
    {},
    [['g', ' S']],
  ],
  [
    'after a map owned whole the run goes on with its section',
    { m: { p: 1 }, n: 1, o: 2 },
    { m: 'M', n: 'M', o: 'O' },
    {},
    [
      ['m', ' M'],
      ['o', ' O'],
    ],
  ],
  [
    'a kept key is marked at its top',
    { a: 1, k: { z: 1 } },
    { a: 'A' },
    { k: { z: 1 } },
    [
      ['a', ' A'],
      ['k', KEPT],
    ],
  ],
  [
    'after a kept key the section before it gets its title again',
    { a: 1, k: 1, b: 2 },
    { a: 'A', b: 'A' },
    { k: 1 },
    [
      ['a', ' A'],
      ['k', KEPT],
      ['b', ' A'],
    ],
  ],
  [
    'two kept keys in a row share one mark',
    { k: 1, l: { m: 1 }, a: 2 },
    { a: 'A' },
    { k: 1, l: { m: 1 } },
    [
      ['k', KEPT],
      ['a', ' A'],
    ],
  ],
  [
    'a kept map with a chart default inside is marked once',
    { k: { d: 1, z: 2 }, a: 1 },
    { a: 'A' },
    { k: { z: 2 } },
    [
      ['k', KEPT],
      ['a', ' A'],
    ],
  ],
  [
    'a kept key under a map is marked there',
    { g: { a: 1, k: 2 } },
    { 'g.a': 'A' },
    { g: { k: 2 } },
    [
      ['g', ' A'],
      ['g.k', KEPT],
    ],
  ],
  [
    'a key both kept and written by a section belongs to the section',
    { a: 1 },
    { a: 'A' },
    { a: 1 },
    [['a', ' A']],
  ],
  [
    'a kept key beside an owned one whose name it begins',
    { k: 1, kx: { y: 1 } },
    { 'kx.y': 'A' },
    { k: 1 },
    [
      ['k', KEPT],
      ['kx', ' A'],
    ],
  ],
  [
    'a kept map holding an owned key is not kept whole',
    { g: { k: 1, a: 2 }, h: 1 },
    { 'g.a': 'A', h: 'B' },
    { g: { k: 1 } },
    [
      ['g', KEPT],
      ['g.a', ' A'],
      ['h', ' B'],
    ],
  ],
];

describe('section comments', () => {
  it.each(rows)('%s', (_name, values, owners, passthrough, expected) => {
    expect(comments(values, owners, passthrough)).toEqual(expected);
  });
});
