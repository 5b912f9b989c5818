import { describe, expect, it } from 'vitest';
import {
  forInClusterHelm,
  IN_CLUSTER_CONTEXT,
  getManifestArgs,
  getValuesArgs,
  historyArgs,
  rollbackArgs,
  statusArgs,
  templateArgs,
  uninstallArgs,
  upgradeInstallArgs,
} from './args';

const base = {
  context: 'kind-lab',
  namespace: 'lightrun',
  release: 'lr',
  chart: '/srv/chart',
  valuesFiles: ['/tmp/lw-x/values.yaml', '/tmp/lw-x/secrets.yaml'],
  timeoutSeconds: 600,
};

describe('upgradeInstallArgs', () => {
  it.each([
    [
      'helm 4: hooks only, never rollback-on-failure',
      4 as const,
      base,
      [
        'upgrade',
        '--install',
        '--kube-context=kind-lab',
        '--namespace=lightrun',
        '--values=/tmp/lw-x/values.yaml',
        '--values=/tmp/lw-x/secrets.yaml',
        '--timeout=600s',
        '--wait=hookOnly',
        '--',
        'lr',
        '/srv/chart',
      ],
    ],
    [
      'helm 3: no --wait, never --atomic',
      3 as const,
      base,
      [
        'upgrade',
        '--install',
        '--kube-context=kind-lab',
        '--namespace=lightrun',
        '--values=/tmp/lw-x/values.yaml',
        '--values=/tmp/lw-x/secrets.yaml',
        '--timeout=600s',
        '--',
        'lr',
        '/srv/chart',
      ],
    ],
    [
      'current context, oci chart with a version',
      4 as const,
      {
        ...base,
        context: null,
        chart: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
        chartVersion: '3.9.4',
        valuesFiles: ['/t/v.yaml'],
        timeoutSeconds: 300,
      },
      [
        'upgrade',
        '--install',
        '--namespace=lightrun',
        '--values=/t/v.yaml',
        '--version=3.9.4',
        '--timeout=300s',
        '--wait=hookOnly',
        '--',
        'lr',
        'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
      ],
    ],
  ])('%s', (_n, major, a, want) => {
    expect(upgradeInstallArgs(major, a)).toEqual(want);
  });

  it('puts a hostile-looking value inside its flag, never as a flag of its own', () => {
    const argv = upgradeInstallArgs(3, { ...base, valuesFiles: ['--post-renderer=/bin/sh'] });
    expect(argv).toContain('--values=--post-renderer=/bin/sh');
    expect(argv).not.toContain('--post-renderer=/bin/sh');
  });
});

describe('the other commands', () => {
  const t = { context: 'c1', namespace: 'ns1' };
  it.each([
    [
      'template',
      templateArgs({ namespace: 'ns1', release: 'r', chart: '/c', valuesFiles: ['/v'] }),
      ['template', '--namespace=ns1', '--values=/v', '--', 'r', '/c'],
    ],
    [
      'template with version',
      templateArgs({
        namespace: 'ns1',
        release: 'r',
        chart: 'oci://h/c',
        chartVersion: '3.9.4',
        valuesFiles: [],
      }),
      ['template', '--namespace=ns1', '--version=3.9.4', '--', 'r', 'oci://h/c'],
    ],
    [
      'get values',
      getValuesArgs(t, 'r'),
      ['get', 'values', '--kube-context=c1', '--namespace=ns1', '--output=json', '--', 'r'],
    ],
    [
      'get values of a revision',
      getValuesArgs(t, 'r', 3),
      [
        'get',
        'values',
        '--kube-context=c1',
        '--namespace=ns1',
        '--revision=3',
        '--output=json',
        '--',
        'r',
      ],
    ],
    [
      'get manifest',
      getManifestArgs(t, 'r'),
      ['get', 'manifest', '--kube-context=c1', '--namespace=ns1', '--', 'r'],
    ],
    [
      'status',
      statusArgs({ context: null, namespace: 'ns1' }, 'r'),
      ['status', '--namespace=ns1', '--output=json', '--', 'r'],
    ],
    [
      'history',
      historyArgs(t, 'r'),
      ['history', '--kube-context=c1', '--namespace=ns1', '--output=json', '--max=20', '--', 'r'],
    ],
    [
      'rollback v4',
      rollbackArgs(4, { ...t, timeoutSeconds: 120 }, 'r', 3),
      [
        'rollback',
        '--kube-context=c1',
        '--namespace=ns1',
        '--timeout=120s',
        '--wait=hookOnly',
        '--',
        'r',
        '3',
      ],
    ],
    [
      'rollback v3',
      rollbackArgs(3, { ...t, timeoutSeconds: 120 }, 'r', 0),
      ['rollback', '--kube-context=c1', '--namespace=ns1', '--timeout=120s', '--', 'r', '0'],
    ],
    [
      'uninstall v4',
      uninstallArgs(4, { ...t, timeoutSeconds: 60 }, 'r'),
      [
        'uninstall',
        '--kube-context=c1',
        '--namespace=ns1',
        '--timeout=60s',
        '--wait=hookOnly',
        '--',
        'r',
      ],
    ],
    [
      'uninstall v3',
      uninstallArgs(3, { ...t, timeoutSeconds: 60 }, 'r'),
      ['uninstall', '--kube-context=c1', '--namespace=ns1', '--timeout=60s', '--', 'r'],
    ],
  ])('%s', (_n, got, want) => {
    expect(got).toEqual(want);
  });
});

describe('forInClusterHelm', () => {
  const args = ['history', '--kube-context=inClusterContext', '--namespace=ns', '--', 'lr'];
  it("in a pod drops only the in-cluster context flag (helm uses the pod's service account itself)", () => {
    expect(IN_CLUSTER_CONTEXT).toBe('inClusterContext');
    expect(forInClusterHelm(args, true)).toEqual(['history', '--namespace=ns', '--', 'lr']);
    expect(forInClusterHelm(['history', '--kube-context=prod', '--', 'lr'], true)).toEqual([
      'history',
      '--kube-context=prod',
      '--',
      'lr',
    ]);
  });
  it('elsewhere changes nothing', () => {
    expect(forInClusterHelm(args, false)).toEqual(args);
  });
});
