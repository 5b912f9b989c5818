// The longest release name the wizard allows for chart 3.50 (RELEASE_NAME_MAX, 43: docs/chart-3.50.md
// G10) installs chart-3.50 on the local cluster with Keycloak clustered (two StatefulSet pods and
// the <release>-keycloak-headless Service): every pod is created and Ready. One more character
// fails only when the StatefulSet's revision hash has its full 10 characters, which is most of the
// time (the controller then refuses the pod label `<release>-keycloak-<hash>`, over 63): seen here
// with 45 and 44 characters, and why the rule is 43, not the 45 the API server alone accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { RELEASE_NAME_MAX } from '../../lib/answers/schema';
import { freshNamespace, helmDeploy, requireKube, waitUntil, warmUpKwok } from './cluster';
import { chart350Dir, helmBinaries } from './helm';
import { kwokSmall350, minimal350 } from './chart350';

const bin = helmBinaries()[0]!;
const REL = `lw${'x'.repeat(RELEASE_NAME_MAX['3.50.0'] - 2)}`;
let kc: k8s.KubeConfig;
let kubeconfig: string;
let core: k8s.CoreV1Api;
const namespaces: string[] = [];

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
  core = kc.makeApiClient(k8s.CoreV1Api);
  await warmUpKwok(kc, (ns) => namespaces.push(ns));
});
afterAll(async () => {
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('release name at the 3.50 limit', () => {
  it(`${REL.length} characters: clustered Keycloak's pods are created and every pod is Ready`, async () => {
    expect(REL).toHaveLength(43);
    const ns = await freshNamespace(core, 'lw-relname', (n) => namespaces.push(n));
    const r = await helmDeploy(
      bin,
      { kubeconfig, release: REL, namespace: ns },
      'install',
      chart350Dir,
      [minimal350, kwokSmall350],
      [
        '--set',
        'deployments.keycloak.replicas=2',
        '--set',
        'deployments.keycloak.clusterMode=true',
      ],
    );
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
    const pods = await waitUntil(
      'every pod Ready',
      async () => {
        const items = (await core.listNamespacedPod({ namespace: ns })).items;
        const ready = items.filter((p) =>
          p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        );
        return items.length > 0 && ready.length === items.length ? items : false;
      },
      120_000,
    );
    const names = pods.map((p) => p.metadata!.name!);
    expect(names).toEqual(expect.arrayContaining([`${REL}-keycloak-0`, `${REL}-keycloak-1`]));
    await core.readNamespacedService({ name: `${REL}-keycloak-headless`, namespace: ns });
  });
});
