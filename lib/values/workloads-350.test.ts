// Chart 3.50's crons, heap dumps and node selection in the values file (docs/chart-3.50.md §4,
// §8.1, §8.9): rendered only for 3.50, read back by import into the same answer (or kept as
// written, with a note, when the answer cannot say it), and judged by `cli check`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { branchDefault } from '../answers/branches';
import type { Answers } from '../answers/schema';
import { checkValues } from './check';
import chartDefaults350 from './chart-defaults-350.json';
import { importValues } from './import';
import { renderValues } from './render';
import { deepEqual, deepMerge, getPath, hasPath, type Tree } from './tree';
import { readValuesFile } from './values-file';

type W = NonNullable<Answers['workloads']>;
const W0: W = { crons: true, heapDumps: { mode: 'off' }, nodeSelector: [], tolerations: [] };
const D350 = chartDefaults350 as Tree;
const MINIMAL = readValuesFile(
  readFileSync(
    path.resolve(__dirname, '../../test/chart/fixtures/chart-3.50/minimal.yaml'),
    'utf8',
  ),
).values as Tree;

function plan(chart: '3.9.4' | '3.50.0', w: Partial<W>, mq = true): Answers {
  const a = validAnswers();
  a.chart = chart;
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = 'K'.repeat(43) + '=';
  if (mq)
    a.messageQueue = {
      ...(branchDefault('messageQueue', 'local') as Answers['messageQueue']),
      user: 'mq',
      password: 'mq-password',
    } as Answers['messageQueue'];
  a.workloads = { ...W0, ...w };
  return a;
}
const values = (a: Answers) => {
  const r = renderValues(a, { splitSecrets: true });
  return deepMerge(r.values, r.secrets ?? {}) as Tree;
};
const SELECTION = {
  nodeSelector: ['pool=lightrun'],
  tolerations: ['dedicated=lightrun:NoSchedule'],
};

describe('render for chart 3.50', () => {
  it('the defaults write nothing: crons on, /dumps on an emptyDir, no selector', () => {
    const v = values(plan('3.50.0', {}));
    for (const p of [
      'general.crons',
      'general.nodeSelector',
      'general.tolerations',
      'deployments.backend.dumpsPersistence',
      'deployments.mysql.nodeSelector',
    ])
      expect(hasPath(v, p.split('.')), p).toBe(false);
  });

  it('crons off is general.crons.enabled: false, a real boolean (G2)', () => {
    expect(getPath(values(plan('3.50.0', { crons: false })), ['general', 'crons'])).toEqual({
      enabled: false,
    });
  });

  it('one claim for backend and crons; the backend alone when crons is off', () => {
    const dumps = { heapDumps: { mode: 'claim', claim: 'lr-dumps' } } as const;
    const on = { enabled: true, existingClaim: 'lr-dumps' };
    const both = values(plan('3.50.0', dumps));
    expect(getPath(both, ['deployments', 'backend', 'dumpsPersistence'])).toEqual(on);
    expect(getPath(both, ['deployments', 'crons', 'dumpsPersistence'])).toEqual(on);
    const alone = values(plan('3.50.0', { ...dumps, crons: false }));
    expect(getPath(alone, ['deployments', 'backend', 'dumpsPersistence'])).toEqual(on);
    expect(hasPath(alone, ['deployments', 'crons', 'dumpsPersistence'])).toBe(false);
    expect(checkValues([both], { chart: '3.50.0' })).toEqual([]);
  });

  it('the selector in general and repeated for the in-chart MySQL and RabbitMQ (§8.9)', () => {
    const v = values(plan('3.50.0', SELECTION));
    const sel = { pool: 'lightrun' };
    expect(getPath(v, ['general', 'nodeSelector'])).toEqual(sel);
    expect(getPath(v, ['deployments', 'mysql', 'nodeSelector'])).toEqual(sel);
    expect(getPath(v, ['deployments', 'rabbitmq', 'nodeSelector'])).toEqual(sel);
    expect(getPath(v, ['general', 'tolerations'])).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'lightrun', effect: 'NoSchedule' },
    ]);
    expect(checkValues([v], { chart: '3.50.0' })).toEqual([]);
  });

  it('not repeated for a MySQL or RabbitMQ the chart does not run', () => {
    const a = plan('3.50.0', SELECTION, false);
    a.database = { ...(branchDefault('database', 'external') as Answers['database']) };
    Object.assign(a.database, { endpoint: 'db.acme.example.com', user: 'lr', password: 'pw' });
    const v = values(a);
    expect(getPath(v, ['general', 'nodeSelector'])).toEqual({ pool: 'lightrun' });
    expect(hasPath(v, ['deployments', 'mysql', 'nodeSelector'])).toBe(false);
    expect(hasPath(v, ['deployments', 'rabbitmq', 'nodeSelector'])).toBe(false);
  });

  it('chart 3.9.4 output never carries them (its plan refuses them; the render ignores them)', () => {
    const a = plan('3.9.4', {
      ...SELECTION,
      crons: false,
      heapDumps: { mode: 'claim', claim: 'd' },
    });
    const b = plan('3.9.4', {});
    delete b.workloads;
    expect(renderValues(a)).toEqual(renderValues(b));
  });
});

describe('import of a chart 3.50 file', () => {
  const file = (keys: Tree) => deepMerge(MINIMAL, keys) as Tree;
  const imported = (f: Tree) => importValues(f);
  const sameEffect = (f: Tree, r: ReturnType<typeof importValues>) =>
    deepEqual(deepMerge(D350, f), deepMerge(D350, renderValues(r.answers).values));
  const changed = (r: ReturnType<typeof importValues>) =>
    r.notes
      .filter((n) => n.message.startsWith("The plan's file gives this key"))
      .map((n) => n.path);

  it.each([
    ['crons off', { general: { crons: { enabled: false } } }, { crons: false }],
    [
      'one claim for both',
      {
        deployments: {
          backend: { dumpsPersistence: { enabled: true, existingClaim: 'dumps' } },
          crons: { dumpsPersistence: { enabled: true, existingClaim: 'dumps' } },
        },
      },
      { heapDumps: { mode: 'claim', claim: 'dumps' } },
    ],
    [
      'the backend’s claim with crons off',
      {
        general: { crons: { enabled: false } },
        deployments: { backend: { dumpsPersistence: { enabled: true, existingClaim: 'dumps' } } },
      },
      { crons: false, heapDumps: { mode: 'claim', claim: 'dumps' } },
    ],
    [
      'a selector followed by MySQL and RabbitMQ, and tolerations',
      {
        general: {
          nodeSelector: { pool: 'lr' },
          tolerations: [{ key: 'd', operator: 'Exists', effect: 'NoSchedule' }],
        },
        deployments: {
          mysql: { nodeSelector: { pool: 'lr' } },
          rabbitmq: { nodeSelector: { pool: 'lr' } },
        },
      },
      { nodeSelector: ['pool=lr'], tolerations: ['d:NoSchedule'] },
    ],
  ])('%s: becomes the answer and renders back the same, nothing kept twice', (_w, keys, w) => {
    const f = file(keys as Tree);
    const r = imported(f);
    expect(r.answers.workloads).toEqual({ ...W0, ...w });
    expect(changed(r)).toEqual([]);
    expect(sameEffect(f, r)).toBe(true);
    expect(JSON.stringify(r.answers.passthrough)).not.toMatch(
      /"crons":{"enabled|dumpsPersistence|nodeSelector|tolerations/,
    );
  });

  it('MySQL’s and RabbitMQ’s own selectors that differ are kept, and a note says so', () => {
    const f = file({
      general: { nodeSelector: { pool: 'lr' } },
      deployments: { mysql: { nodeSelector: { disk: 'ssd' } } },
    });
    const r = imported(f);
    expect(r.answers.workloads?.nodeSelector).toEqual(['pool=lr']);
    expect(getPath(r.answers.passthrough, ['deployments', 'mysql', 'nodeSelector'])).toEqual({
      disk: 'ssd',
    });
    const notes = r.notes.map((n) => `${n.path}: ${n.message}`).join('\n');
    expect(notes).toMatch(
      /deployments\.mysql\.nodeSelector: MySQL reads only its own .*another one/,
    );
    expect(notes).toMatch(/deployments\.rabbitmq\.nodeSelector: RabbitMQ .*gives it none/);
    expect(changed(r)).toEqual([]);
    expect(sameEffect(f, r)).toBe(true);
  });

  it('what the answer cannot say stays in the file as written, with a note', () => {
    const f = file({
      general: { tolerations: [{ key: 'd', operator: 'Exists', tolerationSeconds: 60 }] },
      deployments: {
        backend: { dumpsPersistence: { enabled: true, existingClaim: 'a' } },
        crons: { dumpsPersistence: { enabled: true, existingClaim: 'b' } },
      },
    });
    const r = imported(f);
    expect(r.answers.workloads).toBeUndefined();
    expect(r.notes.map((n) => n.path)).toEqual(
      expect.arrayContaining(['general.tolerations', 'deployments.backend.dumpsPersistence']),
    );
    expect(changed(r)).toEqual([]);
    expect(sameEffect(f, r)).toBe(true);
  });

  it('dumps on with an empty claim (T5) import as the answer, which validation refuses', () => {
    const f = file({
      deployments: {
        backend: { dumpsPersistence: { enabled: true, existingClaim: '' } },
        crons: { dumpsPersistence: { enabled: true, existingClaim: '' } },
      },
    });
    expect(imported(f).answers.workloads?.heapDumps).toEqual({ mode: 'claim', claim: '' });
  });

  it('the vendor’s defaults written out answer nothing', () => {
    const f = file({
      general: { crons: { enabled: true }, nodeSelector: {}, tolerations: [] },
      deployments: { backend: { dumpsPersistence: { enabled: false, existingClaim: '' } } },
    });
    const r = imported(f);
    expect(r.answers.workloads).toBeUndefined();
    expect(changed(r)).toEqual([]);
  });
});

describe('cli check of a 3.50 file', () => {
  const check = (keys: Tree) =>
    checkValues([deepMerge(MINIMAL, keys)], { chart: '3.50.0' }).map(
      (f) => `${f.path}: ${f.message}`,
    );
  it('dumps: an empty claim (T5) and a name the API refuses; a good name passes', () => {
    const d = (existingClaim: string) => ({
      deployments: { backend: { dumpsPersistence: { enabled: true, existingClaim } } },
    });
    expect(check(d(''))).toEqual([expect.stringMatching(/existingClaim: .*T5/)]);
    expect(check(d('Dumps_1'))).toEqual([
      expect.stringMatching(/backend\.dumpsPersistence\.existingClaim: "Dumps_1" is no claim name/),
    ]);
    expect(check(d('dumps-1'))).toEqual([]);
  });
});
