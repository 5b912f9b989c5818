// Chart 3.50's crons, heap dumps and node selection (docs/chart-3.50.md §4, §8.1, §8.9) as the
// wizard writes them render with chart-3.50/ under helm v4 and v3: crons' Deployment and
// ServiceAccount only while on, /dumps of backend and crons on the answered claim, and one node
// selection on every workload — MySQL and RabbitMQ included, because the wizard repeats it.
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validAnswers } from '../../lib/answers/__fixtures__/valid-answers';
import { branchDefault } from '../../lib/answers/branches';
import { validateAnswers, type Answers } from '../../lib/answers';
import { renderYaml } from '../../lib/values';
import { cleanup350, render350 } from './chart350';
import { find, helmBinaries, isWorkload, maybe, podSpec } from './helm';

afterAll(cleanup350);
const REL = 'acme';
type W = NonNullable<Answers['workloads']>;

function plan(w: Partial<W>): Answers {
  const a = { ...validAnswers(), chart: '3.50.0' as const };
  if (a.secrets.mode === 'chart') a.secrets = { ...a.secrets, encryptionKey: btoa('k'.repeat(32)) };
  a.messageQueue = {
    ...branchDefault('messageQueue', 'local'),
    user: 'mq',
    password: 'mq-password',
  } as Answers['messageQueue'];
  a.workloads = {
    crons: true,
    heapDumps: { mode: 'off' },
    nodeSelector: [],
    tolerations: [],
    ...w,
  };
  const r = validateAnswers(a);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

describe.each(helmBinaries())('chart 3.50 workloads with $name', (bin) => {
  const render = (a: Answers) => {
    const r = renderYaml(a, { splitSecrets: true });
    return render350(bin, [parse(r.values) as object, parse(r.secrets ?? '{}') as object], {
      release: REL,
    });
  };
  const dumpsVolume = (o: ReturnType<typeof render>, name: string) =>
    (podSpec(find(o, 'Deployment', name)).volumes ?? []).find((v) => v.name === 'dumps');

  it('crons: Deployment and ServiceAccount while on, neither when off', () => {
    const on = render(plan({}));
    expect(maybe(on, 'Deployment', `${REL}-crons`)).toBeTruthy();
    expect(maybe(on, 'ServiceAccount', `${REL}-crons`)).toBeTruthy();
    const off = render(plan({ crons: false }));
    expect(maybe(off, 'Deployment', `${REL}-crons`)).toBeUndefined();
    expect(maybe(off, 'ServiceAccount', `${REL}-crons`)).toBeUndefined();
  });

  it('heap dumps: an emptyDir by default; the claim for backend and crons when answered', () => {
    const def = render(plan({}));
    expect(dumpsVolume(def, `${REL}-backend`)?.emptyDir).toEqual({ sizeLimit: '5Gi' });
    const o = render(plan({ heapDumps: { mode: 'claim', claim: 'lr-dumps' } }));
    for (const d of [`${REL}-backend`, `${REL}-crons`])
      expect(dumpsVolume(o, d)?.persistentVolumeClaim, d).toEqual({ claimName: 'lr-dumps' });
  });

  it('node selection: every workload on the labelled nodes, tolerating the taint', () => {
    const o = render(
      plan({ nodeSelector: ['pool=lightrun'], tolerations: ['dedicated=lightrun:NoSchedule'] }),
    );
    const workloads = o.filter(isWorkload);
    expect(workloads.map((w) => w.metadata.name)).toEqual(
      expect.arrayContaining([`${REL}-mysql`, `${REL}-mq`, `${REL}-backend`, `${REL}-crons`]),
    );
    for (const w of workloads) {
      const s = podSpec(w);
      expect(s.nodeSelector, w.metadata.name).toEqual({ pool: 'lightrun' });
      expect(s.tolerations, w.metadata.name).toEqual([
        { key: 'dedicated', operator: 'Equal', value: 'lightrun', effect: 'NoSchedule' },
      ]);
    }
  });
});
