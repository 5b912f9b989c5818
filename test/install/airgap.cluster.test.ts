// An air-gapped install on the local cluster: the chart as a .tgz (helm package), the answers
// with a private registry, real helm v4 and v3. Every container and init container of every pod
// the release created pulls from the registry, and they are exactly `npm run cli -- images`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { answersFile, cli, dropNamespace, helms, repoRoot, requireKube, uniqueNs } from './helpers';

const { v4, v3 } = helms();
const REG = 'registry.example.com:5000';
let kc: k8s.KubeConfig;
let kubeconfig: string;
const namespaces: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
});
afterEach(async () => {
  for (const n of namespaces.splice(0)) if (kc) await dropNamespace(kc, n);
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each([
  ['helm v4', () => v4],
  ['helm v3', () => v3],
])('air-gapped install with %s', (_name, bin) => {
  it('installs the packaged chart with a private registry: every pod image comes from it, as listed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-airgap-tgz-'));
    dirs.push(dir);
    const p = spawnSync(
      bin().path,
      ['package', path.join(repoRoot, 'chart'), '--destination', dir],
      { encoding: 'utf8' },
    );
    expect(p.status, p.stderr).toBe(0);
    const tgz = path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
    );
    const answers = answersFile(
      {
        registry: { mode: 'private', host: REG, prefix: 'mirror', insecure: false, tokenHost: '' },
        pullSecret: {
          mode: 'inline',
          configContent: Buffer.from(
            JSON.stringify({ auths: { [REG]: { auth: Buffer.from('u:p').toString('base64') } } }),
          ).toString('base64'),
        },
      },
      dirs,
    );
    const namespace = uniqueNs('lw-airgap');
    namespaces.push(namespace);
    const r = await cli(
      [
        'install',
        '--answers',
        answers,
        '--namespace',
        namespace,
        '--release',
        'lr',
        '--chart',
        tgz,
        '--timeout',
        '180',
      ],
      { KUBECONFIG: kubeconfig, HELM: bin().path },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);

    const pods = (await kc.makeApiClient(k8s.CoreV1Api).listNamespacedPod({ namespace })).items;
    const images = new Set(
      pods.flatMap((pod) =>
        [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.image!),
      ),
    );
    expect([...images].filter((i) => !i.startsWith(`${REG}/mirror/`))).toEqual([]);
    const listed = await cli(['images', '--answers', answers], {});
    expect(listed.code, listed.stderr).toBe(0);
    expect([...images].sort()).toEqual(listed.stdout.trim().split('\n'));
    // every pod references the chart-made pull secret holding the registry's login
    for (const pod of pods)
      expect(pod.spec?.imagePullSecrets?.map((s) => s.name)).toEqual(['lr-lightrun-dockerhub']);
  }, 240_000);
});
