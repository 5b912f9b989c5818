import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { completeAnswers } from './branches';
import { validateAnswers, type Answers } from './schema';
import { SECRET_ANSWER_PATHS } from './secret-fields';
import { hasAnswersShape } from './shape';
import { stepOfPath } from './steps';
import { warningsFor } from './warnings';
import { parseTolerationLine, selectorLines, tolerationLines } from './node-selection';

// Chart 3.50's crons, heap-dump persistence and node selection (docs/chart-3.50.md §4, §8.1,
// §8.9, T5): each refused at entry on the field to change, both sides of each rule.
type W = NonNullable<Answers['workloads']>;
const W0: W = { crons: true, heapDumps: { mode: 'off' }, nodeSelector: [], tolerations: [] };

function plan350(w: Partial<W> = {}, patch: Partial<Answers> = {}): Answers {
  const a = validAnswers();
  a.chart = '3.50.0';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
  return { ...a, ...patch, workloads: { ...W0, ...w } };
}
const issues = (a: unknown) => {
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const claim = (c: string) => issues(plan350({ heapDumps: { mode: 'claim', claim: c } }));

describe('workloads: shape and defaults', () => {
  it('optional: absent, or the defaults, is valid; its shape is checked without the schema', () => {
    expect(issues({ ...plan350(), workloads: undefined })).toEqual([]);
    expect(issues(plan350())).toEqual([]);
    expect(hasAnswersShape(plan350({ heapDumps: { mode: 'claim', claim: 'dumps' } }))).toBe(true);
    expect(hasAnswersShape(plan350({ heapDumps: { mode: 'disk' } as never }))).toBe(false);
    expect(hasAnswersShape(plan350({ nodeSelector: [{ pool: 'x' }] as never }))).toBe(false);
  });

  it('a partial file is completed: crons on, dumps off, no selector', () => {
    expect((completeAnswers({ workloads: { crons: false } }) as Answers).workloads).toEqual({
      ...W0,
      crons: false,
    });
    expect(
      (completeAnswers({ workloads: { heapDumps: { mode: 'claim' } } }) as Answers).workloads
        ?.heapDumps,
    ).toEqual({ mode: 'claim', claim: '' });
    expect((completeAnswers({}) as Answers).workloads).toBeUndefined();
  });

  it('nothing secret; on the Sizing step', () => {
    expect(SECRET_ANSWER_PATHS.filter((p) => p.startsWith('workloads'))).toEqual([]);
    expect(stepOfPath(['workloads', 'heapDumps', 'claim'])).toBe('sizing');
  });
});

describe('heap dumps on a claim (T5)', () => {
  it('needs the claim: an empty name is refused, naming the field and T5', () => {
    expect(claim('')).toEqual([
      expect.stringMatching(/^workloads\.heapDumps\.claim: Required: name the existing .*T5/),
    ]);
    expect(claim('lightrun-dumps')).toEqual([]);
  });

  it('a DNS-1123 name: 253 characters pass, 254 do not; no capitals, no YAML word', () => {
    const long = (n: number) => `${'a'.repeat(61)}.`.repeat(5).slice(0, n - 1) + 'b';
    expect(claim(long(253))).toEqual([]);
    expect(claim(long(254))).toEqual([
      expect.stringMatching(
        /^workloads\.heapDumps\.claim: The claim name has at most 253 characters/,
      ),
    ]);
    expect(claim('Dumps')).toEqual([
      expect.stringMatching(/^workloads\.heapDumps\.claim: .*lowercase letters/),
    ]);
    expect(claim('dumps-')).toHaveLength(1);
    expect(claim('null')).toEqual([expect.stringMatching(/reads as a number, a boolean or null/)]);
    expect(claim('d.umps-1')).toEqual([]);
  });

  it('RWX: a warning, never a refusal, when crons shares the claim or the backend has > 1 pod', () => {
    const warn = (a: Answers) =>
      warningsFor(a)
        .filter((w) => w.path.join('.') === 'workloads.heapDumps.claim')
        .map((w) => w.message);
    const on = { heapDumps: { mode: 'claim', claim: 'dumps' } } as const;
    expect(warn(plan350({ ...on, crons: false }))).toEqual([]);
    expect(warn(plan350({ ...on }))).toEqual([
      expect.stringMatching(/mounted by the backend and crons at once: it must be ReadWriteMany/),
    ]);
    const sized = (replicas: number, hpa: Answers['sizing']['backend']['hpa']) => {
      const a = plan350({ ...on, crons: false });
      a.sizing.backend = { replicas, hpa };
      return a;
    };
    expect(warn(sized(2, { enabled: false }))).toEqual([
      expect.stringMatching(/mounted by up to 2 backend pods at once: .*ReadWriteMany/),
    ]);
    expect(warn(sized(1, { enabled: true, maxReplicas: 1, cpuPercent: 50 }))).toEqual([]);
    expect(warn(sized(1, { enabled: true, maxReplicas: 3, cpuPercent: 50 }))).toEqual([
      expect.stringMatching(/up to 3 backend pods/),
    ]);
    expect(issues(plan350({ ...on }))).toEqual([]);
    expect(warn(plan350({ crons: true }))).toEqual([]);
  });
});

describe('crons', () => {
  it('off is valid for 3.50 and says what it costs', () => {
    expect(issues(plan350({ crons: false }))).toEqual([]);
    const w = warningsFor(plan350({ crons: false })).filter((x) => x.path[1] === 'crons');
    expect(w.map((x) => x.message)).toEqual([
      expect.stringMatching(/^Crons off: no <release>-crons Deployment .*scheduled and background/),
    ]);
    expect(warningsFor(plan350()).filter((x) => x.path[1] === 'crons')).toEqual([]);
  });
});

describe('node selection', () => {
  const sel = (nodeSelector: string[], tolerations: string[] = []) =>
    issues(plan350({ nodeSelector, tolerations }));

  it('labels as key=value: valid keys and values pass, each bad line refused at its index', () => {
    expect(sel(['pool=lightrun', 'example.com/tier=db', 'empty='])).toEqual([]);
    expect(sel(['pool'])).toEqual([
      'workloads.nodeSelector.0: "pool": write a node label as key=value, e.g. pool=lightrun.',
    ]);
    expect(sel(['ok=1', 'Bad Key=x'])).toEqual([
      expect.stringMatching(/^workloads\.nodeSelector\.1: "Bad Key" is no label key/),
    ]);
    expect(sel(['pool=a b'])).toEqual([expect.stringMatching(/"a b" is no label value/)]);
    expect(sel(['EX.com/pool=x'])).toEqual([expect.stringMatching(/is no label prefix/)]);
    expect(sel([`k=${'v'.repeat(63)}`])).toEqual([]);
    expect(sel([`k=${'v'.repeat(64)}`])).toHaveLength(1);
    expect(sel([`${'k'.repeat(63)}=v`])).toEqual([]);
    expect(sel([`${'k'.repeat(64)}=v`])).toHaveLength(1);
    expect(sel(['pool=a', 'pool=b'])).toEqual([
      expect.stringMatching(/^workloads\.nodeSelector\.1: The label pool is listed twice/),
    ]);
  });

  it('tolerations as taints: key=value:Effect, key:Effect, key=value, key', () => {
    expect(sel([], ['dedicated=lightrun:NoSchedule', 'gpu:NoExecute', 'a=b', 'c'])).toEqual([]);
    expect(parseTolerationLine('dedicated=lightrun:NoSchedule')).toEqual({
      key: 'dedicated',
      operator: 'Equal',
      value: 'lightrun',
      effect: 'NoSchedule',
    });
    expect(parseTolerationLine('gpu')).toEqual({ key: 'gpu', operator: 'Exists' });
    expect(sel([], ['a=b:Never'])).toEqual([
      expect.stringMatching(/^workloads\.tolerations\.0: "Never" is no taint effect/),
    ]);
    expect(sel([], ['a=b=c'])).toEqual([
      expect.stringMatching(/write a taint as key=value:Effect/),
    ]);
    expect(sel([], ['x:NoSchedule', 'x:NoSchedule'])).toEqual([
      'workloads.tolerations.1: This taint is listed twice.',
    ]);
  });

  it('a values file: what lines can say is read back, anything more is not', () => {
    expect(selectorLines({ pool: 'lr', 'a.io/b': '' })).toEqual(['pool=lr', 'a.io/b=']);
    expect(selectorLines({ pool: 1 })).toBeNull();
    expect(selectorLines(['pool=lr'])).toBeNull();
    expect(
      tolerationLines([
        { key: 'd', operator: 'Equal', value: 'lr', effect: 'NoSchedule' },
        { key: 'g', operator: 'Exists' },
        { key: 'h', value: 'v' },
      ]),
    ).toEqual(['d=lr:NoSchedule', 'g', 'h=v']);
    expect(tolerationLines([{ key: 'd', operator: 'Exists', tolerationSeconds: 30 }])).toBeNull();
    expect(tolerationLines([{ operator: 'Exists' }])).toBeNull();
    expect(tolerationLines([{ key: 'd', operator: 'Exists', value: 'x' }])).toBeNull();
    expect(tolerationLines([{ key: 'd', operator: 'Lt', value: '1' }])).toBeNull();
  });
});

describe('chart 3.9.4 has none of these', () => {
  const a394 = (w: Partial<W>) => ({ ...validAnswers(), workloads: { ...W0, ...w } });
  it('each set answer is refused at its field, saying what to do; the defaults pass', () => {
    expect(issues(a394({}))).toEqual([]);
    expect(issues(a394({ crons: false }))).toEqual([
      'workloads.crons: Chart 3.9.4 has no crons workload to turn off: turn crons back on, or plan chart 3.50.0 (Endpoint & license).',
    ]);
    expect(issues(a394({ heapDumps: { mode: 'claim', claim: 'd' } }))).toEqual([
      expect.stringMatching(/^workloads\.heapDumps\.mode: Chart 3\.9\.4 keeps no heap dumps/),
    ]);
    expect(issues(a394({ nodeSelector: ['a=b'] }))).toEqual([
      expect.stringMatching(/^workloads\.nodeSelector: Chart 3\.9\.4 plans have no node selection/),
    ]);
    expect(issues(a394({ tolerations: ['a:NoSchedule'] }))).toEqual([
      expect.stringMatching(/^workloads\.tolerations: Chart 3\.9\.4 plans have no tolerations/),
    ]);
  });
});
