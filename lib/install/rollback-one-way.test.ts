// The rollback guard's reading of the release (helm faked): which revisions it asks helm about,
// the contract it takes (annotation, else version), and what it does when helm cannot say.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../helm/history';
import type { RunResult } from '../helm/spawn';
import type { HelmCli } from './helm-cli';
import { OneWayRollback, refuseOneWayRollback } from './rollback-one-way';
import { ConflictError } from './errors';

const target = { context: null, namespace: 'lr-ns', release: 'acme' };
const res = (stdout: string, code = 0): RunResult => ({
  code,
  signal: null,
  stdout,
  stderr: code ? 'Error: boom' : '',
  cancelled: false,
});
const meta = (chart: string, version: string, contract?: string) =>
  JSON.stringify({
    chart,
    version,
    ...(contract ? { annotations: { 'lightrun.com/values-contract': contract } } : {}),
  });

/** A helm whose `get metadata --revision=N` answers from `byRevision`; records each argv. */
function fakeHelm(byRevision: Record<number, RunResult>) {
  const calls: string[][] = [];
  const helm: HelmCli = {
    bin: { path: '/fake/helm', source: 'PATH', version: { major: 4, minor: 3, patch: 1, raw: '' } },
    redact: (t) => t,
    async run(args) {
      calls.push(args);
      const rev = Number(args.find((a) => a.startsWith('--revision='))?.split('=')[1]);
      return byRevision[rev] ?? res('', 1);
    },
  };
  return { helm, calls };
}

const h = (revision: number, chart: string): HistoryEntry => ({
  revision,
  status: 'superseded',
  chart,
});
const PROJECT_394 = res(meta('lightrun', '0.1.0', '3.9.4'));
const PROJECT_350 = res(meta('lightrun', '0.2.0', '3.50.0'));

describe('refuseOneWayRollback', () => {
  it('refuses 3.50 → 3.9.4 by the charts’ annotation, reading only the revisions it needs', async () => {
    const { helm, calls } = fakeHelm({ 1: PROJECT_394, 2: PROJECT_350 });
    const history = [h(1, 'lightrun-0.1.0'), h(2, 'lightrun-0.2.0')];
    const refused = refuseOneWayRollback(helm, target, history, 1);
    await expect(refused).rejects.toBeInstanceOf(OneWayRollback);
    await expect(refused).rejects.toBeInstanceOf(ConflictError); // answered 409
    await expect(refused).rejects.toThrow(
      'Rollback of acme to revision 1 (chart lightrun-0.1.0, values contract 3.9.4) refused: revision 2 (chart lightrun-0.2.0, values contract 3.50.0)',
    );
    expect(calls.map((a) => a.find((x) => x.startsWith('--revision=')))).toEqual([
      '--revision=1',
      '--revision=2',
    ]);
    expect(calls[0]).toEqual([
      'get',
      'metadata',
      '--namespace=lr-ns',
      '--revision=1',
      '--output=json',
      '--',
      'acme',
    ]);
  });

  it('takes the chart version when there is no annotation (the vendor chart)', async () => {
    const { helm } = fakeHelm({
      3: res(meta('lightrun-helm-chart', '3.9.4')),
      4: res(meta('lightrun-helm-chart', '3.50.0')),
    });
    const history = [h(3, 'lightrun-helm-chart-3.9.4'), h(4, 'lightrun-helm-chart-3.50.0')];
    await expect(refuseOneWayRollback(helm, target, history, 3)).rejects.toThrow(
      'values contract 3.9.4) refused: revision 4',
    );
  });

  it('asks helm nothing when every later revision runs the target’s chart', async () => {
    const { helm, calls } = fakeHelm({});
    const history = [h(1, 'lightrun-0.1.0'), h(2, 'lightrun-0.2.0'), h(3, 'lightrun-0.2.0')];
    await expect(refuseOneWayRollback(helm, target, history, 2)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('lets helm roll back when it cannot read a revision’s chart (no crossing it can name)', async () => {
    const { helm } = fakeHelm({ 1: PROJECT_394, 2: res('', 1) });
    const history = [h(1, 'lightrun-0.1.0'), h(2, 'lightrun-0.2.0')];
    await expect(refuseOneWayRollback(helm, target, history, 1)).resolves.toBeUndefined();
  });

  it('a revision not in the history is left to the caller', async () => {
    const { helm, calls } = fakeHelm({});
    await expect(refuseOneWayRollback(helm, target, [h(1, 'x-1')], 9)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
  });
});
