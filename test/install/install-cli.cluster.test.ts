// `npm run cli -- install` against the local cluster with real helm v4 and v3: all ready → exit 0;
// a wrong image tag → non-zero, naming pod, image and ImagePullBackOff long before helm's 5 minutes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import {
  answersFile,
  cli,
  dropNamespace,
  helms,
  podsReady,
  quickDefault,
  repoRoot,
  requireKube,
  uniqueNs,
} from './helpers';

const { v4, v3 } = helms();
let kc: k8s.KubeConfig;
let kubeconfig: string;
const namespaces: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
});

// Each install takes about 5 of the 24 fake CPUs: free them before the next test.
afterEach(async () => {
  for (const n of namespaces.splice(0)) if (kc) await dropNamespace(kc, n);
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ns = (p: string) => {
  const n = uniqueNs(p);
  namespaces.push(n);
  return n;
};

describe.each([
  ['helm v4', () => v4.path],
  ['helm v3', () => v3.path],
])('cli install with %s', (_name, helmPath) => {
  it('installs examples/quick-default and exits 0 with every pod ready', async () => {
    const namespace = ns('lw-cli-ok');
    const r = await cli(
      [
        'install',
        '--chart',
        'bundled',
        '--answers',
        quickDefault,
        '--namespace',
        namespace,
        '--release',
        'lr',
        '--timeout',
        '180',
      ],
      { KUBECONFIG: kubeconfig, HELM: helmPath() },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Done: succeeded');
    expect(r.stdout).toContain(
      `First login: administrator@localhost.com; password: kubectl get secret lr-backend -n ${namespace}`,
    );
    const pods = await podsReady(kc, namespace, 'lr');
    expect(pods.length).toBe(5);
    expect(pods.filter(([, ready]) => !ready)).toEqual([]);
    // No secret of the answers in what the CLI printed.
    for (const s of [
      'Example-Db-Pass-1',
      'Example-Keycloak-Pass-1',
      'EXAMPLE-LICENSE-CONTENT',
      'example-keystore-1',
    ])
      expect(r.stdout + r.stderr).not.toContain(s);
  });
});

it("a wrong image tag exits 1 naming pod, image and the pull failure (ErrImagePull/ImagePullBackOff) well under helm's 5 minutes", async () => {
  const namespace = ns('lw-cli-tag');
  const answers = answersFile({ 'general.lightrunVersion': 'does-not-exist' }, dirs);
  const r = await cli(
    [
      'install',
      '--chart',
      'bundled',
      '--answers',
      answers,
      '--namespace',
      namespace,
      '--release',
      'lr',
      '--timeout',
      '300',
    ],
    { KUBECONFIG: kubeconfig, HELM: v4.path },
  );
  expect(r.code, r.stdout).toBe(1);
  const done = r.stdout.slice(r.stdout.indexOf('Done: failed'));
  // The registry's "not found" makes the failure certain at the first ErrImagePull; the kubelet
  // then backs off (ImagePullBackOff). Either reason names the pod and the image.
  expect(done).toMatch(
    /\n {2}lr-(backend|frontend|keycloak)-[a-z0-9]+-[a-z0-9]+: (ErrImagePull|ImagePullBackOff) \(container [a-z-]+, image lightruncom\/(server|webapp|keycloak):does-not-exist\): .*not found/,
  );
  expect(done).toContain('fix: Check that the tag "does-not-exist" exists');
  expect(r.ms).toBeLessThan(120_000);
}, 180_000);

it('installs a packaged chart (.tgz made by helm package)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-chart-tgz-'));
  dirs.push(dir);
  const p = spawnSync(v4.path, ['package', path.join(repoRoot, 'chart'), '--destination', dir], {
    encoding: 'utf8',
  });
  expect(p.status, p.stderr).toBe(0);
  const tgz = path.join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
  );
  const namespace = ns('lw-cli-tgz');
  const r = await cli(
    [
      'install',
      '--answers',
      quickDefault,
      '--namespace',
      namespace,
      '--release',
      'lr',
      '--chart',
      tgz,
      '--timeout',
      '180',
    ],
    { KUBECONFIG: kubeconfig, HELM: v3.path },
  );
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toContain(`chart ${tgz}`);
});

it('refuses hostile names and chart references before anything runs (exit 2)', async () => {
  const cases: Array<[string[], string]> = [
    [['--release', '; rm -rf /'], 'release: Use lower-case letters'],
    [['--namespace', '--all'], 'namespace: Use lower-case letters, digits and "-", starting'],
    [
      ['--chart', '--post-renderer=/bin/sh'],
      'chart.ref: A chart reference may not start with "-".',
    ],
    [
      ['--chart', '/nonexistent/chart'],
      "chart.ref: /nonexistent/chart is not a chart directory on the wizard's server (a directory with Chart.yaml).",
    ],
  ];
  for (const [extra, message] of cases) {
    const r = await cli(['install', '--answers', quickDefault, ...extra], {
      KUBECONFIG: kubeconfig,
      HELM: v4.path,
    });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
  }
});
