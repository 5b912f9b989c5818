// The lib functions of POST /api/releases/upgrade-plan and /upgrade-values (lib/install/
// upgrade-plan.ts) against a live U4-like release of chart/ (3.9.4: local MySQL on claim
// `lrdata`, local RabbitMQ on a 10Gi claim), helm v4, in a namespace of its own
// (docs/upgrade.md, "The plan page"): the plan names the RabbitMQ StatefulSet the API server
// refuses, keeps the MySQL claim by its UID, puts the RabbitMQ claim at risk, and carries none of
// the release's passwords — which the values download does carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { planOffer, verdict } from '../../components/upgrade-plan-view';
import { upgradePlanOfRelease, upgradeValuesOfRelease } from '../../lib/install/upgrade-plan';
import { RELEASES_394 } from '../../lib/upgrade/__fixtures__/releases';
import { requireKube, warmUpKwok, freshNamespace, helmDeploy } from './cluster';
import { chartDir, helmBinaries } from './helm';
import { cleanup350, kwokSmall350, valuesFile } from './chart350';

const REL = 'acme';
const bins = helmBinaries();
const v4 = bins.find((b) => b.name === 'helm v4') ?? bins[0]!;
// the release's secrets as it was installed with them (lib/upgrade/__fixtures__/releases.ts)
const PASSWORDS = ['Db-pass-123', 'Keycl0ak-admin-pw', 'keystore-pw-123', 'Mq-pass-123'];

let kubeconfig: string;
let core: k8s.CoreV1Api;
const namespaces: string[] = [];

beforeAll(async () => {
  let kc: k8s.KubeConfig;
  ({ kc, kubeconfig } = await requireKube());
  core = kc.makeApiClient(k8s.CoreV1Api);
  await warmUpKwok(kc, (ns) => namespaces.push(ns));
});

afterAll(async () => {
  cleanup350();
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('the upgrade plan route’s lib function on a live 3.9.4 release', () => {
  it('U4-like: the verdict names StatefulSet acme-mq, the MySQL claim is kept by UID, no password', async () => {
    const ns = await freshNamespace(core, 'lw-plan-route', (n) => namespaces.push(n));
    const values = RELEASES_394.U4!;
    expect(JSON.stringify(values)).toContain('Mq-pass-123');
    const install = await helmDeploy(
      v4,
      { kubeconfig, release: REL, namespace: ns },
      'install',
      chartDir,
      [valuesFile(values), kwokSmall350],
    );
    expect(install.code, install.stderr).toBe(0);

    const plan = await upgradePlanOfRelease({ release: REL, namespace: ns, chart: 'bundled' });
    expect(plan.release).toEqual({
      name: REL,
      namespace: ns,
      revision: 1,
      chart: 'lightrun-0.1.0',
    });
    expect(planOffer({ chart: plan.release!.chart })).toEqual({ offered: true });
    expect('values' in plan).toBe(false);
    const text = JSON.stringify(plan);
    for (const p of PASSWORDS) expect(text).not.toContain(p);

    const v = verdict(plan);
    expect(v.ok).toBe(false);
    expect(v.refusals.map((r) => r.object)).toEqual([`StatefulSet ${REL}-mq`]);
    expect(v.refusals[0]!.message).toContain('Forbidden: updates to statefulset spec');
    expect(plan.steps.map((s) => s.id)).toContain('delete-mq-statefulset-and-pvc');
    const uid = (
      await core.readNamespacedPersistentVolumeClaim({
        name: `lrdata-${REL}-mysql-0`,
        namespace: ns,
      })
    ).metadata!.uid!;
    expect(plan.objects!.claimsKept.map((c) => [c.name, c.uid])).toEqual([
      [`lrdata-${REL}-mysql-0`, uid],
    ]);
    expect(plan.objects!.claimsAtRisk.map((c) => c.name)).toEqual([`${REL}-mq-data-${REL}-mq-0`]);

    // the download, asked for separately, is the values file with the passwords
    const file = await upgradeValuesOfRelease({ release: REL, namespace: ns });
    expect(file.file).toBe('values-3.50.yaml');
    expect(file.yaml).toContain('Db-pass-123');
    expect(file.yaml).toContain('general:');
  }, 600_000);
});
